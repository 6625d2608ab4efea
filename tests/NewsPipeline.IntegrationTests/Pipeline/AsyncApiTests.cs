using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// docs/asyncapi.json describes what subscribers really get: the events of a real run, taken off the real broker as
/// MassTransit serialised them, validate against its payload schemas (envelope and message).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class AsyncApiTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] EventNames = ["ArticleProcessed", "ArticleRejected"];

    private static JsonNode Document() => JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.RequiredRoot, "docs", "asyncapi.json")))!;

    /// <summary>One component schema as a standalone JSON Schema: the document's components become its $defs.</summary>
    private static JsonSchema Schema(string name)
    {
        var schemas = Document()["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var text = $$"""{ "$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {{schemas}}, "$ref": "#/$defs/{{name}}" }""";
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:newspipeline:asyncapi:{name}"));
    }

    internal static string Errors(EvaluationResults result) => string.Join("\n", (result.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));

    internal static EvaluationResults Validate(string schema, JsonElement instance) =>
        Schema(schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

    [Fact]
    public void Document_IsAsyncApi3_WithOneDurableFanoutChannelPerEvent()
    {
        var document = Document();
        Assert.Equal("3.0.0", document["asyncapi"]!.GetValue<string>());
        foreach (var name in EventNames)
        {
            var channel = document["channels"]!.AsObject().Select(c => c.Value!).Single(c => c["address"]!.GetValue<string>() == $"NewsPipeline.Contracts.Events:{name}");
            var exchange = channel["bindings"]!["amqp"]!["exchange"]!;
            Assert.Equal("fanout", exchange["type"]!.GetValue<string>());
            Assert.True(exchange["durable"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task EventsOfARealRun_ValidateAgainstTheirPayloadSchemas()
    {
        using var folders = new Folders();
        var virtualHost = await broker.NewVirtualHostAsync("asyncapi");
        var settings = folders.Settings();
        broker.AddBusSettings(settings, virtualHost);
        settings["Http:Url"] = "http://127.0.0.1:0";
        var o = broker.Options(virtualHost);
        await using var connection = await new ConnectionFactory { HostName = o.Host, Port = o.Port, VirtualHost = virtualHost, UserName = o.Username, Password = o.Password }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // As the document tells a subscriber: durable fanout exchanges, its own durable queue bound to them.
        await channel.QueueDeclareAsync("asyncapi-check", durable: true, exclusive: false, autoDelete: false);
        foreach (var name in EventNames)
        {
            await channel.ExchangeDeclareAsync($"NewsPipeline.Contracts.Events:{name}", ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync("asyncapi-check", $"NewsPipeline.Contracts.Events:{name}", "");
        }
        await using var pipeline = PipelineProcess.Start("all", settings);
        folders.Drop("seed.txt", TestPaths.SeedArticle());
        folders.Drop("empty.txt", []);

        var received = new Dictionary<string, JsonElement>();
        Assert.True(await Folders.WaitUntilAsync(async () =>
        {
            while (await channel.BasicGetAsync("asyncapi-check", autoAck: true) is { } got)
            {
                var envelope = JsonDocument.Parse(got.Body).RootElement.Clone();
                received[envelope.GetProperty("messageType")[0].GetString()!.Split(':')[^1]] = envelope;
            }
            return received.Count == 2;
        }, Timeout), $"received: {string.Join(", ", received.Keys)}\n{pipeline.Output}");

        foreach (var (name, envelope) in received)
        {
            output.WriteLine(envelope.GetRawText());
            var result = Validate(name + "Envelope", envelope);
            Assert.True(result.IsValid, $"{name} does not match docs/asyncapi.json:\n{Errors(result)}\n{envelope.GetRawText()}");
        }

        // The schema does reject what subscribers could not rely on: a message without its ArticleId, an unknown field.
        var processed = JsonNode.Parse(received["ArticleProcessed"].GetRawText())!;
        processed["message"]!.AsObject().Remove("articleId");
        Assert.False(Validate("ArticleProcessedEnvelope", JsonDocument.Parse(processed.ToJsonString()).RootElement).IsValid);
        var rejected = JsonNode.Parse(received["ArticleRejected"].GetRawText())!;
        rejected["message"]!["undocumented"] = 1;
        Assert.False(Validate("ArticleRejectedEnvelope", JsonDocument.Parse(rejected.ToJsonString()).RootElement).IsValid);
        Assert.False(Validate("ArticleProcessedEnvelope", received["ArticleRejected"]).IsValid);
    }
}
