using System.Net.Sockets;

namespace NewsPipeline.Core.Faults;

/// <summary>
/// The one answer to "is this fault transient?", for every consumer that decides between retrying and rejecting. The
/// stores feed it: each turns the errors its database's dialect calls transient into
/// <see cref="StoreUnavailableException"/>. Time-outs and I/O errors elsewhere (the broker, the file system) are the
/// infrastructure's too.
/// </summary>
public static class FaultPolicy
{
    private static readonly Type[] TransientTypes = [typeof(StoreUnavailableException), typeof(TimeoutException), typeof(IOException), typeof(SocketException)];

    public static FaultKind KindOf(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (TransientTypes.Any(t => t.IsInstanceOfType(e)))
                return FaultKind.Transient;
            if (e is AggregateException aggregate)
                return aggregate.InnerExceptions.Any(inner => KindOf(inner) == FaultKind.Transient) ? FaultKind.Transient : FaultKind.Content;
        }
        return FaultKind.Content;
    }

    public static bool IsTransient(Exception exception) => KindOf(exception) == FaultKind.Transient;

    /// <summary>
    /// The same answer for a fault message, which reports each exception (and its inner ones) by type name only: the
    /// names compared are those of the types above, never written out.
    /// </summary>
    public static FaultKind KindOf<T>(IEnumerable<T> reported, Func<T, string> typeName, Func<T, T?> inner)
        where T : class
    {
        foreach (var exception in reported)
        {
            for (var e = exception; e is not null; e = inner(e))
            {
                var name = typeName(e);
                if (TransientTypes.Any(t => t.FullName == name))
                    return FaultKind.Transient;
            }
        }
        return FaultKind.Content;
    }
}
