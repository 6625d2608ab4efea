using System.Text;
using System.Text.Json;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// The subscribers in examples/ (Python with pika, Node with amqplib) against the real broker and a real pipeline: they
/// receive every event of a drop, drop a redelivered messageId, and their durable queue keeps what was published while
/// they were away.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ExampleSubscriberTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string[] ProcessedType = ["urn:message:NewsPipeline.Contracts.Events:ArticleProcessed"];

    private static PipelineProcess StartSubscriber(string language, string url, string queue)
    {
        var folder = Path.Combine(Repository.RequiredRoot, "examples", language);
        return language == "python"
            ? PipelineProcess.StartProgram(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", ["subscriber.py", "--url", url, "--queue", queue], new Dictionary<string, string?>(), folder)
            : PipelineProcess.StartProgram("node", ["subscriber.js", "--url", url, "--queue", queue], new Dictionary<string, string?>(), folder);
    }

    private static List<JsonElement> Events(PipelineProcess subscriber) =>
        [.. subscriber.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Theory]
    [InlineData("python")]
    [InlineData("node")]
    public async Task Subscriber_TestDrop_ReceivesEveryEventOnceAndKeepsItsQueueWhileAway(string language)
    {
        using var folders = new Folders();
        var virtualHost = await broker.NewVirtualHostAsync(language);
        var url = $"amqp://{broker.Username}:{broker.Password}@{broker.Host}:{broker.Port}/{Uri.EscapeDataString(virtualHost)}";
        var queue = $"{language}-subscriber";
        var settings = folders.Settings();
        broker.AddBusSettings(settings, virtualHost);
        settings["Http:Url"] = "http://127.0.0.1:0";
        var subscriber = StartSubscriber(language, url, queue);
        PipelineProcess? pipeline = null;
        try
        {
            // Before the pipeline ever ran: the subscriber declares the exchanges as MassTransit does (durable fanout).
            Assert.True(await Folders.WaitUntilAsync(() => subscriber.Output.Contains("subscribed", StringComparison.Ordinal) || subscriber.HasExited, Timeout), subscriber.Output);
            Assert.False(subscriber.HasExited, subscriber.Output);
            pipeline = PipelineProcess.Start("all", settings);
            var names = new[] { "one.txt", "two.txt", "three.txt" };
            for (var i = 0; i < names.Length; i++)
                folders.Drop(names[i], Encoding.UTF8.GetBytes($"Harbour story {i} {language}\n\nThe harbour authority said on day {i} that the {language} ferry timetable changes from next week, with more crossings at night.\n"));
            folders.Drop("empty.txt", []);

            Assert.True(await Folders.WaitUntilAsync(() => Events(subscriber).Count >= 4, Timeout), subscriber.Output + pipeline.Output);
            var events = Events(subscriber);
            Assert.Equal(["ArticleProcessed one.txt", "ArticleProcessed three.txt", "ArticleProcessed two.txt", "ArticleRejected empty.txt"],
                events.Select(e => $"{e.GetProperty("event").GetString()} {e.GetProperty("fileName").GetString()}").Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrEmpty(events.First(e => e.GetProperty("fileName").GetString() == "one.txt").GetProperty("category").GetString()));

            // A redelivery of an event (same messageId) is printed once.
            var first = events[0];
            var messageId = first.GetProperty("messageId").GetString()!;
            await PublishCopyAsync(virtualHost, first);
            Assert.True(await Folders.WaitUntilAsync(() => subscriber.Output.Contains($"duplicate {messageId} skipped", StringComparison.Ordinal), Timeout), subscriber.Output);
            Assert.Equal(4, Events(subscriber).Count);

            // Away: the durable queue keeps the event published meanwhile for the subscriber's next start.
            await subscriber.KillAsync();
            folders.Drop("while-away.txt", Encoding.UTF8.GetBytes("Bridge reopens\n\nThe old bridge reopened on Friday after a repair of two months, the city council said.\n"));
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(folders.Done, "while-away.txt"), Timeout), folders.Listing());
            await subscriber.DisposeAsync();
            subscriber = StartSubscriber(language, url, queue);
            Assert.True(await Folders.WaitUntilAsync(() => Events(subscriber).Any(e => e.GetProperty("fileName").GetString() == "while-away.txt"), Timeout), subscriber.Output);
            output.WriteLine(subscriber.Output);
        }
        catch (Exception) when (Dump(subscriber, pipeline))
        {
            throw;
        }
        finally
        {
            await subscriber.DisposeAsync();
            if (pipeline is not null)
                await pipeline.DisposeAsync();
        }
    }

    /// <summary>What a redelivery looks like to a subscriber: the same envelope (messageId) once more on the exchange.</summary>
    private async Task PublishCopyAsync(string virtualHost, JsonElement printed)
    {
        var message = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(printed.GetRawText())!;
        message.Remove("event");
        message.Remove("messageId");
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["messageId"] = printed.GetProperty("messageId").GetString()!,
            ["messageType"] = ProcessedType,
            ["message"] = message,
        });
        var o = broker.Options(virtualHost);
        await using var connection = await new ConnectionFactory { HostName = o.Host, Port = o.Port, VirtualHost = virtualHost, UserName = o.Username, Password = o.Password }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("NewsPipeline.Contracts.Events:ArticleProcessed", "", false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = printed.GetProperty("messageId").GetString() }, envelope);
    }

    private bool Dump(PipelineProcess subscriber, PipelineProcess? pipeline)
    {
        output.WriteLine($"--- subscriber (exited: {subscriber.HasExited}) ---\n{subscriber.Output}");
        if (pipeline is not null)
            output.WriteLine($"--- pipeline ---\n{pipeline.Output}");
        return false;
    }
}
