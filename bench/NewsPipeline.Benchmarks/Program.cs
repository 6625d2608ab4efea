using BenchmarkDotNet.Running;
using NewsPipeline.Benchmarks;

// Stage benchmarks: `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- --filter '*Name*'`.
// Scale runs that BenchmarkDotNet cannot repeat cheaply: `-- dedup-scale 1000000 [--rebuild]`.
if (args.FirstOrDefault() == "dedup-scale")
    return await DedupScale.RunAsync(args);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
