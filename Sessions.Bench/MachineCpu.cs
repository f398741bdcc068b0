using System.Globalization;

namespace Sessions.Bench;

/// <summary>The whole machine's CPU from /proc/stat: the app, the browser and this process share it.</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }

    public double BusyPercentSince(MachineCpu before) =>
        Total == before.Total ? double.NaN : 100.0 * (Busy - before.Busy) / (Total - before.Total);
}
