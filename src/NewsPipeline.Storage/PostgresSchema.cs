namespace NewsPipeline.Storage;

/// <summary>The same two tables as SQLite: one row per article, one per delivery (ArticleId, FileName).</summary>
internal static class PostgresSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS articles (
            seq BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE,
            file_name TEXT NOT NULL,
            status TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            byline TEXT, authors TEXT[] NOT NULL, source TEXT, contributors TEXT[] NOT NULL,
            url TEXT, published TIMESTAMPTZ, language TEXT, word_count INTEGER NOT NULL,
            category TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, runner_up TEXT, runner_up_confidence DOUBLE PRECISION,
            duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity DOUBLE PRECISION, match_method TEXT,
            body_hash TEXT NOT NULL, signature BYTEA,
            received_at TIMESTAMPTZ NOT NULL, processed_at TIMESTAMPTZ NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_articles_story ON articles(story_id);
        CREATE TABLE IF NOT EXISTS deliveries (
            article_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            status TEXT NOT NULL,
            duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity DOUBLE PRECISION, match_method TEXT,
            received_at TIMESTAMPTZ NOT NULL, processed_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (article_id, file_name));
        """;

    public const string InsertArticle = """
        INSERT INTO articles (article_id, file_name, status, title, body, byline, authors, source, contributors,
            url, published, language, word_count, category, confidence, runner_up, runner_up_confidence,
            duplicate_of, duplicate_of_file_name, story_id, similarity, match_method, body_hash, signature, received_at, processed_at)
        VALUES (@id, @file, @status, @title, @body, @byline, @authors, @source, @contributors,
            @url, @published, @language, @words, @category, @confidence, @runnerUp, @runnerUpConfidence,
            @duplicateOf, @duplicateOfFile, @story, @similarity, @method, @hash, @signature, @received, @processed)
        ON CONFLICT (article_id) DO NOTHING
        """;

    public const string InsertDelivery = """
        INSERT INTO deliveries (article_id, file_name, status, duplicate_of, duplicate_of_file_name, story_id,
            similarity, match_method, received_at, processed_at)
        VALUES (@id, @file, @status, @duplicateOf, @duplicateOfFile, @story, @similarity, @method, @received, @processed)
        ON CONFLICT (article_id, file_name) DO NOTHING
        """;

    public const string SelectArticle = """
        SELECT article_id, file_name, status, title, body, byline, authors, source, contributors,
            url, published, language, word_count, category, confidence, runner_up, runner_up_confidence,
            duplicate_of, duplicate_of_file_name, story_id, similarity, match_method, body_hash, signature,
            received_at, processed_at
        FROM articles WHERE article_id = @id
        """;

    /// <summary>The article's content with this delivery's own outcome.</summary>
    public const string SelectDelivery = """
        SELECT a.article_id, d.file_name, d.status, a.title, a.body, a.byline, a.authors, a.source, a.contributors,
            a.url, a.published, a.language, a.word_count, a.category, a.confidence, a.runner_up, a.runner_up_confidence,
            d.duplicate_of, d.duplicate_of_file_name, d.story_id, d.similarity, d.match_method, a.body_hash, a.signature,
            d.received_at, d.processed_at
        FROM deliveries d JOIN articles a ON a.article_id = d.article_id
        WHERE d.article_id = @id AND d.file_name = @file
        """;
}
