namespace NewsPipeline.Sink;
