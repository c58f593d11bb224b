using System.Globalization;

namespace ActorSupervisor.Containers.Runtimes.Process;

/// <summary>
/// The uid and gid a workload runs as, resolved from a spec's <c>user[:group]</c> (names or numbers) through
/// <c>/etc/passwd</c> and <c>/etc/group</c>, as Docker's <c>--user</c> does.
/// </summary>
/// <param name="Uid">The user id.</param>
/// <param name="Gid">The group id: the one given, else the user's primary group, else the uid.</param>
/// <param name="Home">The user's home directory, for <c>HOME</c>.</param>
/// <param name="InPasswd">The user has an entry, so its supplementary groups can be set from <c>/etc/group</c>.</param>
internal sealed record UserIds(int Uid, int Gid, string Home, bool InPasswd)
{
    /// <summary>The arguments that make <c>setpriv</c> switch to this user before it runs the program.</summary>
    public IEnumerable<string> SetprivArguments() =>
    [
        "--reuid", Uid.ToString(CultureInfo.InvariantCulture),
        "--regid", Gid.ToString(CultureInfo.InvariantCulture),
        InPasswd ? "--init-groups" : "--clear-groups",
        "--",
    ];

    /// <summary>Resolves <paramref name="user"/> (<c>name</c>, <c>uid</c>, <c>name:group</c>, <c>uid:gid</c>).</summary>
    /// <exception cref="RuntimeOperationException">The user or group does not exist; the message names it.</exception>
    public static UserIds Resolve(string user, string passwdPath = "/etc/passwd", string groupPath = "/etc/group")
    {
        var parts = user.Split(':', 2);
        var passwd = ReadTable(passwdPath);
        var name = parts[0];
        var entry = passwd.FirstOrDefault(e => e[0] == name || IsNumber(name) && e[2] == name);
        int uid;
        if (entry is not null)
        {
            uid = int.Parse(entry[2], CultureInfo.InvariantCulture);
        }
        else if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            throw new RuntimeOperationException($"unable to find user {name}: no matching entries in passwd file");
        }
        var gid = entry is null ? uid : int.Parse(entry[3], CultureInfo.InvariantCulture);
        if (parts.Length == 2)
        {
            var group = parts[1];
            var groupEntry = ReadTable(groupPath).FirstOrDefault(e => e[0] == group || IsNumber(group) && e[2] == group);
            if (groupEntry is not null)
            {
                gid = int.Parse(groupEntry[2], CultureInfo.InvariantCulture);
            }
            else if (!int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out gid))
            {
                throw new RuntimeOperationException($"unable to find group {group}: no matching entries in group file");
            }
        }
        return new UserIds(uid, gid, entry is { Length: > 5 } ? entry[5] : "/", entry is not null);
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static List<string[]> ReadTable(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':')).Where(e => e.Length >= 3).ToList()
            : [];
}
