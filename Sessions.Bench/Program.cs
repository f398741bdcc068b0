using Sessions.Bench;

// Benchmarks run outside the test suite: dotnet run -c Release --project Sessions.Bench -- reports
var command = args.FirstOrDefault() ?? "reports";
switch (command)
{
    case "reports":
        await ReportBenchmark.RunAsync(args.Skip(1).ToArray());
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{command}\". Available: reports");
        return 2;
}
return 0;
