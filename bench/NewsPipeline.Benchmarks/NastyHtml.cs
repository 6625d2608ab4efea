using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- nasty-html [runs]`: generated pages built to
/// make an HTML parser or extractor slow (deep nesting, huge attribute lists, many elements, huge text nodes and
/// entities, unclosed markup), each normalised from bytes on one core with the worker's default budget. Prints a
/// Markdown table: input, size, median time, time per MB, outcome. The goal (DESIGN.md, "Bounded cost per input") is at
/// most about 1 s per MB for every input.
/// </summary>
internal static class NastyHtml
{
    private const string Sentence = "The council met on Tuesday, and the budget was agreed after a long debate. ";

    public static int Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        // One core: the goal is per core, and a worker runs many articles side by side.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        var normaliser = new HtmlArticleNormaliser();
        var budget = TimeSpan.FromSeconds(5); // the default of Worker:AnalysisBudget
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runs} runs each, median; one core; budget {budget.TotalSeconds:0.#} s; load average {LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| input | size | time (median) | per MB | outcome |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var (name, html) in Inputs())
        {
            var bytes = Encoding.UTF8.GetBytes(html);
            var times = new List<double>();
            string outcome = "";
            for (var run = 0; run < runs; run++)
            {
                using var timeUp = new CancellationTokenSource(budget);
                var started = Stopwatch.GetTimestamp();
                var result = normaliser.Normalise(bytes, timeUp.Token);
                times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                outcome = result.Article is { } article
                    ? string.Create(CultureInfo.InvariantCulture, $"done ({article.Body.Length:N0} chars of text)")
                    : $"rejected: {result.Error}";
            }
            times.Sort();
            var median = times[times.Count / 2];
            var megabytes = bytes.Length / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {megabytes:F2} MB | {median:F3} s | {median / megabytes:F3} s | {outcome} |"));
        }
        return 0;
    }

    private static IEnumerable<(string Name, string Html)> Inputs()
    {
        yield return ("deep nesting: 280k nested div", Page(Repeat("<div>", 280_000) + Sentence + Repeat("</div>", 280_000)));
        yield return ("deep nesting: 280k div, never closed", Page(Repeat("<div>", 280_000) + Sentence));
        yield return ("deep nesting: 90k span (inline)", Page(Repeat("<span>", 90_000) + Sentence));
        yield return ("deep nesting: 30k table/tr/td", Page(Repeat("<table><tr><td>", 30_000) + Sentence));
        yield return ("deep nesting: 90k unclosed b across blocks", Page(Repeat("<div><b></div>x", 90_000)));
        yield return ("deep nesting: svg + 250k <div/>", Page("<svg>" + Repeat("<div/>", 250_000) + Sentence));
        yield return ("deep nesting: 20k nested ul/li", Page(Repeat("<ul><li>item ", 20_000) + Sentence));
        yield return ("deep nesting: 200k div in a text/template script", Page(
            "<script type=\"text/template\">" + Repeat("<div>", 200_000) + Sentence + "</script>"));
        yield return ("deep nesting: 150k <b><div></b> (adoption agency)", Page(Repeat("<b><div></b>", 150_000) + Sentence));
        yield return ("deep nesting: 250k div after a --!> comment", Page("<!-- x --!>" + Repeat("<div>", 250_000) + Sentence));
        yield return ("deep stack + 4 MB of end tags closing nothing", Page(Repeat("<span>", 500) + Repeat("</div>", 700_000) + Sentence));
        yield return ("4 MB of stray </p> (each makes a p)", Page(Repeat("</p>", 1_000_000) + Sentence));
        yield return ("500 distinct b reopened after every block", Page(Repeat(
            "<div>" + string.Concat(Enumerable.Range(0, 500).Select(i => $"<b id={i}>")) + "</div>x", 200)));
        yield return ("one element, 100k attributes", Page("<p " + Attributes(100_000) + ">" + Sentence + "</p>"));
        yield return ("one element, 400k attributes (5 MB)", Page("<p " + Attributes(400_000) + ">" + Sentence + "</p>"));
        yield return ("one element, 500k duplicate attributes", Page("<p " + Repeat("a=\"x\" ", 500_000) + ">" + Sentence + "</p>"));
        yield return ("99k tiny elements (span)", Page("<p>" + Repeat("<span>a</span>", 99_000) + "</p>"));
        yield return ("99k paragraphs without </p>", Page(Repeat("<p>" + Sentence[..20], 99_000)));
        yield return ("600k tiny elements (i)", Page(Repeat("<i></i>", 600_000)));
        yield return ("30k identical text boxes (twins)", Page(Repeat("<div class=\"box\">" + Sentence + Sentence + "</div>", 30_000)));
        yield return ("15k wrapped identical text boxes (twins)", Page("<div class=\"main\">" + Repeat(
            "<div class=\"wrap\"><div class=\"box\">" + Sentence + Sentence + "</div></div>", 15_000) + "</div>"));
        yield return ("one 4 MB text node", Page("<p>" + Text(4 << 20) + "</p>"));
        yield return ("1 MB of entities", Page("<p>" + Entities(1 << 20) + "</p>"));
        yield return ("1 MB of unterminated entities", Page("<p>" + Repeat("&amp&#x1F600&#99999999999&notanentity;&", (1 << 20) / 40) + "</p>"));
        yield return ("3 MB unclosed comment", Page("<p>" + Sentence + "</p><!--" + Text(3 << 20)));
        yield return ("3 MB unclosed attribute quote", Page("<p>" + Sentence + "</p><a href=\"" + Text(3 << 20)));
        yield return ("3 MB of '<' and '</'", Page(Repeat("< </ <a </a <! <? ", (3 << 20) / 18)));
    }

    private static string Page(string body) =>
        "<!DOCTYPE html><html><head><title>Generated</title></head><body>" + body + "</body></html>";

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    private static string Text(int length)
    {
        var text = new StringBuilder(length + Sentence.Length);
        while (text.Length < length)
            text.Append(Sentence);
        return text.ToString(0, length);
    }

    private static string Attributes(int count)
    {
        var text = new StringBuilder(count * 12);
        for (var i = 0; i < count; i++)
            text.Append(CultureInfo.InvariantCulture, $"a{i}=\"x\" ");
        return text.ToString();
    }

    private static string Entities(int length)
    {
        string[] mix = ["&amp;", "&#x1F600;", "&#9999999;", "&", "&lt;&gt;", "&nbsp;", "&#0;", "&#xD800;", "&NotNestedGreaterGreater;", "&eacute", " word "];
        var text = new StringBuilder(length + 32);
        for (var i = 0; text.Length < length; i++)
            text.Append(mix[i % mix.Length]);
        return text.ToString();
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
