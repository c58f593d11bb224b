using ActorSupervisor.Node.Configuration;

namespace ActorSupervisor.Node.Security;

/// <summary>
/// The node's start-up hook for who may drive it. <see cref="Prepare"/> runs once, after the options are read and
/// before anything opens the data directory (journal, logs) or the API serves: it makes the data directory
/// private (<see cref="NodeDataDirectory"/>), settles the API token (the configured one, else the generated
/// <c>&lt;data-dir&gt;/api.token</c>, <see cref="ApiTokenFile"/>) and logs where the token is.
/// </summary>
public static class NodeSecurity
{
    /// <summary>Prepares the data directory and the token of <paramref name="options"/>.</summary>
    /// <exception cref="NodeConfigurationException">The data directory or the token file cannot be made or protected.</exception>
    public static ApiAccess Prepare(NodeOptions options, ILogger logger)
    {
        var api = options.Api;
        var groupId = api.TokenGroup.Length == 0 ? null : UnixAccess.GroupId(api.TokenGroup);
        try
        {
            foreach (var path in NodeDataDirectory.Prepare(options, groupId))
                logger.LogWarning("Restricted access to {Path}: the node's data is its owner's alone", path);
            if (api.Token.Length > 0)
            {
                logger.LogInformation("API token: configured (actor-supervisor.node.api.token)");
                return new ApiAccess(api.Token, null);
            }
            var (token, created) = ApiTokenFile.Ensure(options.DataDirectory, groupId);
            var file = ApiTokenFile.PathIn(options.DataDirectory);
            var readers = groupId is null ? "its owner" : $"its owner and group {api.TokenGroup}";
            logger.LogInformation("API token {Action} {File} (readable by {Readers}); asv on this machine reads it, other clients send it as Authorization: Bearer",
                created ? "written to" : "read from", file, readers);
            return new ApiAccess(token, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException(
                $"setting 'actor-supervisor.node.data-dir' = \"{options.DataDirectory}\": cannot prepare the data directory and its API token: {e.Message}");
        }
    }
}
