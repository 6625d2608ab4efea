using System.Collections.Concurrent;

namespace NewsPipeline.Watcher;

/// <summary>
/// The files this watcher announced and has not seen an outcome for, by FileName. Lets the outcome consumer tell a
/// redelivered event for an earlier file from the event for the file now holding that name in the processing folder.
/// </summary>
public sealed class InFlightFiles
{
    private readonly ConcurrentDictionary<string, string> _articleIds = new(StringComparer.Ordinal);

    /// <summary>Raised when a processing name is freed: a file waiting in the inbox for that name can be claimed now.</summary>
    public event Action? Released;

    public void Add(string fileName, string articleId) => _articleIds[fileName] = articleId;

    public string? ArticleIdOf(string fileName) => _articleIds.TryGetValue(fileName, out var id) ? id : null;

    public void Release(string fileName)
    {
        _articleIds.TryRemove(fileName, out _);
        Released?.Invoke();
    }
}
