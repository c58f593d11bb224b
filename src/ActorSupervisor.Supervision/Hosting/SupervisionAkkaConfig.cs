using System.Globalization;
using ActorSupervisor.Supervision.Mailboxes;
using ActorSupervisor.Supervision.Scheduling;
using Akka.Configuration;

namespace ActorSupervisor.Supervision.Hosting;

/// <summary>
/// The Akka settings a supervision host runs with, beside the store's (journal, snapshots, serializer). A node's own
/// <c>akka { }</c> section overrides them; hocon/reference.conf says why each differs from Akka's default.
/// </summary>
internal static class SupervisionAkkaConfig
{
    // Akka's default scheduler ticks every 10 ms (~3 % of a core while idle); DeadlineScheduler sleeps until the next deadline.
    // The entities' mailbox (CompactDequeMailbox) costs one small object per idle entity where Akka's deque mailbox keeps ~1.1 KB.
    public static Config For(ContainerHostOptions options) => ConfigurationFactory.ParseString(DeadlineScheduler.HoconConfig)
        .WithFallback(ConfigurationFactory.ParseString(CompactDequeMailbox.HoconConfig)).WithFallback(ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor.provider = cluster
          remote.dot-netty.tcp {
            hostname = "{{options.ClusterHost}}"
            port = {{options.ClusterPort}}
          }
          cluster {
            min-nr-of-members = 1
            # Who this member is, gossiped to the others: the operator's roles and the node's own (ClusterRoles).
            roles = [{{Roles(options)}}]
            # Split-brain resolver on (Akka 1.5's default provider, named so that nobody has to know that): without a
            # downing decision an unreachable member keeps its shards forever and its containers never move.
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            split-brain-resolver {
              # keep-majority fits 3, 5, 7... nodes: the side with more members survives, a minority downs itself.
              # It cannot decide a 1-1 split of a 2-node cluster: it keeps the side with the lowest address, so when
              # that node is the one that crashed the survivor downs itself and nothing runs. Two nodes need
              # keep-oldest with down-if-alone = on (set them in the node file's akka { } section; see hocon/reference.conf).
              active-strategy = keep-majority
              # Only nodes count: a foreign member with a client role neither makes nor breaks a majority.
              keep-majority.role = "{{ClusterRoles.Supervisor}}"
              # Akka's 20 s gives ~49 s of fail-over after a crash; 5 s is one link of the chain that sets asv's
              # fail-over (hocon/reference.conf): detection (the failure detector's 3 s pause), this, the shards'
              # move (no removal margin with shard leases: see ContainerHost.Placement.cs) and the workloads' start.
              # The cost: a member that stops answering heartbeats for longer than 3 s + 5 s (a GC pause, a frozen
              # VM, a saturated network) is downed although alive, and must restart to rejoin (its workloads were
              # fenced). 2 s halves the chain on a quiet host, but a loaded 2-core CI downed members in graceful
              # leaves with it; lower it where hosts are quiet.
              stable-after = 5s
              # With reachability flapping longer than stable-after + this, every node downs itself rather than
              # risk two sides each keeping the containers (Akka's default derives 3/4 of stable-after, >= 4 s).
              down-all-when-unstable = on
            }
            # Checks PublishWithAck's buffer for timeouts, every 500 ms by default; nothing here publishes with acks.
            pub-sub.buffered-messages.timeout-check-interval = 1s
            # Foreign members (docs/interop.md) reach the gateway through pub-sub, which spans every member; the rest is the nodes'.
            client.receptionist.role = "{{ClusterRoles.Supervisor}}"
            sharding {
              # Shards, and the coordinator's replicated state (written to a majority), only on nodes.
              role = "{{ClusterRoles.Supervisor}}"
              # A container's entity comes back with its shard (after a node restart, on another node), not on its next message.
              remember-entities = on
              remember-entities-store = eventsourced
              # The coordinator keeps shard homes in memory (replicated between members): no journal write per allocation.
              # Which containers exist is the journal's business: remember-entities and the host's wake at start-up.
              state-store-mode = ddata
              distributed-data {
                durable.keys = []
                # Idle wake-ups: the replicator propagates deltas every gossip-interval / 5 (Akka's 2 s gives 0.4 s) and
                # flushes subscriber notifications every 500 ms, two of the ticks that woke an idle node more than once a
                # second. The coordinator's state is written and read with majority, so gossip only repairs stragglers.
                gossip-interval = 5s
                notify-subscribers-interval = 1s
              }
              # Containers never sleep: an idle entity still supervises a running workload.
              passivate-idle-entity-after = off
              # An entity stopped by a journal failure is re-created this soon and recovers.
              entity-restart-backoff = 1s
              # The region's periodic retry (buffered messages, registration once its quick first retries are spent):
              # Akka's 2 s made the first command after start-up wait; 1 s shares the cluster's once-a-second wake-up.
              retry-interval = 1s
              coordinator-failure-backoff = 1s
              shard-failure-backoff = 1s
              waiting-for-state-timeout = 5s
              updating-state-timeout = 5s
            }
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          coordinated-shutdown.exit-clr = off
        }
        """)));

    /// <summary>The member's roles as HOCON strings.</summary>
    private static string Roles(ContainerHostOptions options) =>
        string.Join(", ", ClusterRoles.For(options).Select(role => "\"" + role.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
}
