namespace ActorSupervisor.Hocon.Tests;

public class RealisticFileTests
{
    private const string AkkaStyle = """
        # An Akka-style file: defaults, then overrides, environment, and substitutions between sections.
        akka {
          loglevel = "INFO"
          actor {
            provider = cluster
            default-dispatcher {
              throughput = 5
              fork-join-executor { parallelism-min = 2, parallelism-factor = 1.0, parallelism-max = 8 }
            }
          }
          remote.artery {
            canonical.hostname = "127.0.0.1"
            canonical.hostname = ${?HOSTNAME}
            canonical.port = 2552
            advanced.maximum-frame-size = 256 KiB
          }
          cluster {
            seed-nodes = ["akka://sys@127.0.0.1:2552"]
            seed-nodes += "akka://sys@127.0.0.1:2553"
            roles = [web]
            roles += ${akka.actor.provider}
            failure-detector.acceptable-heartbeat-pause = 3 s
            downing-provider-class = ""
          }
          coordinated-shutdown.phases {
            before-service-unbind.timeout = 5s
            service-unbind = ${akka.coordinated-shutdown.phases.before-service-unbind} { depends-on = [before-service-unbind] }
          }
        }
        akka.loglevel = DEBUG
        akka.actor.default-dispatcher.throughput = 10
        persistence {
          journal.plugin = "sqlite"
          journal.sqlite { path = ${HOME}"/data/journal.db", auto-initialize = on }
        }
        """;

    [Fact]
    public void Reads_an_akka_style_file_as_akka_would()
    {
        var root = Hocon.Parse(AkkaStyle);
        Assert.Equal("DEBUG", root.GetString("akka.loglevel"));
        Assert.Equal(10, root.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(1.0, root.GetDouble("akka.actor.default-dispatcher.fork-join-executor.parallelism-factor"));
        Assert.Equal("127.0.0.1", root.GetString("akka.remote.artery.canonical.hostname"));
        Assert.Equal(256 * 1024, root.GetBytes("akka.remote.artery.advanced.maximum-frame-size"));
        Assert.Equal(["akka://sys@127.0.0.1:2552", "akka://sys@127.0.0.1:2553"], root.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["web", "cluster"], root.GetStringList("akka.cluster.roles"));
        Assert.Equal(TimeSpan.FromSeconds(3), root.GetDuration("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal("", root.GetString("akka.cluster.downing-provider-class"));
        Assert.Equal(TimeSpan.FromSeconds(5), root.GetDuration("akka.coordinated-shutdown.phases.service-unbind.timeout"));
        Assert.Equal(["before-service-unbind"], root.GetStringList("akka.coordinated-shutdown.phases.service-unbind.depends-on"));
        Assert.Equal("/home/asv/data/journal.db", root.GetString("persistence.journal.sqlite.path"));
        Assert.True(root.GetBool("persistence.journal.sqlite.auto-initialize"));
        Assert.Equal(new HoconPosition("test.conf", 30, 17), root.PositionOf("akka.loglevel"));
    }
}
