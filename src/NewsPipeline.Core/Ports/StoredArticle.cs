using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Ports;

/// <summary>
/// What the store keeps of one file's outcome: the public event exactly as published (so a redelivery republishes it
/// unchanged) and the fingerprint the duplicate index is rebuilt from.
/// </summary>
public sealed record StoredArticle(ArticleProcessed Outcome, Fingerprint Fingerprint);
