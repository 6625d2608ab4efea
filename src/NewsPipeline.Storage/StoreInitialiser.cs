using Microsoft.Extensions.Hosting;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage;

/// <summary>Creates the schema before any message is consumed.</summary>
internal sealed class StoreInitialiser(IArticleStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitialiseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
