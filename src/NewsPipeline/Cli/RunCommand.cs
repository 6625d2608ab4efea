using System.CommandLine;
using Microsoft.Extensions.Options;
using NewsPipeline.Hosting;
using Serilog;

namespace NewsPipeline.Cli;

internal static class RunCommand
{
    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "all (default: one process, in-memory bus), or watcher, worker, sink (comma-separated) on RabbitMQ", DefaultValueFactory = _ => "all" };
        var inbox = new Option<string?>("--inbox") { Description = "Folder to watch (Watcher:Inbox, default ./inbox)" };
        var db = new Option<string?>("--db") { Description = "SQLite database file (Store:SqlitePath, default ./data/newspipeline.db)" };
        var http = new Option<string?>("--http") { Description = "Health and event-stream address (Http:Url, default http://127.0.0.1:5080)" };
        var command = new Command("run", "Run the pipeline until Ctrl+C: every role in one process by default") { role, inbox, db, http };
        command.SetAction(async parse =>
        {
            Roles roles;
            try
            {
                roles = Roles.Parse(parse.GetValue(role)!);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(inbox) is { } i) overrides["Watcher:Inbox"] = i;
            if (parse.GetValue(db) is { } d) overrides["Store:SqlitePath"] = d;
            if (parse.GetValue(http) is { } h) overrides["Http:Url"] = h;
            try
            {
                var app = PipelineHost.Build(roles, overrides);
                // Before anything starts: a busy port otherwise surfaces only after the bus started, as a stack trace.
                if (PortCheck.Busy(app.Configuration["Http:Url"]) is { } busy)
                {
                    Log.Fatal("Cannot listen on {Url} (Http:Url): {Reason}", busy.Url, busy.Reason);
                    return 1;
                }
                Log.Information("Starting NewsPipeline with role {Role}", roles.ToString());
                await app.RunAsync();
                // Non-zero when a background service failed (the host stops, but RunAsync returns normally).
                return Environment.ExitCode;
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Taken between the check and the start.
                Log.Fatal("Cannot listen on the address of Http:Url: {Reason}", e.Message);
                return 1;
            }
            catch (OptionsValidationException e)
            {
                Log.Fatal("Invalid configuration: {Errors}", string.Join("; ", e.Failures));
                return 1;
            }
            catch (InvalidOperationException e) when (AppConfiguration.IsBadValue(e))
            {
                Log.Fatal("Invalid configuration: {Error} {Reason}", e.Message, e.InnerException?.Message);
                return 1;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Fatal(e, "NewsPipeline stopped unexpectedly");
                return 1;
            }
        });
        return command;
    }
}
