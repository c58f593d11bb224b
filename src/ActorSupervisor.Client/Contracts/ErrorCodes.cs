// Compiled into two assemblies (ActorSupervisor.Messages links this file): the HTTP API's codes and the actor messages' are one list.
#if ASV_MESSAGES
namespace ActorSupervisor.Messages;

/// <summary>The stable values of <see cref="CommandFailed.Code"/>: the HTTP API's error codes, each with the status it has there.</summary>
#else
namespace ActorSupervisor.Client.Contracts;

/// <summary>The stable values of <see cref="ApiError.Code"/>, each with its HTTP status.</summary>
#endif
public static class ErrorCodes
{
    /// <summary>400: a body, a parameter or a name is malformed; see the details.</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>401: the node requires a bearer token and none or a wrong one was sent.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>404: no container (or route) by that name or id.</summary>
    public const string NotFound = "not_found";

    /// <summary>409: the container's state forbids the command, or the name is taken; the message says why.</summary>
    public const string Conflict = "conflict";

    /// <summary>500: the runtime refused the operation (e.g. the executable cannot be started).</summary>
    public const string RuntimeError = "runtime_error";

    /// <summary>500: a bug or a journal failure on the node.</summary>
    public const string Internal = "internal";

    /// <summary>503: the node is starting, shutting down, or the container's shard is moving; retry later.</summary>
    public const string Unavailable = "unavailable";
}
