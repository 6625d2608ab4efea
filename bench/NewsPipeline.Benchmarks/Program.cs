using BenchmarkDotNet.Running;

// Stage benchmarks: `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- --filter '*Name*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
