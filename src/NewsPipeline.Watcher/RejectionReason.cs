using System.Text.Json;

namespace NewsPipeline.Watcher;

/// <summary>The <c>&lt;name&gt;.error.json</c> written next to a failed file.</summary>
public sealed record RejectionReason(string ArticleId, string FileName, string Stage, string Reason, DateTimeOffset Time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
