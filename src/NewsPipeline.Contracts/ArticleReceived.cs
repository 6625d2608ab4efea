namespace NewsPipeline.Contracts;

/// <summary>A claimed inbox file, announced by the watcher. The content travels inline so workers need no shared disk.</summary>
/// <param name="ArticleId">Hex SHA-256 of the raw content: the same bytes are always the same article.</param>
/// <param name="FileName">Path relative to the inbox, '/'-separated; identifies this delivery of the content.</param>
/// <param name="Content">The raw file bytes (size-capped by the watcher).</param>
/// <param name="ClaimId">This delivery: one claim of one file by the watcher. Redeliveries and re-announcements keep it;
/// the same file dropped again is a new claim. Empty where no watcher claimed the file (`process`).</param>
public sealed record ArticleReceived(
    string ArticleId,
    string FileName,
    byte[] Content,
    DateTimeOffset ReceivedAt,
    string ClaimId = "");
