namespace NewsPipeline.Watcher;

/// <summary>Config section "Watcher". Relative folders resolve against the working directory.</summary>
public sealed class WatcherOptions
{
    public const string Section = "Watcher";
    public const string DefaultOutcomeQueue = "newspipeline-watcher-files";

    public const int DefaultMaxAttempts = 5;

    public static readonly IReadOnlyList<string> DefaultPatterns = ["*.txt", "*.html", "*.htm", "*.json"];

    /// <summary>Names writers use while a file is not finished: partial downloads, editors' temp and backup files.</summary>
    public static readonly IReadOnlyList<string> DefaultIgnorePatterns = ["*.tmp", "*.part", ".*", "~*"];

    public string Inbox { get; set; } = "inbox";

    /// <summary>Claimed files in flight; must be on the inbox's file system because a claim is an atomic rename.</summary>
    public string Processing { get; set; } = "data/processing";

    public string Done { get; set; } = "done";
    public string Failed { get; set; } = "failed";

    /// <summary>File-name patterns (case-insensitive, '*' and '?'); a configured list replaces the default one.</summary>
    public List<string> Patterns { get; set; } = [.. DefaultPatterns];

    /// <summary>Names never taken even when a pattern matches (write under such a name, then rename into place).</summary>
    public List<string> IgnorePatterns { get; set; } = [.. DefaultIgnorePatterns];

    /// <summary>
    /// Announcements of one delivery (re-announcements, restarts) before it is rejected: a file whose analysis keeps
    /// failing, timing out or crashing its worker ends in failed/ instead of being announced forever.
    /// </summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    /// <summary>
    /// Files claimed and announced but without an outcome, at most: the rest of a backlog waits in the inbox, not as
    /// messages holding their content in a queue (100,000 files dropped at once grew the embedded `run` past 1.6 GB).
    /// Enough to keep every worker busy; the next scan claims more as outcomes come back.
    /// </summary>
    public int MaxInFlight { get; set; } = 1024;

    /// <summary>The content travels inside the message, so it is capped.</summary>
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>A file is taken once its size and modification time have not changed for this long.</summary>
    public TimeSpan StableFor { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Safety-net rescan: file-system events are only hints (they overflow, and some file systems send none).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Durable queue the sink sends this watcher's file outcomes to. Watchers sharing one inbox share it; watchers with
    /// different inboxes on one broker need one each, or an outcome may reach a watcher that does not hold the file.
    /// </summary>
    public string OutcomeQueue { get; set; } = DefaultOutcomeQueue;

    /// <summary>
    /// A claimed file with no outcome after this long is announced again (the wait doubles each time): an outcome lost
    /// on the way (its consumer faulted, say, on a full disk) must not leave the file in processing until a restart.
    /// The sink is idempotent, so a second announcement never stores twice.
    /// </summary>
    public TimeSpan ReannounceAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Take files with more than one name (hard links). Off by default: like a symbolic link, a hard link can bring a
    /// file from anywhere on the file system (a secret) into the inbox; such files are rejected with a reason.
    /// </summary>
    public bool AllowHardLinks { get; set; }

    /// <summary>
    /// Free space the watcher's folders need for /health/ready to say ready: below it, claims and outcomes would soon
    /// fail for want of space (a reason file and a claim record are small, but not empty).
    /// </summary>
    public long MinFreeBytes { get; set; } = DefaultMinFreeBytes;

    public const long DefaultMinFreeBytes = 16 * 1024 * 1024;

    public WatcherPaths ResolvePaths() => new(
        Path.GetFullPath(Inbox), Path.GetFullPath(Processing), Path.GetFullPath(Done), Path.GetFullPath(Failed));
}
