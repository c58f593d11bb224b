using System.Reflection;
using ActorSupervisor.Benchmarks;

// Suites are the IBenchSuite types of this assembly, found by name: each file adds one without touching this one.
var suites = typeof(IBenchSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

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
if (!suites.TryGetValue(names[0], out var suite))
{
    Console.Error.WriteLine($"unknown suite '{names[0]}'; suites: {string.Join(", ", suites.Keys.Order())}");
    return 2;
}
await suite.RunAsync(new BenchContext(quick, only));
return 0;
