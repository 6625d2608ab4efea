-- 001: the schema as the release before migrations created it (ArticleColumns, SQLite). A database from that
-- release already has these tables: IF NOT EXISTS leaves them as they are (older shapes of them were brought up to
-- this one before, see LegacySchema).
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    byline TEXT,
    authors TEXT NOT NULL,
    source TEXT,
    contributors TEXT NOT NULL,
    url TEXT,
    published TEXT,
    modified TEXT,
    language TEXT,
    word_count INTEGER NOT NULL,
    category TEXT NOT NULL,
    confidence REAL NOT NULL,
    runner_up TEXT,
    runner_up_confidence REAL,
    duplicate_of TEXT,
    duplicate_of_file_name TEXT,
    story_id TEXT NOT NULL,
    similarity REAL,
    match_method TEXT,
    match_signal TEXT,
    received_at TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    signature BLOB);
CREATE INDEX IF NOT EXISTS ix_articles_story ON articles(story_id);

-- One row per delivery: one claim of one file (a file dropped again is a new claim, so a new row).
CREATE TABLE IF NOT EXISTS deliveries (
    article_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    status TEXT NOT NULL,
    duplicate_of TEXT,
    duplicate_of_file_name TEXT,
    story_id TEXT NOT NULL,
    similarity REAL,
    match_method TEXT,
    match_signal TEXT,
    received_at TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (article_id, file_name, claim_id));

-- The ordered event log: seq is the subscribers' cursor and must never be reused, even after the newest row is deleted.
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL, article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL,
    stage TEXT, reason TEXT, rejected_at TEXT,
    UNIQUE (event, article_id, file_name, claim_id));

-- A database from before the log: its deliveries become the log's first events, in the order they were processed, so
-- a subscriber starting from cursor 0 sees every stored outcome. (A log with rows was never empty before its deliveries.)
INSERT INTO events (event, article_id, file_name, claim_id)
    SELECT 'ArticleProcessed', article_id, file_name, claim_id FROM deliveries
    WHERE NOT EXISTS (SELECT 1 FROM events)
    ORDER BY processed_at, article_id, file_name;
