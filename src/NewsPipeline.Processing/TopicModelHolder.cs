using NewsPipeline.Core.Classification;

namespace NewsPipeline.Processing;

/// <summary>Loads the model once per path: start-up validation and the workers share the same instance.</summary>
internal sealed class TopicModelHolder
{
    private readonly Lock _gate = new();
    private (string Path, TopicModel Model)? _loaded;

    public TopicModel Get(string path)
    {
        lock (_gate)
        {
            if (_loaded is { } loaded && loaded.Path == path) return loaded.Model;
            var model = ProcessingExtensions.LoadModel(path);
            _loaded = (path, model);
            return model;
        }
    }
}
