using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Infrastructure;

/// <summary>One broker node for every test class that needs RabbitMQ.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ";
}
