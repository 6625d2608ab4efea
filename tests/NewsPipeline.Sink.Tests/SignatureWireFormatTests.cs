using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Serialization;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink.Tests;

/// <summary>The near-duplicate signature travels from worker to sink as base64, with MassTransit's own JSON options.</summary>
public sealed class SignatureWireFormatTests
{
    private static readonly uint[] Signature = [.. Enumerable.Range(0, 129).Select(i => unchecked((uint)(i * 2_654_435_761L)))];

    private static ArticleAnalysed Article(uint[] signature) => new()
    {
        ArticleId = "a1", FileName = "a.txt", ReceivedAt = DateTimeOffset.UnixEpoch, Title = "Title", Body = "Body text.",
        Category = "World", BodyHash = "00", Signature = signature,
    };

    /// <summary>An article as MassTransit writes it, with its signature property replaced.</summary>
    private static string WithSignature(JsonNode signature)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(Article(Signature), SystemTextJsonMessageSerializer.Options))!.AsObject();
        var name = node.Select(p => p.Key).Single(k => k.Equals("signature", StringComparison.OrdinalIgnoreCase));
        node[name] = signature;
        return node.ToJsonString();
    }

    [Fact]
    public void Signature_IsWrittenAsBase64_AndReadBackUnchanged()
    {
        var json = JsonSerializer.Serialize(Article(Signature), SystemTextJsonMessageSerializer.Options);

        using var document = JsonDocument.Parse(json);
        var wire = document.RootElement.EnumerateObject().Single(p => p.Name.Equals("signature", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Equal(JsonValueKind.String, wire.ValueKind);
        Assert.Equal(129 * 4, Convert.FromBase64String(wire.GetString()!).Length);
        Assert.Equal(Signature, JsonSerializer.Deserialize<ArticleAnalysed>(json, SystemTextJsonMessageSerializer.Options)!.Signature);
    }

    [Fact]
    public void Signature_WrittenAsNumbers_ByAnEarlierWorker_IsStillRead()
    {
        var json = WithSignature(new JsonArray([.. Signature.Select(v => JsonValue.Create(v))]));
        Assert.Contains("[0,", json, StringComparison.Ordinal);

        Assert.Equal(Signature, JsonSerializer.Deserialize<ArticleAnalysed>(json, SystemTextJsonMessageSerializer.Options)!.Signature);
    }

    [Fact]
    public void Signature_OfTruncatedBytes_IsAClearError()
    {
        var json = WithSignature(JsonValue.Create("AAAA"));

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ArticleAnalysed>(json, SystemTextJsonMessageSerializer.Options));
        Assert.Contains("multiple of 4 bytes", error.Message, StringComparison.Ordinal);
    }
}
