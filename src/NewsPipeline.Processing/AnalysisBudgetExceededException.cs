namespace NewsPipeline.Processing;

/// <summary>An analysis ran out of its time budget; its message is tried again, then rejected with this reason.</summary>
public sealed class AnalysisBudgetExceededException(string message) : Exception(message);
