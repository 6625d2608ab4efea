using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Evaluation.Tests.Classification;

public sealed class TrainingSetParserTests
{
    private static IReadOnlyList<LabelledText> Csv(string text, LabelledColumns? columns = null) =>
        TrainingSetParser.Parse(new StringReader(text), jsonLines: false, columns);

    [Fact]
    public void Parse_CsvQuotedMultilineFields_ReadsRows()
    {
        var rows = Csv("id,label,title,text\r\n1,World,\"Talks, again\",\"Line one\nline \"\"two\"\"\"\n2,Sports,Cup,Final\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new LabelledText("World", "Talks, again", "Line one\nline \"two\""), rows[0]);
        Assert.Equal("Sports", rows[1].Label);
    }

    [Fact]
    public void Parse_CsvOtherColumnNames_UsesThem()
    {
        var rows = Csv("topic,body\nacq,Company buys rival\nearn,Profit up\n", new LabelledColumns("topic", "headline", "body"));

        Assert.Equal(new LabelledText("acq", "", "Company buys rival"), rows[0]);
    }

    [Fact]
    public void Parse_CsvWithoutLabelColumn_ErrorNamesColumn()
    {
        var e = Assert.Throws<InvalidDataException>(() => Csv("id,title,text\n1,a,b\n"));
        Assert.Contains("'label'", e.Message);
    }

    [Fact]
    public void Parse_CsvWithoutTextColumns_Throws()
    {
        var e = Assert.Throws<InvalidDataException>(() => Csv("label,body\nx,b\n"));
        Assert.Contains("'text'", e.Message);
    }

    [Fact]
    public void Parse_EmptyInput_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Csv(""));
        Assert.Throws<InvalidDataException>(() => Csv("label,title,text\n"));
    }

    [Fact]
    public void Parse_CsvUnterminatedQuote_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Csv("label,text\nx,\"never closed\n"));
    }

    [Fact]
    public void Parse_JsonLines_ReadsFieldsAndNumericLabels()
    {
        var rows = TrainingSetParser.Parse(new StringReader("{\"label\":\"acq\",\"title\":\"T\",\"text\":\"Body\"}\n\n{\"label\":3,\"text\":\"Other\"}\n"), jsonLines: true);

        Assert.Equal(new LabelledText("acq", "T", "Body"), rows[0]);
        Assert.Equal(new LabelledText("3", "", "Other"), rows[1]);
    }

    [Fact]
    public void Parse_JsonLinesBadLine_ErrorNamesLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingSetParser.Parse(new StringReader("{\"label\":\"a\",\"text\":\"x\"}\n{oops\n"), jsonLines: true));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Labels_FewerThanTwo_Throws()
    {
        var rows = Csv("label,text\nx,a\nx,b\n");

        var e = Assert.Throws<InvalidDataException>(() => TrainingSet.Labels(rows));
        Assert.Contains("at least 2 labels", e.Message);
    }
}
