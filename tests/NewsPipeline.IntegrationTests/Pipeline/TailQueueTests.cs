using MassTransit;
using NewsPipeline.Cli;
using NewsPipeline.Contracts.Events;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>`tail --from rabbitmq --queue NAME` on a real broker: what is published while no tail runs waits for the next one.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class TailQueueTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static ArticleProcessed Event(string file) => new()
    {
        ArticleId = "id-" + file, FileName = file, Status = "processed", Title = "Title", Body = "Body", Category = "World",
        StoryId = "id-" + file, ReceivedAt = DateTimeOffset.UnixEpoch, ProcessedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task TailWithNamedQueue_EventsPublishedWhileItWasStopped_ArriveAtTheNextTail()
    {
        var options = broker.Options(await broker.NewVirtualHostAsync("tail-queue"));
        var publisher = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(options.Host, options.Port, options.VirtualHost, h =>
        {
            h.Username(options.Username);
            h.Password(options.Password);
        }));
        await publisher.StartAsync();
        try
        {
            // The first tail declares and binds the durable queue, sees one event, and stops.
            var first = new EventCollector();
            using (var stop = new CancellationTokenSource())
            {
                var tail = TailCommand.TailRabbitMqAsync(options, first, stop.Token, "tail-test");
                await WaitUntilPublishedAndSeenAsync(publisher, first, "while-running.txt");
                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);
            }

            await publisher.Publish(Event("while-stopped.txt"));

            var second = new EventCollector();
            using var stopSecond = new CancellationTokenSource();
            var again = TailCommand.TailRabbitMqAsync(options, second, stopSecond.Token, "tail-test");
            await second.WaitForAsync("ArticleProcessed", "while-stopped.txt", Timeout);
            await stopSecond.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again);
        }
        finally
        {
            await publisher.StopAsync();
        }
    }

    [Fact]
    public async Task Tail_BrokerUnreachable_SaysSoAndReturnsFalse()
    {
        var unreachable = broker.Options("/");
        unreachable.Port = 1;

        Assert.False(await TailCommand.TailRabbitMqAsync(unreachable, new EventCollector(), CancellationToken.None));
    }

    /// <summary>Publishes until the tail shows the event: the queue is bound once the tail's bus is up.</summary>
    private static async Task WaitUntilPublishedAndSeenAsync(IBus publisher, EventCollector events, string file)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            await publisher.Publish(Event(file));
            try
            {
                await events.WaitForAsync("ArticleProcessed", file, TimeSpan.FromSeconds(1));
                return;
            }
            catch (TimeoutException)
            {
                // not bound yet
            }
        }
        await events.WaitForAsync("ArticleProcessed", file, TimeSpan.FromSeconds(1));
    }
}
