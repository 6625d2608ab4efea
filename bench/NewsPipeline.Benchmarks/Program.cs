using BenchmarkDotNet.Running;
using NewsPipeline.Benchmarks;

// Stage benchmarks: `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- --filter '*Name*'`.
// Scale runs that BenchmarkDotNet cannot repeat cheaply: `-- dedup-scale 1000000 [--rebuild]`.
// Generated pathological HTML pages, timed through the HTML normaliser: `-- nasty-html [runs]`.
// The analyse stages alone over a folder of files, on all cores: `-- stages DIR [passes]`.
// Every HTML page's normalised article as JSON, to compare two builds: `-- html-dump OUT DIR...`.
if (args.FirstOrDefault() == "dedup-scale")
    return await DedupScale.RunAsync(args);
if (args.FirstOrDefault() == "nasty-html")
    return NastyHtml.Run(args);
if (args.FirstOrDefault() == "stages")
    return Stages.Run(args);
if (args.FirstOrDefault() == "html-dump")
    return HtmlDump.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
