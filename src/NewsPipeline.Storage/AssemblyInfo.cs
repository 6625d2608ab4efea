namespace NewsPipeline.Storage;
