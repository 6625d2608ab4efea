using System.CommandLine;
using NewsPipeline.Hosting;
using NewsPipeline.Watcher;
using RabbitMQ.Client;

namespace NewsPipeline.Cli;

/// <summary>`replay errors` (messages from RabbitMQ _error queues) and `replay failed` (files from failed/ to the inbox).</summary>
internal static class ReplayCommand
{
    public static Command Create() => new("replay", "Move failures back to be processed again: messages from RabbitMQ _error queues, or files from failed/")
    {
        ErrorsCommand(),
        FailedCommand(),
    };

    private static Command ErrorsCommand()
    {
        var queue = new Option<string[]>("--queue") { Description = "An _error queue (repeatable); default: the pipeline's own (newspipeline-worker_error, newspipeline-sink_error, the watcher's, newspipeline-event-log_error)", AllowMultipleArgumentsPerToken = false };
        var list = new Option<bool>("--list") { Description = "Show the messages and their reasons; move nothing (the default when no --all or --id is given)" };
        var all = new Option<bool>("--all") { Description = "Move every message back to its queue" };
        var id = new Option<string[]>("--id") { Description = "Move the message with this MessageId back (repeatable)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be moved; move nothing" };
        var command = new Command("errors", "Show the messages of RabbitMQ _error queues with their fault reasons, and move them back to their queue") { queue, list, all, id, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ids = parse.GetValue(id) ?? [];
            var (showOnly, moveAll) = (parse.GetValue(list), parse.GetValue(all));
            if (showOnly && (moveAll || ids.Length > 0) || moveAll && ids.Length > 0)
                return await Fail("--list, --all and --id exclude each other: list, move everything, or move the messages named");
            var configuration = AppConfiguration.Load();
            var queues = parse.GetValue(queue) is { Length: > 0 } named ? named
                : ErrorQueueReplay.PipelineQueues(configuration.GetSection(WatcherOptions.Section).Get<WatcherOptions>()?.OutcomeQueue ?? WatcherOptions.DefaultOutcomeQueue);
            if (queues.FirstOrDefault(q => !q.EndsWith(ErrorQueueReplay.ErrorSuffix, StringComparison.Ordinal) || q.Length == ErrorQueueReplay.ErrorSuffix.Length) is { } bad)
                return await Fail($"--queue '{bad}' is not an error queue: its name must end in {ErrorQueueReplay.ErrorSuffix} (its messages go back to the queue without it)");
            var rabbit = (configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions()).RabbitMq;
            Func<ErrorMessage, bool> choose = moveAll ? _ => true : m => ids.Contains(m.MessageId, StringComparer.OrdinalIgnoreCase);
            var moving = !showOnly && (moveAll || ids.Length > 0);
            var dry = parse.GetValue(dryRun) || !moving;

            IConnection connection;
            try
            {
                connection = await ErrorQueueReplay.ConnectAsync(rabbit, cancellationToken);
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AuthenticationFailureException)
            {
                await Console.Error.WriteLineAsync($"error: cannot reach RabbitMQ at {rabbit.Host}:{rabbit.Port} (vhost {rabbit.VirtualHost}, Bus:RabbitMq:*): {e.InnerException?.Message ?? e.Message}");
                return 1;
            }
            await using (connection)
            {
                var (seen, moved, missing, found) = (0, 0, new List<string>(), new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                foreach (var name in queues)
                {
                    // A channel per queue: a passive declare of a missing queue closes its channel.
                    await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                    var replay = new ErrorQueueReplay(channel);
                    if (await replay.CountAsync(name, cancellationToken) is not { } count)
                    {
                        missing.Add(name);
                        continue;
                    }
                    var result = await replay.ReplayAsync(name, count, choose, dry, async (m, move) =>
                    {
                        found.Add(m.MessageId ?? "");
                        Console.WriteLine($"{m.Queue}  {m.MessageId}  {m.MessageType}  faulted {m.FaultedAt} in {m.Consumer}");
                        Console.WriteLine($"    reason: {m.Reason ?? "(no MT-Fault headers)"}");
                        if (move)
                            Console.WriteLine(dry ? $"    would move to {name[..^ErrorQueueReplay.ErrorSuffix.Length]} (dry run)" : $"    moved to {name[..^ErrorQueueReplay.ErrorSuffix.Length]}");
                        await Task.CompletedTask;
                    }, cancellationToken);
                    (seen, moved) = (seen + result.Seen, moved + result.Moved);
                }
                if (parse.GetValue(queue) is { Length: > 0 } && missing.Count > 0)
                    return await Fail($"no queue {string.Join(", ", missing)} on vhost {rabbit.VirtualHost}");
                if (ids.FirstOrDefault(i => !found.Contains(i)) is { } unknown)
                    return await Fail($"no message {unknown} in {string.Join(", ", queues.Except(missing))}");
                Console.WriteLine(seen == 0 ? "nothing to replay: the error queues are empty" : dry ? $"{seen} message(s); nothing moved" : $"{moved} of {seen} message(s) moved back");
                return 0;
            }
        });
        return command;
    }

    private static Command FailedCommand()
    {
        var reason = new Option<string?>("--reason") { Description = "Only files whose reason contains this text (case-insensitive), or whose stage is this (watcher, normalise, classify, sink)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be moved; move nothing" };
        var command = new Command("failed", "Move files from failed/ back into the inbox (removing their reason files), to be processed again") { reason, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = AppConfiguration.Load();
            var paths = (configuration.GetSection(WatcherOptions.Section).Get<WatcherOptions>() ?? new WatcherOptions()).ResolvePaths();
            if (!Directory.Exists(paths.Failed))
                return await Fail($"the failed folder '{paths.Failed}' (Watcher:Failed) does not exist");
            if (!Directory.Exists(paths.Inbox))
                return await Fail($"the inbox '{paths.Inbox}' (Watcher:Inbox) does not exist");
            var files = FailedReplay.List(paths, parse.GetValue(reason));
            var dry = parse.GetValue(dryRun);
            var moved = 0;
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Console.WriteLine($"{file.FileName}  stage {file.Stage ?? "?"}: {file.Reason ?? "(no reason file)"}");
                if (dry)
                {
                    Console.WriteLine("    would move to the inbox (dry run)");
                    continue;
                }
                if (FailedReplay.MoveBack(paths, file) is { } target)
                {
                    Console.WriteLine($"    moved to the inbox as {target}");
                    moved++;
                }
            }
            Console.WriteLine(files.Count == 0 ? "nothing to replay in failed/" + (parse.GetValue(reason) is { } r ? $" with reason '{r}'" : "")
                : dry ? $"{files.Count} file(s); nothing moved" : $"{moved} of {files.Count} file(s) moved back to the inbox");
            return 0;
        });
        return command;
    }

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return 2;
    }
}
