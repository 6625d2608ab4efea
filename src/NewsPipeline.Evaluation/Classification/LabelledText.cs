namespace NewsPipeline.Evaluation.Classification;

/// <summary>One training or evaluation row.</summary>
public sealed record LabelledText(string Label, string Title, string Text);
