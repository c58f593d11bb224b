using ActorSupervisor.Hocon.Tree;

namespace ActorSupervisor.Hocon.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] SupportedForms = ["", "file(", "required(", "required(file("];
    private static readonly string[] UnsupportedForms = ["url(", "classpath(", "required(url(", "required(classpath("];

    /// <summary><c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c>, <c>include required(file("f"))</c>.</summary>
    private void ParseInclude(Frame frame)
    {
        var include = Peek;
        _i++;
        SkipBlank();
        var form = "";
        while (Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            form += Peek.Kind == TokenKind.Unquoted ? Peek.Text : "";
            _i++;
        }
        if (Peek.Kind != TokenKind.Quoted || !(SupportedForms.Contains(form) || UnsupportedForms.Contains(form)))
        {
            throw Error(Peek, $"expected a quoted file name after include (include \"f\", file(\"f\"), required(\"f\") or required(file(\"f\"))), found {(form.Length > 0 ? $"'{form}'" : Peek.Describe())}");
        }
        var name = Peek;
        _i++;
        var closing = new string(')', form.Count(c => c == '('));
        var found = "";
        while (found.Length < closing.Length && Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            found += Peek.Kind == TokenKind.Unquoted ? Peek.Text : "";
            _i++;
        }
        if (found != closing)
        {
            throw Error(Peek, $"expected '{closing}' to close include {form}\"{name.Text}\", found {(found.Length > 0 ? $"'{found}'" : Peek.Describe())}");
        }
        if (UnsupportedForms.Contains(form))
        {
            throw Error(include, $"include {form}...) is not supported: include files with a quoted name or file(\"...\")");
        }
        IncludeFile(frame, name, required: form.StartsWith("required(", StringComparison.Ordinal));
    }

    private void IncludeFile(Frame frame, Token name, bool required)
    {
        var path = Path.GetFullPath(Path.IsPathRooted(name.Text) ? name.Text : Path.Combine(_directory, name.Text));
        string[] files = File.Exists(path) ? [path]
            : Path.HasExtension(path) ? []
            : new[] { path + ".json", path + ".conf" }.Where(File.Exists).ToArray();
        if (files.Length == 0)
        {
            if (required)
            {
                throw Error(name, $"required include \"{name.Text}\" not found (looked for {path})");
            }
            return;
        }
        foreach (var file in files)
        {
            if (_context.Files.Contains(file))
            {
                throw Error(name, $"include cycle: {string.Join(" -> ", _context.Files.Select(Path.GetFileName))} -> {Path.GetFileName(file)}");
            }
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Error(name, $"cannot read included file {file}: {e.Message}");
            }
            var included = new Frame(new UObject(new HoconPosition(file, 1, 1)), frame.Path, frame.Addressable);
            _context.Files.Add(file);
            ParseDocument(text, file, Path.GetDirectoryName(file) ?? _directory, included, _context);
            _context.Files.RemoveAt(_context.Files.Count - 1);
            for (var i = 0; i < included.Object.Count; i++)
            {
                TreeMerge.MergeField(frame.Owned(), included.Object[i].Key, included.Object[i].Value, included.Object.Frozen);
            }
        }
    }
}
