using System.Security.Cryptography;

namespace ActorSupervisor.Node.Security;

/// <summary>
/// The node's generated API token in <c>&lt;data-dir&gt;/api.token</c>, used when no token is configured: 32
/// random bytes, base64url, mode 0600 (0640 and the token group's when one is configured), the way Docker's
/// socket is root's or the docker group's. The file survives restarts so clients keep working; a file that is
/// empty or weak is replaced.
/// </summary>
public static class ApiTokenFile
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "api.token";

    /// <summary>The token file of <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>
    /// The token in <paramref name="dataDirectory"/>'s file, written first when missing or unusable; the file's
    /// mode and group are set either way. <paramref name="groupId"/> null keeps it the owner's alone.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read, written or given to the group.</exception>
    public static (string Token, bool Created) Ensure(string dataDirectory, uint? groupId)
    {
        var path = PathIn(dataDirectory);
        var existing = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        if (ApiTokenRules.Problem(existing) is null)
        {
            Protect(path, groupId);
            return (existing, false);
        }
        var token = Generate();
        var temporary = path + ".new";
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixAccess.PrivateFile;
        using (var stream = new FileStream(temporary, create))
        using (var writer = new StreamWriter(stream))
            writer.Write(token + "\n");
        Protect(temporary, groupId);
        File.Move(temporary, path, overwrite: true);
        return (token, true);
    }

    /// <summary>A new token: 32 bytes from the system's CSPRNG, base64url without padding (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Protect(string path, uint? groupId)
    {
        if (OperatingSystem.IsWindows())
            return;
        if (groupId is { } group)
            UnixAccess.SetGroup(path, group);
        File.SetUnixFileMode(path, groupId is null ? UnixAccess.PrivateFile : UnixAccess.GroupReadableFile);
    }
}
