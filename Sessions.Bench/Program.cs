using Sessions.Bench;

// Benchmarks run outside the test suite, in Release:
//   dotnet run -c Release --project Sessions.Bench -- [live] [--quick] [--repeat K] [--screens N] [--no-screens]
//   dotnet run -c Release --project Sessions.Bench -- reports
//   dotnet run -c Release --project Sessions.Bench -- security [--sessions N]
//   dotnet run -c Release --project Sessions.Bench -- import [--repeat K] [--shape votes|answers|room] [--in-process]
//   dotnet run -c Release --project Sessions.Bench -- phones [--phones 250,500,1000,2000,4000] [--boards 3] [--ballots 100] [--warm-up 100] [--room-seconds 60] [--answers 10] [--no-baseline]
//   dotnet run -c Release --project Sessions.Bench -- phones-chromium [--phones 0,20,100] [--rounds 40] [--repeat K]
//   dotnet run -c Release --project Sessions.Bench -- keepalive [--connections 2000] [--seconds 30]
//   dotnet run -c Release --project Sessions.Bench -- suggestions [--answers N] [--rounds K]
//   dotnet run -c Release --project Sessions.Bench -- board [--answers 150] [--ballots 40]
//   dotnet run -c Release --project Sessions.Bench -- dot-latency [--votes 50] [--repeat K]
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
        await BareSignalR.ServeAsync(
            int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture),
            rest.Length > 1 ? int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : null);
        break;
    case "suggestions":
        SuggestionsBenchmark.Run(rest);
        break;
    case "two-servers":
        await TwoServerBenchmark.RunAsync(rest);
        break;
    case "keepalive":
        await KeepAliveBenchmark.RunAsync(rest);
        break;
    case "phones":
        await PhonesBenchmark.RunAsync(rest);
        break;
    case "board":
        await BoardBenchmark.RunAsync(rest);
        break;
    case "dot-latency":
        await DotLatencyBenchmark.RunAsync(rest);
        break;
    case "phones-chromium":
        await ChromiumPhonesBenchmark.RunAsync(rest);
        break;
    case "live":
        await LiveBenchmark.RunAsync(rest);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark \"{command}\". Available: live (--quick, --repeat K, --screens N, --no-screens, --screens-only), reports, security (--sessions N), import (--repeat K, --shape votes|answers|room, --in-process), phones (--phones, --boards, --ballots, --warm-up, --room-seconds, --answers, --open-parallel), phones-chromium (--phones, --rounds, --repeat), keepalive (--connections, --seconds), suggestions (--answers, --rounds), board (--answers, --ballots), dot-latency (--votes, --repeat), two-servers (--postgres, --redis, --quick)");
        return 2;
}
return 0;
