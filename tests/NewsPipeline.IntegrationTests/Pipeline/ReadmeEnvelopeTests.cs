using System.Text.Json;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// The README shows a message "exactly as a RabbitMQ subscriber receives it": that example validates against
/// docs/asyncapi.json, which <see cref="AsyncApiTests"/> checks against the events of a real run.
/// </summary>
public sealed class ReadmeEnvelopeTests
{
    private const string Marker = "exactly as a RabbitMQ subscriber receives it";

    [Fact]
    public void ReadmeEnvelopeExample_ValidatesAgainstTheAsyncApiDocument()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.RequiredRoot, "README.md")).ReplaceLineEndings("\n");
        var marker = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"README.md has no \"{Marker}\" example any more");
        var fence = readme.IndexOf("```json\n", marker, StringComparison.Ordinal);
        Assert.True(fence >= 0, "no ```json block after the README's envelope sentence");
        var start = fence + "```json\n".Length;
        var json = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        using var example = JsonDocument.Parse(json);
        var result = AsyncApiTests.Validate("ArticleProcessedEnvelope", example.RootElement);

        Assert.True(result.IsValid, $"README.md's envelope does not match docs/asyncapi.json:\n{AsyncApiTests.Errors(result)}\n{json}");
    }
}
