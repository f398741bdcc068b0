using Sessions.Bench;

// Benchmarks run outside the test suite, in Release:
//   dotnet run -c Release --project Sessions.Bench -- live [--quick]
//   dotnet run -c Release --project Sessions.Bench -- reports
var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "live";
var rest = args.Where(a => a != command).ToArray();
switch (command)
{
    case "reports":
        await ReportBenchmark.RunAsync(rest);
        break;
    case "live":
        await LiveBenchmark.RunAsync(rest);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{command}\". Available: live (--quick), reports");
        return 2;
}
return 0;
