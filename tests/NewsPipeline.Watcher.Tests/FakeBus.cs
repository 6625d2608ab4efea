using System.Collections.Concurrent;
using MassTransit;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NSubstitute;

namespace NewsPipeline.Watcher.Tests;

/// <summary>The bus side of the watcher as substitutes: records what is sent to the worker queue and what is published.</summary>
internal sealed class FakeBus
{
    public ISendEndpointProvider SendProvider { get; } = Substitute.For<ISendEndpointProvider>();
    public IPublishEndpoint Publish { get; } = Substitute.For<IPublishEndpoint>();
    public ConcurrentQueue<ArticleReceived> Sent { get; } = new();
    public ConcurrentQueue<ArticleRejected> Rejected { get; } = new();
    public ConcurrentQueue<Uri> SentTo { get; } = new();

    /// <summary>When set, Send throws it (a broker that is down).</summary>
    public Exception? SendFailure { get; set; }

    /// <summary>When set, every Send waits for it (a broker slow to confirm).</summary>
    public Task? SendGate { get; set; }

    /// <summary>Sends waiting for their confirm now, and the most there ever were at once.</summary>
    public int InFlight => _inFlight;
    public int MaxInFlight => _maxInFlight;

    private int _inFlight;
    private int _maxInFlight;

    public FakeBus()
    {
        var endpoint = Substitute.For<ISendEndpoint>();
        endpoint.Send(Arg.Any<ArticleReceived>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            if (SendFailure is { } failure)
                return Task.FromException(failure);
            var message = call.Arg<ArticleReceived>();
            if (SendGate is not { } gate)
            {
                Sent.Enqueue(message);
                return Task.CompletedTask;
            }
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while (now > (max = _maxInFlight) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max) { }
            return gate.ContinueWith(_ =>
            {
                Sent.Enqueue(message);
                Interlocked.Decrement(ref _inFlight);
            }, TaskScheduler.Default);
        });
        SendProvider.GetSendEndpoint(Arg.Any<Uri>()).Returns(call =>
        {
            SentTo.Enqueue(call.Arg<Uri>());
            return Task.FromResult(endpoint);
        });
        Publish.Publish(Arg.Any<ArticleRejected>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            Rejected.Enqueue(call.Arg<ArticleRejected>());
            return Task.CompletedTask;
        });
        // Rejections set their delivery's MessageId: the callback overload (an extension) publishes through a pipe.
        Publish.Publish(Arg.Any<ArticleRejected>(), Arg.Any<IPipe<PublishContext<ArticleRejected>>>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            Rejected.Enqueue(call.Arg<ArticleRejected>());
            return Task.CompletedTask;
        });
    }
}
