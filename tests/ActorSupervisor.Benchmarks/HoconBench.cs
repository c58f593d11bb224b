using System.Diagnostics;
using System.Text;
using ActorSupervisor.Hocon;

namespace ActorSupervisor.Benchmarks;

/// <summary>
/// Parse and resolve a 1 MB HOCON file with every feature in it (objects, dotted keys, arrays, comments,
/// substitutions, self-references, +=, concatenation, multi-line strings): time and allocations per read.
/// </summary>
public sealed class HoconBench : IBenchSuite
{
    private const int TargetBytes = 1 << 20;

    /// <inheritdoc />
    public string Name => "hocon";

    /// <inheritdoc />
    public Task RunAsync(BenchContext context)
    {
        var text = BuildDocument();
        var options = new HoconReaderOptions { EnvironmentVariables = name => name == "HOME" ? "/home/bench" : null };
        var fieldCount = 0;
        for (var i = 0; i < 3; i++)
        {
            fieldCount = HoconReader.Parse(text, "bench.conf", options).Count;
        }
        var runs = context.Quick ? 5 : 30;
        var times = new List<double>(runs);
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            HoconReader.Parse(text, "bench.conf", options);
            watch.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        context.Report("hocon.input_kb", text.Length / 1024.0, "KiB");
        context.Report("hocon.top_level_fields", fieldCount, "fields");
        context.Report("hocon.parse_1mb.ms", times[times.Count / 2], "ms");
        context.Report("hocon.parse_1mb.max_ms", times[^1], "ms");
        context.Report("hocon.parse_1mb.alloc_mb", allocated / (double)runs / (1 << 20), "MiB");
        context.Report("hocon.parse_1mb.mb_per_s", text.Length / (double)(1 << 20) / (times[times.Count / 2] / 1000), "MiB/s");
        return Task.CompletedTask;
    }

    private static string BuildDocument()
    {
        var text = new StringBuilder(TargetBytes + 4096);
        text.Append("# generated benchmark configuration\ndefaults {\n  labels { team = core, tier = \"backend\" }\n  path = /usr/bin\n  tags = [base]\n}\n");
        for (var i = 0; text.Length < TargetBytes; i++)
        {
            text.Append(FormattableString.Invariant($$""""
                service-{{i}} {
                  name = "service {{i}}"
                  image = "registry.local/app:{{i}}"
                  restart { policy = on-failure, max-retries = 5, backoff = 100ms, window = 1 m }
                  ports = [8080, 8443,
                    9000]
                  env { HOME = ${?HOME}, LEVEL = info } // environment
                  limits.memory = 512MiB
                  limits.cpu = 0.5
                  labels = ${defaults.labels} { id = "{{i}}" }
                  tags = ${defaults.tags}
                  tags += web
                  description = """first line
                second line of {{i}}"""
                  path = ${defaults.path}
                  path = ${service-{{i}}.path}":/svc/{{i}}"
                  "quoted.key" = true
                }

                """"));
        }
        return text.ToString();
    }
}
