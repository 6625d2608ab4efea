using MassTransit;

namespace NewsPipeline.TransportCeiling;

public sealed record Step1(int Seq, string Payload);
public sealed record Step2(int Seq, string Payload);
public sealed record Step3(int Seq, string Payload);
public sealed record Step4(int Seq, string Payload);

/// <summary>Counts the items that reached the end of the chain; a round completes when all it expects have.</summary>
public sealed class Arrivals
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _expected;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task Expect(int items)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _expected, items);
        return _done.Task;
    }

    public void Arrived()
    {
        if (Interlocked.Increment(ref _count) == Volatile.Read(ref _expected))
            _done.TrySetResult();
    }
}

public sealed class FirstHop : IConsumer<Step1>
{
    public Task Consume(ConsumeContext<Step1> context) => context.Publish(new Step2(context.Message.Seq, context.Message.Payload));
}

public sealed class SecondHop : IConsumer<Step2>
{
    public Task Consume(ConsumeContext<Step2> context) => context.Publish(new Step3(context.Message.Seq, context.Message.Payload));
}

public sealed class ThirdHop : IConsumer<Step3>
{
    public Task Consume(ConsumeContext<Step3> context) => context.Publish(new Step4(context.Message.Seq, context.Message.Payload));
}

public sealed class LastHop(Arrivals arrivals) : IConsumer<Step4>
{
    public Task Consume(ConsumeContext<Step4> context)
    {
        arrivals.Arrived();
        return Task.CompletedTask;
    }
}

/// <summary>The RabbitMQ ceiling's one consumer: the message crossed the broker once.</summary>
public sealed class OnlyHop(Arrivals arrivals) : IConsumer<Step1>
{
    public Task Consume(ConsumeContext<Step1> context)
    {
        arrivals.Arrived();
        return Task.CompletedTask;
    }
}

/// <summary>Article-like text (words of varied length), so the serializer does real work on each message.</summary>
public static class Payload
{
    public static string Make(int length)
    {
        var random = new Random(14);
        var text = new System.Text.StringBuilder(length + 16);
        while (text.Length < length)
        {
            for (var i = random.Next(2, 10); i > 0; i--)
                text.Append((char)('a' + random.Next(26)));
            text.Append(' ');
        }
        return text.ToString(0, length);
    }
}
