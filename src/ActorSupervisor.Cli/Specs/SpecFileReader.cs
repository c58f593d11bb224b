using ActorSupervisor.Cli.App;
using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Client.Values;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Cli.Specs;

/// <summary>Reads a spec file with the format its extension names, then checks every container before anything is sent.</summary>
internal sealed class SpecFileReader(IReadOnlyList<ISpecFileFormat> formats)
{
    /// <summary>The formats this build knows.</summary>
    public static SpecFileReader Default { get; } = new([new JsonSpecFormat(), new HoconSpecFormat()]);

    public IReadOnlyList<RawContainerSpec> Read(string path)
    {
        var format = formats.FirstOrDefault(f => f.Extensions.Any(ext => path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
            ?? throw new UsageException($"{path}: unknown file type; asv reads {string.Join(", ", formats.SelectMany(f => f.Extensions))} spec files");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read spec file {path}: {e.Message}");
        }
        var specs = format.Read(path, text);
        Check(path, specs);
        return specs;
    }

    private static void Check(string path, IReadOnlyList<RawContainerSpec> specs)
    {
        if (specs.Count == 0) throw new UsageException($"{path}: declares no containers");
        var problems = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var label = specs[i].Name is { Length: > 0 } name ? $"container '{name}'" : $"container #{i + 1}";
            problems.AddRange(ContainerSpecRules.Validate(specs[i]).Select(p => $"  {label}: {Describe(p)}"));
        }
        foreach (var duplicate in specs.Where(s => s.Name is not null).GroupBy(s => s.Name).Where(g => g.Count() > 1))
            problems.Add($"  container '{duplicate.Key}' is declared {duplicate.Count()} times");
        if (problems.Count > 0)
            throw new UsageException($"{path}: {problems.Count} problem(s), nothing was sent:\n{string.Join('\n', problems)}");
    }

    private static string Describe(ApiErrorDetail problem) =>
        problem.Value is null ? $"{problem.Field}: {problem.Message}" : $"{problem.Field} '{problem.Value}': {problem.Message}";
}
