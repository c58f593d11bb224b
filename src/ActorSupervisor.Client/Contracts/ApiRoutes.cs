namespace ActorSupervisor.Client.Contracts;

/// <summary>The management API's paths, shared by the node (route templates) and the client (URLs).</summary>
public static class ApiRoutes
{
    /// <summary>The versioned prefix.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>List (GET) and create (POST).</summary>
    public const string Containers = Prefix + "/containers";

    /// <summary>Route template for one container: inspect (GET), remove (DELETE), and the verbs below it.</summary>
    public const string ContainerTemplate = Containers + "/{nameOrId}";

    /// <summary>Groups of containers: list (GET) and create (POST).</summary>
    public const string Groups = Prefix + "/groups";

    /// <summary>The URL path of one group, its name escaped; <c>/start</c> and <c>/stop</c> below it.</summary>
    public static string Group(string name) => Groups + "/" + Uri.EscapeDataString(name);

    /// <summary>GET: the resource use of the running containers (<c>docker stats</c>).</summary>
    public const string Stats = Prefix + "/stats";

    /// <summary>The server-sent events stream of all containers' events.</summary>
    public const string Events = Prefix + "/events";

    /// <summary>This node's identity and capabilities.</summary>
    public const string Node = Prefix + "/node";

    /// <summary>GET: this node's actor hierarchy and the sharding regions it hosts (pbm's <c>actor hierarchy</c>).</summary>
    public const string NodeActors = Node + "/actors";

    /// <summary>GET: this node's recent log lines from its in-memory ring (pbm's <c>log peek</c>); <c>follow=true</c> streams.</summary>
    public const string NodeLogs = Node + "/logs";

    /// <summary>Cluster members.</summary>
    public const string ClusterMembers = Prefix + "/cluster/members";

    /// <summary>POST: the answering node joins the cluster at an address.</summary>
    public const string ClusterJoin = Prefix + "/cluster/join";

    /// <summary>POST: a member (the answering node by default) leaves the cluster gracefully.</summary>
    public const string ClusterLeave = Prefix + "/cluster/leave";

    /// <summary>POST: a member is marked down (it is gone; its shards move).</summary>
    public const string ClusterDown = Prefix + "/cluster/down";

    /// <summary>Shards and their owners.</summary>
    public const string ClusterShards = Prefix + "/cluster/shards";

    /// <summary>Liveness: 200 <c>ok</c> while the process serves requests.</summary>
    public const string Healthz = "/healthz";

    /// <summary>Readiness: 200 <c>ok</c> once recovery is done, 503 with the reason before.</summary>
    public const string Readyz = "/readyz";

    /// <summary>Prometheus text format.</summary>
    public const string Metrics = "/metrics";

    /// <summary>The URL path of one container, its name or id escaped.</summary>
    public static string Container(string nameOrId) => Containers + "/" + Uri.EscapeDataString(nameOrId);

    /// <summary>The URL path of a sub-resource or verb of one container (<c>logs</c>, <c>history</c>, <c>start</c>...).</summary>
    public static string Container(string nameOrId, string verb) => Container(nameOrId) + "/" + verb;
}
