namespace NewsPipeline.Watcher;
