using System.Text;
using NewsPipeline.Contracts;
using NewsPipeline.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NewsPipeline.Cli;

/// <summary>One message in an _error queue, with the reason MassTransit put in its MT-Fault-* headers.</summary>
internal sealed record ErrorMessage(string Queue, string? MessageId, string? MessageType, string? Reason, string? FaultedAt, string? Consumer);

/// <summary>
/// `replay errors`: moves messages from MassTransit's _error queues back to the queue they failed on, over plain AMQP.
/// A message is taken unacknowledged, republished (with confirms) to its queue without the fault headers, and only then
/// acknowledged: a crash in between leaves a copy in both, which the consumers' idempotency (content-derived ArticleId,
/// one delivery row per claim) makes harmless. Messages not chosen are put back as they were.
/// </summary>
internal sealed class ErrorQueueReplay(IChannel channel)
{
    public const string ErrorSuffix = "_error";

    /// <summary>The pipeline's own error queues (a missing one is skipped): the default when no --queue is given.</summary>
    public static IReadOnlyList<string> PipelineQueues(string outcomeQueue) =>
        [Endpoints.Worker + ErrorSuffix, Endpoints.Sink + ErrorSuffix, outcomeQueue + ErrorSuffix, Endpoints.EventLog + ErrorSuffix];

    public static async Task<IConnection> ConnectAsync(RabbitMqOptions rabbit, CancellationToken cancellationToken) =>
        await new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            ClientProvidedName = "newspipeline replay",
        }.CreateConnectionAsync(cancellationToken);

    /// <summary>Messages waiting in the queue; null when the queue does not exist (the channel is then closed: use a new one).</summary>
    public async Task<uint?> CountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Takes each message once (as many as the queue held at the start), shows it, and moves it back to its queue when
    /// <paramref name="choose"/> says so (and this is no dry run); every other message is put back in the _error queue.
    /// </summary>
    public async Task<(int Seen, int Moved)> ReplayAsync(string queue, uint count, Func<ErrorMessage, bool> choose, bool dryRun,
        Func<ErrorMessage, bool, Task> show, CancellationToken cancellationToken)
    {
        var target = queue[..^ErrorSuffix.Length];
        var keep = new List<ulong>();
        var (seen, moved) = (0, 0);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var got = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (got is null)
                    break;
                seen++;
                var message = Describe(queue, got.BasicProperties);
                var move = choose(message);
                await show(message, move);
                if (!move || dryRun)
                {
                    keep.Add(got.DeliveryTag);
                    continue;
                }
                var properties = new BasicProperties(got.BasicProperties)
                {
                    Headers = got.BasicProperties.Headers?.Where(h => !IsFaultHeader(h.Key)).ToDictionary(h => h.Key, h => h.Value),
                };
                // The default exchange routes to the queue of that name; mandatory: a queue deleted meanwhile is an error, not a loss.
                await channel.BasicPublishAsync("", target, mandatory: true, properties, got.Body, cancellationToken);
                await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
                moved++;
            }
        }
        finally
        {
            foreach (var tag in keep)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
        return (seen, moved);
    }

    private static bool IsFaultHeader(string key) =>
        key.StartsWith("MT-Fault-", StringComparison.Ordinal) || key.StartsWith("MT-Host-", StringComparison.Ordinal) || key == "MT-Reason";

    private static ErrorMessage Describe(string queue, IReadOnlyBasicProperties properties)
    {
        string? Header(string key) => properties.Headers?.TryGetValue(key, out var value) == true ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        } : null;
        var type = Header("MT-Fault-ExceptionType");
        var text = Header("MT-Fault-Message");
        var reason = type is null && text is null ? Header("MT-Reason") : $"{type}: {text}";
        return new ErrorMessage(queue, properties.MessageId, Header("MT-Fault-MessageType") ?? properties.Type, reason,
            Header("MT-Fault-Timestamp"), Header("MT-Fault-ConsumerType"));
    }
}
