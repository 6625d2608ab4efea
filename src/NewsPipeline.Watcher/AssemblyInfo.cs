using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("NewsPipeline.Watcher.Tests")]
