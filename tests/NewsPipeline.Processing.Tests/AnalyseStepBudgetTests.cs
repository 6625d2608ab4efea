using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;
using NSubstitute;

namespace NewsPipeline.Processing.Tests;

public sealed class AnalyseStepBudgetTests
{
    /// <summary>A normaliser that works until its budget runs out, as a page past every other bound would.</summary>
    private sealed class EndlessNormaliser : IArticleNormaliser
    {
        public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content) =>
            throw new InvalidOperationException("the step must pass its budget");

        public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content, CancellationToken budget)
        {
            // A safety net so a broken budget fails the test instead of hanging it.
            using var safety = CancellationTokenSource.CreateLinkedTokenSource(budget);
            safety.CancelAfter(TimeSpan.FromSeconds(30));
            while (!safety.IsCancellationRequested)
                Thread.SpinWait(1_000);
            return budget.IsCancellationRequested ? NormalisationResult.BudgetExceeded() : NormalisationResult.Failure("budget never ran out");
        }
    }

    [Fact]
    public void Analyse_BudgetRunsOut_RejectsNamingTheSetting()
    {
        var analyser = new ArticleAnalyser(new EndlessNormaliser(), new Fingerprinter(), Substitute.For<ITopicClassifier>());
        var options = Options.Create(new WorkerOptions { AnalysisBudget = TimeSpan.FromMilliseconds(50) });
        var step = new AnalyseStep(analyser, TimeProvider.System, NullLogger<AnalyseStep>.Instance, options, new ProcessingMetrics());
        var content = "<p>x</p>"u8.ToArray();

        var outcome = step.Analyse(new ArticleReceived(ContentId.Of(content), "a.html", content, DateTimeOffset.UnixEpoch));

        Assert.Null(outcome.Analysed);
        Assert.Equal("analysis exceeded its 0.05 s budget (Worker:AnalysisBudget)", outcome.Rejected!.Reason);
        Assert.Equal(Stages.Normalise, outcome.Rejected.Stage);
        Assert.True(outcome.OverBudget);
    }

    /// <summary>A normaliser that rejects for content with the very words a spent budget gives.</summary>
    private sealed class BudgetWordedNormaliser : IArticleNormaliser
    {
        public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content) => Normalise(fileName, content, CancellationToken.None);

        public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content, CancellationToken budget) =>
            NormalisationResult.Failure(Core.Normalisation.Html.HtmlBounds.BudgetExceeded);
    }

    [Fact]
    public void Analyse_ContentRejectionWordedAsTheBudget_IsNotOverBudget()
    {
        // Whether a rejection is for time is typed, not read from its text: a retry of a content rejection is wasted.
        var analyser = new ArticleAnalyser(new BudgetWordedNormaliser(), new Fingerprinter(), Substitute.For<ITopicClassifier>());
        var step = new AnalyseStep(analyser, TimeProvider.System, NullLogger<AnalyseStep>.Instance, Options.Create(new WorkerOptions()), new ProcessingMetrics());
        var content = "<p>x</p>"u8.ToArray();

        var outcome = step.Analyse(new ArticleReceived(ContentId.Of(content), "a.html", content, DateTimeOffset.UnixEpoch));

        Assert.False(outcome.OverBudget);
        Assert.Equal(Core.Normalisation.Html.HtmlBounds.BudgetExceeded, outcome.Rejected!.Reason);
    }
}
