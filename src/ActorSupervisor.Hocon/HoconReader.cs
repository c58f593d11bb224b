using ActorSupervisor.Hocon.Resolution;
using ActorSupervisor.Hocon.Syntax;
using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon;

/// <summary>
/// Reads HOCON (the Lightbend configuration format, a superset of JSON) into a resolved, immutable
/// <see cref="HoconObject"/>. Everything is parsed and resolved before anything is returned: a file with an
/// error yields a <see cref="HoconException"/> naming file, line and column, never a partial result.
/// </summary>
public static class HoconReader
{
    /// <summary>Reads and resolves a file; includes are relative to the file's directory.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconException">The file (or a file it includes) is not valid HOCON or cannot be resolved.</exception>
    public static HoconObject Load(string path, HoconReaderOptions? options = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"configuration file not found: {fullPath}", fullPath);
        }
        return Parse(File.ReadAllText(fullPath), fullPath, options);
    }

    /// <summary>
    /// Reads and resolves HOCON text. <paramref name="origin"/> names it in positions; when it is a file path,
    /// includes are relative to its directory, otherwise to <see cref="HoconReaderOptions.BaseDirectory"/>.
    /// </summary>
    /// <exception cref="HoconException">The text is not valid HOCON or cannot be resolved.</exception>
    public static HoconObject Parse(string text, string origin = "(text)", HoconReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconReaderOptions.Default;
        var context = new ParseContext(options);
        var directory = options.BaseDirectory ?? Directory.GetCurrentDirectory();
        if (System.IO.Path.IsPathRooted(origin) && File.Exists(origin))
        {
            directory = System.IO.Path.GetDirectoryName(origin) ?? directory;
            context.Files.Add(origin);
        }
        var root = new Frame(new UObject(new HoconPosition(origin, 1, 1)), [], addressable: true);
        Parser.ParseDocument(text, origin, directory, root, context);
        return new Resolver(root.Object, options).Resolve();
    }
}
