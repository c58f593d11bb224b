using System.Text.RegularExpressions;
using ActorSupervisor.Hocon;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Tests.Support;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ActorSupervisor.Node.Tests.Deploy;

/// <summary>
/// deploy/kubernetes parses and its parts reference each other: the StatefulSet's service, selectors, ports, probes,
/// ConfigMap and Secret keys, and the node.conf it mounts, read by the node's own reader with the environment a pod
/// gets. No cluster runs here; this is what `kubectl apply --dry-run` would not catch.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = RepositoryFiles.Folder("deploy", "kubernetes");
    private readonly Dictionary<string, YamlMappingNode> _byKind = Load();

    [Fact]
    public void Kustomization_lists_every_manifest_but_the_example_secret()
    {
        var listed = Sequence(Node(Document("kustomization.yaml"), "resources")).Select(n => n.ToString()).Order();
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not ("kustomization.yaml" or "secret.example.yaml")).Order();
        Assert.Equal(files, listed);
    }

    [Fact]
    public void The_statefulset_uses_the_headless_service_and_the_selectors_match()
    {
        var set = _byKind["StatefulSet"];
        var service = _byKind["Service"];
        var labels = Labels(Map(Map(Map(set, "spec"), "template"), "metadata"), "labels");

        Assert.Equal(Scalar(Map(service, "metadata"), "name"), Scalar(Map(set, "spec"), "serviceName"));
        Assert.Equal("None", Scalar(Map(service, "spec"), "clusterIP"));
        Assert.Equal("true", Scalar(Map(service, "spec"), "publishNotReadyAddresses"));
        foreach (var selector in new[]
                 {
                     Labels(Map(Map(set, "spec"), "selector"), "matchLabels"),
                     Labels(Map(service, "spec"), "selector"),
                     Labels(Map(Map(_byKind["PodDisruptionBudget"], "spec"), "selector"), "matchLabels"),
                 })
            Assert.All(selector, pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
    }

    [Fact]
    public void Probes_and_service_ports_name_the_containers_ports()
    {
        var container = Container();
        var ports = Sequence(Node(container, "ports")).Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => int.Parse(Scalar(p, "containerPort")));

        Assert.Equal("/readyz", Scalar(Map(Map(container, "readinessProbe"), "httpGet"), "path"));
        Assert.Equal("/healthz", Scalar(Map(Map(container, "livenessProbe"), "httpGet"), "path"));
        Assert.Contains(Scalar(Map(Map(container, "readinessProbe"), "httpGet"), "port"), ports.Keys);
        Assert.All(Sequence(Node(Map(_byKind["Service"], "spec"), "ports")).Cast<YamlMappingNode>(),
            p => Assert.Equal(ports[Scalar(p, "targetPort")], int.Parse(Scalar(p, "port"))));
    }

    [Fact]
    public void Every_secret_and_configmap_reference_exists()
    {
        var secret = _byKind["Secret"];
        var secretKeys = Map(secret, "stringData").Children.Keys.Select(k => k.ToString()).ToHashSet();
        foreach (var env in Sequence(Node(Container(), "env")).Cast<YamlMappingNode>())
        {
            if (!env.Children.ContainsKey("valueFrom") || !Map(env, "valueFrom").Children.ContainsKey("secretKeyRef")) continue;
            var reference = Map(Map(env, "valueFrom"), "secretKeyRef");
            Assert.Equal(Scalar(Map(secret, "metadata"), "name"), Scalar(reference, "name"));
            Assert.Contains(Scalar(reference, "key"), secretKeys);
        }
        var volume = Sequence(Node(Map(Map(Map(_byKind["StatefulSet"], "spec"), "template"), "spec"), "volumes")).Cast<YamlMappingNode>()
            .Single(v => v.Children.ContainsKey("configMap"));
        Assert.Equal(Scalar(Map(_byKind["ConfigMap"], "metadata"), "name"), Scalar(Map(volume, "configMap"), "name"));
        var mount = Sequence(Node(Container(), "volumeMounts")).Cast<YamlMappingNode>().Single(m => Scalar(m, "name") == Scalar(volume, "name"));
        var args = Sequence(Node(Container(), "args")).Select(a => a.ToString()).ToList();
        Assert.Equal(["--config", Scalar(mount, "mountPath") + "/node.conf"], args);
    }

    [Fact]
    public void Each_pods_node_conf_reads_as_a_member_of_the_three_node_cluster()
    {
        var replicas = int.Parse(Scalar(Map(_byKind["StatefulSet"], "spec"), "replicas"));
        var grace = int.Parse(Scalar(Map(Map(Map(_byKind["StatefulSet"], "spec"), "template"), "spec"), "terminationGracePeriodSeconds"));
        var ports = Sequence(Node(Container(), "ports")).Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => int.Parse(Scalar(p, "containerPort")));
        var seeds = new List<string>();
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            var options = ReadNodeConf($"asv-{ordinal}", "prod");

            Assert.Equal($"asv-{ordinal}", options.NodeId);
            Assert.Equal($"asv-{ordinal}.asv.prod.svc.cluster.local", options.Cluster.Host);
            Assert.Equal(ports["remoting"], options.Cluster.Port);
            Assert.Equal(ports["api"], options.Api.Port);
            Assert.Equal("postgres", options.Store.Kind);
            Assert.StartsWith("Host=postgres", options.Store.ConnectionString, StringComparison.Ordinal);
            Assert.True(grace > options.Shutdown.Timeout.TotalSeconds, "the pod must outlive the node's graceful leave");
            seeds = [.. options.Cluster.Seeds];
        }
        // Every pod's address is a seed, so any of them can restart and rejoin.
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"akka.tcp://asv@asv-{i}.asv.prod.svc.cluster.local:{ports["remoting"]}"), seeds);
    }

    /// <summary>The node's own reader on reference.conf and the ConfigMap's node.conf, with the pod's environment.</summary>
    private NodeOptions ReadNodeConf(string pod, string ns)
    {
        var environment = PodEnvironment(pod, ns);
        var directory = Directory.CreateTempSubdirectory("asv-k8s-").FullName;
        try
        {
            var file = Path.Combine(directory, "node.conf");
            File.WriteAllText(file, Scalar(Map(_byKind["ConfigMap"], "data"), "node.conf"));
            var root = new ConfigurationBuilder()
                .AddHocon(s => Source(s, Path.Combine(AppContext.BaseDirectory, "reference.conf"), environment))
                .AddHocon(s => Source(s, file, environment))
                .Build();
            return NodeOptionsReader.Read(new SettingReader(root, $"ASVK8S{Guid.NewGuid():N}_"), file);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Source(HoconConfigurationSource source, string path, Dictionary<string, string> environment)
    {
        source.Path = path;
        source.EnvironmentVariables = name => environment.GetValueOrDefault(name);
        source.ResolveFileProvider();
    }

    /// <summary>The container's env as Kubernetes sets it: field references filled in, <c>$(VAR)</c> expanded, secrets from the example.</summary>
    private Dictionary<string, string> PodEnvironment(string pod, string ns)
    {
        var secret = Map(_byKind["Secret"], "stringData");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in Sequence(Node(Container(), "env")).Cast<YamlMappingNode>())
        {
            var name = Scalar(env, "name");
            if (env.Children.ContainsKey("value"))
            {
                environment[name] = Reference().Replace(Scalar(env, "value"), m => environment[m.Groups[1].Value]);
                continue;
            }
            var from = Map(env, "valueFrom");
            environment[name] = from.Children.ContainsKey("fieldRef")
                ? Scalar(Map(from, "fieldRef"), "fieldPath") switch
                {
                    "metadata.name" => pod,
                    "metadata.namespace" => ns,
                    var path => throw new InvalidOperationException($"unexpected fieldPath {path}"),
                }
                : Scalar(secret, Scalar(Map(from, "secretKeyRef"), "key"));
        }
        return environment;
    }

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex Reference();

    private YamlMappingNode Container() =>
        (YamlMappingNode)Sequence(Node(Map(Map(Map(_byKind["StatefulSet"], "spec"), "template"), "spec"), "containers")).Single();

    private static Dictionary<string, YamlMappingNode> Load()
    {
        var byKind = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var document = Document(Path.GetFileName(file));
            byKind.Add(Scalar(document, "kind"), document); // one object per kind: a second would be ambiguous here
        }
        return byKind;
    }

    private static YamlMappingNode Document(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
            stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlNode> Sequence(YamlNode node) => ((YamlSequenceNode)node).Children;

    private static YamlNode Node(YamlMappingNode node, string key) => node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static Dictionary<string, string> Labels(YamlMappingNode node, string key) =>
        Map(node, key).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());
}
