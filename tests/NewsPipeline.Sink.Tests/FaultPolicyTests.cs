using MassTransit;
using MassTransit.Events;
using Microsoft.Data.Sqlite;
using NewsPipeline.Core.Faults;

namespace NewsPipeline.Sink.Tests;

/// <summary>One classification of faults, for a thrown exception and for a fault message's reported types alike.</summary>
public sealed class FaultPolicyTests
{
    public static TheoryData<Exception, FaultKind> Thrown => new()
    {
        { new StoreUnavailableException("the store cannot be used now", new SqliteException("disk I/O error", 10)), FaultKind.Transient },
        { new InvalidOperationException("wrapped", new StoreUnavailableException("down")), FaultKind.Transient },
        { new AggregateException(new ArgumentException("bad"), new StoreUnavailableException("down")), FaultKind.Transient },
        { new TimeoutException("no answer"), FaultKind.Transient },
        // A database error the store did not call its own (a constraint, a value it refuses) is the article's.
        { new SqliteException("NOT NULL constraint failed", 19), FaultKind.Content },
        { new InvalidOperationException("value out of range"), FaultKind.Content },
    };

    [Theory]
    [MemberData(nameof(Thrown))]
    public void KindOf_ThrownAndAsAFaultMessageReportsIt_SameAnswer(Exception exception, FaultKind expected)
    {
        ExceptionInfo reported = new FaultExceptionInfo(exception);

        Assert.Equal(expected, FaultPolicy.KindOf(exception));
        if (exception is not AggregateException)
            Assert.Equal(expected, FaultPolicy.KindOf([reported], e => e.ExceptionType, e => e.InnerException));
    }
}
