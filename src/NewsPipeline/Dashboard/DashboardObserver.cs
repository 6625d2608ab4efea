using MassTransit;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Dashboard;

/// <summary>
/// Hands the public events this process publishes (sink, worker, watcher rejections) or consumes (the watcher, the
/// embedded event stream) to the dashboard: each role shows the events it handles.
/// </summary>
public sealed class DashboardObserver(DashboardCollector collector) : IPublishObserver, IConsumeObserver
{
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        See(context.Message);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        See(context.Message);
        return Task.CompletedTask;
    }

    private void See(object message)
    {
        switch (message)
        {
            case ArticleProcessed processed:
                collector.Add(EventIds.Of(processed), processed);
                break;
            case ArticleRejected rejected:
                collector.Add(EventIds.Of(rejected), rejected);
                break;
        }
    }

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
