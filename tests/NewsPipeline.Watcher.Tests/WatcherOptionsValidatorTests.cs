using Xunit.Abstractions;

namespace NewsPipeline.Watcher.Tests;

public sealed class WatcherOptionsValidatorTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolders _folders = new();
    private readonly WatcherOptionsValidator _validator = new();

    [Fact]
    public void Validate_SeparateFoldersOnOneFileSystem_SucceedsAndCreatesThem()
    {
        var options = _folders.Options();
        options.Inbox = Path.Combine(_folders.Root, "new-inbox");
        options.Processing = Path.Combine(_folders.Root, "new", "processing");

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(Directory.Exists(options.Inbox));
        Assert.True(Directory.Exists(options.Processing));
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.Inbox)); // the rename probe cleaned up
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.Processing));
    }

    [Fact]
    public void Validate_NonPositiveValues_FailNamingEachKey()
    {
        var options = _folders.Options(maxFileBytes: 0);
        options.StableFor = TimeSpan.Zero;
        options.RescanInterval = TimeSpan.FromSeconds(-1);
        options.ReannounceAfter = TimeSpan.Zero;
        options.Patterns = [];
        options.MinFreeBytes = -1;

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Watcher:MinFreeBytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Watcher:MaxFileBytes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Watcher:StableFor", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Watcher:RescanInterval", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Watcher:ReannounceAfter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Watcher:Patterns", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("queue with spaces")]
    [InlineData("exchange:newspipeline")]
    public void Validate_BadOutcomeQueue_FailsNamingTheKey(string queue)
    {
        var options = _folders.Options();
        options.OutcomeQueue = queue;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Watcher:OutcomeQueue", result.FailureMessage);
    }

    [Fact]
    public void OutcomeQueue_Configured_NamesTheConsumersEndpoint()
    {
        var options = _folders.Options();
        options.OutcomeQueue = "newspipeline-watcher-paris";

        var definition = new FileOutcomeConsumerDefinition(Microsoft.Extensions.Options.Options.Create(options));

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal("newspipeline-watcher-paris", ((MassTransit.IConsumerDefinition)definition).GetEndpointName(MassTransit.DefaultEndpointNameFormatter.Instance));
    }

    [Fact]
    public void Validate_ProcessingInsideInbox_Fails()
    {
        var options = _folders.Options();
        options.Processing = Path.Combine(options.Inbox, "processing");

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Watcher:Inbox", result.FailureMessage);
        Assert.Contains("Watcher:Processing", result.FailureMessage);
    }

    [Fact]
    public void Validate_FolderThatCannotBeCreated_FailsNamingTheKey()
    {
        var file = TempFolders.Write(_folders.Root, "a-file", "x");
        var options = _folders.Options();
        options.Done = Path.Combine(file, "done");

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Watcher:Done", result.FailureMessage);
    }

    [Fact]
    public void Validate_ProcessingOnAnotherFileSystem_FailsExplainingTheRename()
    {
        // /dev/shm is a tmpfs on Linux machines; elsewhere there is no second file system to test with.
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/dev/shm"))
        {
            output.WriteLine("SKIPPED: no /dev/shm, so no second file system to test with");
            return;
        }
        var other = Directory.CreateTempSubdirectory("np-watcher-");
        var shm = Path.Combine("/dev/shm", Path.GetFileName(other.FullName));
        other.Delete();
        try
        {
            var options = _folders.Options();
            options.Processing = shm;

            var result = _validator.Validate(null, options);

            Assert.True(result.Failed);
            Assert.Contains("Watcher:Processing", result.FailureMessage);
            Assert.Contains("different file systems", result.FailureMessage);
        }
        finally
        {
            if (Directory.Exists(shm))
                Directory.Delete(shm, true);
        }
    }

    public void Dispose() => _folders.Dispose();
}
