using BenchmarkDotNet.Running;
using NewsPipeline.Benchmarks;

// Stage benchmarks: `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- --filter '*Name*'`.
// Scale runs that BenchmarkDotNet cannot repeat cheaply: `-- dedup-scale 1000000 [--rebuild]`.
// Generated pathological HTML pages, timed through the HTML normaliser: `-- nasty-html [runs]`.
if (args.FirstOrDefault() == "dedup-scale")
    return await DedupScale.RunAsync(args);
if (args.FirstOrDefault() == "nasty-html")
    return NastyHtml.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
