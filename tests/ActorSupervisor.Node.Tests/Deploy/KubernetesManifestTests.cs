using System.Text.RegularExpressions;
using ActorSupervisor.Hocon;
using ActorSupervisor.Node.Configuration;
using ActorSupervisor.Node.Tests.Support;
using ActorSupervisor.Tests.Shared;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ActorSupervisor.Node.Tests.Deploy;

/// <summary>
/// deploy/kubernetes parses and its parts reference each other: the StatefulSet's service, selectors, ports, probes,
/// ConfigMap and Secret keys, and the node.conf it mounts, read by the node's own reader with the environment a pod
/// gets and the certificates make-certificates.sh makes in place of the mounted Secret. No cluster runs here; this
/// is what `kubectl apply --dry-run` would not catch.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private const string TlsSecret = "asv-tls";
    private static readonly string Folder = RepositoryFiles.Folder("deploy", "kubernetes");
    private readonly Dictionary<string, YamlMappingNode> _byKind = Load();
    private readonly YamlMappingNode _tlsSecret = Documents("secret.example.yaml").Single(d => Scalar(Map(d, "metadata"), "name") == TlsSecret);

    [Fact]
    public void Kustomization_lists_every_manifest_but_the_examples()
    {
        var listed = Sequence(Node(Document("kustomization.yaml"), "resources")).Select(n => n.ToString()).Order();
        var files = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml" && !f!.EndsWith(".example.yaml", StringComparison.Ordinal)).Order();
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
        var tls = Map(TlsVolume(), "secret");
        Assert.Equal(Scalar(Map(_tlsSecret, "metadata"), "name"), Scalar(tls, "secretName"));
        Assert.Equal("0400", Scalar(tls, "defaultMode")); // the node's key, readable by the node only
        var volume = Volumes().Single(v => v.Children.ContainsKey("configMap"));
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
        var tlsKeys = Map(_tlsSecret, "data").Children.Keys.Select(k => k.ToString()).ToHashSet();
        var mount = Scalar(Sequence(Node(Container(), "volumeMounts")).Cast<YamlMappingNode>().Single(m => Scalar(m, "name") == Scalar(TlsVolume(), "name")), "mountPath");
        var certificates = Directory.CreateTempSubdirectory("asv-k8s-certs-").FullName;
        try
        {
            MakeCertificates(certificates, "prod");
            for (var ordinal = 0; ordinal < replicas; ordinal++)
            {
                // The Secret's files as make-certificates.sh makes them, where the pod would have them mounted.
                var options = ReadNodeConf($"asv-{ordinal}", "prod", (mount, certificates));

                Assert.False(options.Cluster.InsecureRemoting);
                var tls = Assert.IsType<ClusterTls>(options.Cluster.Tls);
                Assert.Contains(Path.GetFileName(tls.Certificate), tlsKeys);
                Assert.Contains(Path.GetFileName(tls.Trusted), tlsKeys);
                Assert.Equal(Path.Combine(certificates, Path.GetFileName(tls.Certificate)), tls.Certificate);
                Assert.Equal(Path.Combine(certificates, Path.GetFileName(tls.Trusted)), tls.Trusted);
                seeds = [.. ReadPodNodeConf(ordinal, options)];
            }
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
        // Every pod's address is a seed, so any of them can restart and rejoin; they speak TLS.
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"akka.ssl.tcp://asv@asv-{i}.asv.prod.svc.cluster.local:{ports["remoting"]}"), seeds);

        IReadOnlyList<string> ReadPodNodeConf(int ordinal, NodeOptions options)
        {
            Assert.Equal($"asv-{ordinal}", options.NodeId);
            Assert.Equal($"asv-{ordinal}.asv.prod.svc.cluster.local", options.Cluster.Host);
            Assert.Equal(ports["remoting"], options.Cluster.Port);
            Assert.Equal(ports["api"], options.Api.Port);
            Assert.Equal("postgres", options.Store.Kind);
            Assert.StartsWith("Host=postgres", options.Store.ConnectionString, StringComparison.Ordinal);
            Assert.True(grace > options.Shutdown.Timeout.TotalSeconds, "the pod must outlive the node's graceful leave");
            return options.Cluster.Seeds;
        }
    }

    [Fact]
    public void No_manifest_opts_out_of_tls_and_cert_manager_writes_the_secret_the_pods_mount()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.yaml"))
            Assert.DoesNotContain("insecure-remoting", File.ReadAllText(file), StringComparison.Ordinal);

        var certificate = Documents("cert-manager.example.yaml").Single(d => Scalar(d, "kind") == "Certificate" && Scalar(Map(d, "metadata"), "name") == "asv-node");
        var spec = Map(certificate, "spec");
        Assert.Equal(Scalar(Map(TlsVolume(), "secret"), "secretName"), Scalar(spec, "secretName"));
        Assert.Equal(["client auth", "digital signature", "server auth"], Sequence(Node(spec, "usages")).Select(u => u.ToString()).Order());
        // cert-manager names the files keystore.p12 and ca.crt: the keys the example Secret and node.conf use.
        Assert.Equal(["ca.crt", "keystore.p12"], Map(_tlsSecret, "data").Children.Keys.Select(k => k.ToString()).Order());
        var pkcs12 = Map(Map(spec, "keystores"), "pkcs12");
        Assert.Equal("true", Scalar(pkcs12, "create"));
        var password = Map(pkcs12, "passwordSecretRef");
        var env = Sequence(Node(Container(), "env")).Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "ASV_CLUSTER_TLS_PASSWORD");
        var reference = Map(Map(env, "valueFrom"), "secretKeyRef");
        Assert.Equal(Scalar(reference, "name"), Scalar(password, "name"));
        Assert.Equal(Scalar(reference, "key"), Scalar(password, "key"));
        // Its CA issuer signs with the authority the bootstrap issuer made.
        var issuer = Documents("cert-manager.example.yaml").Single(d => Scalar(d, "kind") == "Issuer" && Scalar(Map(d, "metadata"), "name") == Scalar(Map(spec, "issuerRef"), "name"));
        var authority = Documents("cert-manager.example.yaml").Single(d => Scalar(d, "kind") == "Certificate" && Scalar(Map(d, "spec"), "secretName") == Scalar(Map(Map(issuer, "spec"), "ca"), "secretName"));
        Assert.Equal("true", Scalar(Map(authority, "spec"), "isCA"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Make_certificates_issues_node_and_client_certificates_that_the_cluster_authority_vouches_for()
    {
        var directory = Directory.CreateTempSubdirectory("asv-k8s-certs-").FullName;
        try
        {
            MakeCertificates(directory, "prod", "shop");
            var password = File.ReadAllText(Path.Combine(directory, "keystore-password")).Trim();
            var authorities = ActorSupervisor.Messages.RemotingTls.LoadAuthorities(Path.Combine(directory, "ca.crt"));
            foreach (var file in new[] { "keystore.p12", "shop.p12" })
            {
                using var certificate = ActorSupervisor.Messages.RemotingTls.LoadCertificate(Path.Combine(directory, file), password);
                Assert.True(ActorSupervisor.Messages.RemotingTls.IsTrusted(certificate, authorities, out var reason), reason);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, file)));
            }
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "ca.key")));
            // Run again (to add a client): the authority stays, so earlier certificates stay trusted.
            var authority = File.ReadAllText(Path.Combine(directory, "ca.crt"));
            MakeCertificates(directory, "prod", "shop-2");
            Assert.Equal(authority, File.ReadAllText(Path.Combine(directory, "ca.crt")));
            using var second = ActorSupervisor.Messages.RemotingTls.LoadCertificate(Path.Combine(directory, "shop-2.p12"), password);
            Assert.True(ActorSupervisor.Messages.RemotingTls.IsTrusted(second, authorities, out var why), why);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs make-certificates.sh into <paramref name="directory"/> with the example Secret's password.</summary>
    private void MakeCertificates(string directory, string ns, params string[] clients)
    {
        var password = Scalar(Map(_byKind["Secret"], "stringData"), "tls-password");
        var run = ProgramRun.RunAsync("bash", [Path.Combine(Folder, "make-certificates.sh"), directory, ns, .. clients], TimeSpan.FromSeconds(60),
            new Dictionary<string, string?> { ["ASV_CLUSTER_TLS_PASSWORD"] = password }).GetAwaiter().GetResult();
        Assert.True(run.ExitCode == 0, $"make-certificates.sh exited with {run.ExitCode}: {run.Stderr}");
    }

    /// <summary>
    /// The node's own reader on reference.conf and the ConfigMap's node.conf, with the pod's environment and the paths
    /// under the mounted Secret's folder (<paramref name="tls"/>.Mount) moved to where its files are here.
    /// </summary>
    private NodeOptions ReadNodeConf(string pod, string ns, (string Mount, string Here) tls)
    {
        var environment = PodEnvironment(pod, ns);
        var directory = Directory.CreateTempSubdirectory("asv-k8s-").FullName;
        try
        {
            var file = Path.Combine(directory, "node.conf");
            var conf = Scalar(Map(_byKind["ConfigMap"], "data"), "node.conf");
            Assert.Contains($"\"{tls.Mount}/", conf, StringComparison.Ordinal);
            File.WriteAllText(file, conf.Replace($"\"{tls.Mount}/", $"\"{tls.Here}/", StringComparison.Ordinal));
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

    private IEnumerable<YamlMappingNode> Volumes() =>
        Sequence(Node(Map(Map(Map(_byKind["StatefulSet"], "spec"), "template"), "spec"), "volumes")).Cast<YamlMappingNode>();

    private YamlMappingNode TlsVolume() =>
        Volumes().Single(v => v.Children.ContainsKey("secret") && Scalar(Map(v, "secret"), "secretName") == TlsSecret);

    private YamlMappingNode Container() =>
        (YamlMappingNode)Sequence(Node(Map(Map(Map(_byKind["StatefulSet"], "spec"), "template"), "spec"), "containers")).Single();

    private static Dictionary<string, YamlMappingNode> Load()
    {
        var byKind = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "cert-manager.example.yaml")))
        {
            // The first object of each file: a second (the example's TLS Secret) is looked up by name where it is used.
            var document = Documents(Path.GetFileName(file))[0];
            byKind.Add(Scalar(document, "kind"), document); // one object per kind: a second would be ambiguous here
        }
        return byKind;
    }

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, file)))
            stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
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
