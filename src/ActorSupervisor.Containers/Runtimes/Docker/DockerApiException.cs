using System.Net;

namespace ActorSupervisor.Containers.Runtimes.Docker;

/// <summary>The daemon answered a call with an error status; <see cref="Status"/> lets callers tell 404 and 409 apart.</summary>
internal sealed class DockerApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
