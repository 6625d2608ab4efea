using NewsPipeline.Core.Classification;

namespace NewsPipeline.Core.Tests.Classification;

public sealed class TopicModelTests
{
    private static readonly Lazy<TopicModel> Model = new(() => TestModels.Build(TestModels.Featurizer));

    private static byte[] Saved(TopicModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameLabelsAndPredictions()
    {
        var loaded = TopicModel.Load(new MemoryStream(Saved(Model.Value)));

        Assert.Equal(Model.Value.Labels, loaded.Labels);
        Assert.Equal(Model.Value.Featurizer, loaded.Featurizer);
        Assert.Equal(Model.Value.Temperature, loaded.Temperature);
        foreach (var row in TestModels.Rows(5, seed: 9))
        {
            var before = Model.Value.Classify(row.Title, row.Text);
            var after = loaded.Classify(row.Title, row.Text);
            Assert.Equal(before.Category, after.Category);
            Assert.Equal(before.Confidence, after.Confidence, 2); // float16 weights on disk
        }
    }

    [Fact]
    public void SaveLoad_CrossWordAndTitleFeatures_SettingsKept()
    {
        var model = TestModels.Build(TestModels.Featurizer with { CharsAcrossWords = true, TitleFeatures = true });

        var loaded = TopicModel.Load(new MemoryStream(Saved(model)));

        Assert.True(loaded.Featurizer.CharsAcrossWords);
        Assert.True(loaded.Featurizer.TitleFeatures);
        var row = TestModels.Rows(1, seed: 5)[0];
        Assert.Equal(model.Classify(row.Title, row.Text).Category, loaded.Classify(row.Title, row.Text).Category);
    }

    [Fact]
    public void Load_FormatVersion2_CharGramsCountedAsTrained()
    {
        // Models written before format 3 counted character n-grams per bucket; they must keep doing so.
        var model = TestModels.Build(TestModels.Featurizer with { CharGramsPerWord = false, CharWeight = 1f });
        using var stream = new MemoryStream();
        TopicModelFormat.Write(model, stream, version: 2);

        var loaded = TopicModel.Load(new MemoryStream(stream.ToArray()));

        Assert.False(loaded.Featurizer.CharGramsPerWord);
        Assert.Equal(model.Featurizer, loaded.Featurizer);
        foreach (var row in TestModels.Rows(5, seed: 9))
            Assert.Equal(model.Classify(row.Title, row.Text).Confidence, loaded.Classify(row.Title, row.Text).Confidence, 2);
    }

    [Fact]
    public void Write_FormatVersion2_PerWordGramsRefused()
    {
        Assert.True(Model.Value.Featurizer.CharGramsPerWord);

        Assert.Throws<ArgumentException>(() => TopicModelFormat.Write(Model.Value, new MemoryStream(), version: 2));
    }

    [Fact]
    public void SaveLoad_CharWeightAndTrigrams_SettingsKept()
    {
        var model = TestModels.Build(TestModels.Featurizer with { CharWeight = 0.5f, WordTrigrams = true });

        var loaded = TopicModel.Load(new MemoryStream(Saved(model)));

        Assert.Equal(model.Featurizer, loaded.Featurizer);
    }

    [Fact]
    public void Load_NotAModel_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => TopicModel.Load(new MemoryStream("placeholder"u8.ToArray())));
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Load_Truncated_ThrowsInvalidData()
    {
        var bytes = Saved(Model.Value);

        Assert.Throws<InvalidDataException>(() => TopicModel.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
    }

    [Fact]
    public void Load_Empty_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => TopicModel.Load(new MemoryStream()));
    }

    [Fact]
    public void Classify_EmptyText_UniformishButValid()
    {
        var prediction = Model.Value.Classify("", "");

        Assert.Contains(prediction.Category, Model.Value.Labels);
        Assert.InRange(prediction.Confidence, 0, 1);
        Assert.True(prediction.Confidence >= prediction.RunnerUpConfidence);
    }

    [Fact]
    public void Classify_ManyThreadsAtOnce_SameAnswersAsOneThread()
    {
        var rows = TestModels.Rows(30, seed: 4);
        var expected = rows.Select(r => Model.Value.Classify(r.Title, r.Text)).ToArray();

        var actual = new TopicPrediction[rows.Length];
        Parallel.For(0, rows.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var j = i % rows.Length;
            actual[j] = Model.Value.Classify(rows[j].Title, rows[j].Text);
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Predict_Probabilities_SumToOne()
    {
        Span<double> p = stackalloc double[Model.Value.Labels.Count];

        Model.Value.Predict("Penalty", "The striker scored a goal", p);

        var sum = 0.0;
        foreach (var v in p) sum += v;
        Assert.Equal(1.0, sum, 9);
    }
}
