namespace NewsPipeline.Processing;
