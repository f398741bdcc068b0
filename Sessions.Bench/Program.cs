using Sessions.Bench;

// Benchmarks run outside the test suite, in Release:
//   dotnet run -c Release --project Sessions.Bench -- [live] [--quick] [--repeat K] [--screens N] [--no-screens]
//   dotnet run -c Release --project Sessions.Bench -- reports
//   dotnet run -c Release --project Sessions.Bench -- security [--sessions N]
//   dotnet run -c Release --project Sessions.Bench -- import [--repeat K] [--shape votes|answers|room] [--in-process]
//   dotnet run -c Release --project Sessions.Bench -- phones [--phones 0,20,100] [--rounds 40] [--repeat K]
//   dotnet run -c Release --project Sessions.Bench -- suggestions [--answers N] [--rounds K]
//   dotnet run -c Release --project Sessions.Bench -- two-servers --postgres "Host=...;Username=..." --redis host:port [--quick]
var named = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal);
var command = named ? args[0] : "live";
var rest = named ? args[1..] : args;
switch (command)
{
    case "reports":
        await ReportBenchmark.RunAsync(rest);
        break;
    case "security":
        await SecurityBenchmark.RunAsync(rest);
        break;
    case "import":
        await ImportBenchmark.RunAsync(rest);
        break;
    case "bare-server":
        // Started by the live benchmark as its baseline: a bare SignalR hub in a process of its own.
        await BareSignalR.ServeAsync(int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "suggestions":
        SuggestionsBenchmark.Run(rest);
        break;
    case "two-servers":
        await TwoServerBenchmark.RunAsync(rest);
        break;
    case "phones":
        await PhonesBenchmark.RunAsync(rest);
        break;
    case "live":
        await LiveBenchmark.RunAsync(rest);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{command}\". Available: live (--quick, --repeat K, --screens N, --no-screens, --screens-only), reports, security (--sessions N), import (--repeat K, --shape votes|answers|room, --in-process), phones (--phones, --rounds, --repeat), suggestions (--answers, --rounds), two-servers (--postgres, --redis, --quick)");
        return 2;
}
return 0;
