using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Contracts.Events;

/// <summary>
/// The MessageId of a public event, derived from the delivery it reports: a redelivery of one claim republishes the same
/// id (subscribers drop the copy), a new drop of the same file is a new claim and so a new id.
/// </summary>
public static class EventIds
{
    /// <param name="claimId">The watcher's claim; empty for outcomes without one (`process`, events from before claims).</param>
    public static Guid Of(string eventName, string articleId, string fileName, string claimId)
    {
        // Without a claim, the id of earlier versions: (articleId, fileName).
        var key = claimId.Length == 0 && eventName == nameof(ArticleProcessed)
            ? articleId + "\n" + fileName
            : string.Join('\n', eventName, articleId, fileName, claimId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new Guid(hash[..16]);
    }

    public static Guid Of(ArticleProcessed e) => Of(nameof(ArticleProcessed), e.ArticleId, e.FileName, e.ClaimId);

    public static Guid Of(ArticleRejected e) => Of(nameof(ArticleRejected), e.ArticleId, e.FileName, e.ClaimId);
}
