namespace NewsPipeline.Core.Faults;

/// <summary>
/// Whose fault a failure is. Transient: the infrastructure's (the store unreachable, shut down, busy, its disk full);
/// the work waits and is tried again, and never becomes a rejection. Content: the input's own; after its retries it is
/// rejected with the reason.
/// </summary>
public enum FaultKind
{
    Content,
    Transient,
}
