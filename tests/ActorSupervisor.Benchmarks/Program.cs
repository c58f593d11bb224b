using System.Reflection;
using ActorSupervisor.Benchmarks;

// Suites are the IBenchSuite types of this assembly, found by name: each file adds one without touching this one.
// Several types may share a suite name (the cluster suite's fail-over and forwarding figures live in files of their
// own): ./bench.sh NAME runs each of them, in type-name order.
var suites = typeof(IBenchSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .OrderBy(t => t.Name, StringComparer.Ordinal)
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
    .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

var quick = args.Contains("--quick");
// --only=a,b runs those parts of a suite (see its doc comment), e.g. ./bench.sh node --quick --only=sleeps,restart.
var only = args.Where(a => a.StartsWith("--only=", StringComparison.Ordinal))
    .SelectMany(a => a["--only=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
if (args.Contains("--list") || names.Length != 1)
{
    Console.Error.WriteLine($"usage: ./bench.sh SUITE [--quick] [--only=PART,...]   suites: {string.Join(", ", suites.Keys.Order())}");
    return args.Contains("--list") ? 0 : 2;
}
if (!suites.TryGetValue(names[0], out var parts))
{
    Console.Error.WriteLine($"unknown suite '{names[0]}'; suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}
foreach (var suite in parts)
    await suite.RunAsync(new BenchContext(quick, only));
return 0;
