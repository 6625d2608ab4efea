using System.Collections.Concurrent;
using MassTransit;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NSubstitute;

namespace NewsPipeline.Watcher.Tests;

/// <summary>
/// The bus side of the watcher as substitutes: records the articles sent to the worker queue and the rejections sent
/// to the sink, each batch unpacked.
/// </summary>
internal sealed class FakeBus
{
    public const string OutcomeQueue = "test-watcher-files";

    public ISendEndpointProvider SendProvider { get; } = Substitute.For<ISendEndpointProvider>();
    public ConcurrentQueue<ArticleReceived> Sent { get; } = new();
    public ConcurrentQueue<ArticlesReceived> Batches { get; } = new();
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
        endpoint.Send(Arg.Any<ArticlesReceived>(), Arg.Any<CancellationToken>()).Returns(call => Record(call.Arg<ArticlesReceived>(), batch =>
        {
            Batches.Enqueue(batch);
            foreach (var article in batch.Articles)
                Sent.Enqueue(article);
        }));
        endpoint.Send(Arg.Any<ArticlesAnalysed>(), Arg.Any<CancellationToken>()).Returns(call => Record(call.Arg<ArticlesAnalysed>(), batch =>
        {
            foreach (var rejected in batch.Rejected)
                Rejected.Enqueue(rejected);
        }));
        SendProvider.GetSendEndpoint(Arg.Any<Uri>()).Returns(call =>
        {
            SentTo.Enqueue(call.Arg<Uri>());
            return Task.FromResult(endpoint);
        });
    }

    private Task Record<T>(T message, Action<T> record)
    {
        if (SendFailure is { } failure)
            return Task.FromException(failure);
        if (SendGate is not { } gate)
        {
            record(message);
            return Task.CompletedTask;
        }
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = _maxInFlight) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max) { }
        return gate.ContinueWith(_ =>
        {
            record(message);
            Interlocked.Decrement(ref _inFlight);
        }, TaskScheduler.Default);
    }
}
