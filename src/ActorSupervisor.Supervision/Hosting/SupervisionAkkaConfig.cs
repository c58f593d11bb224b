using System.Globalization;
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
    public static Config For(ContainerHostOptions options) => ConfigurationFactory.ParseString(DeadlineScheduler.HoconConfig).WithFallback(ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
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
            sharding {
              # A container's entity comes back with its shard (after a node restart, on another node), not on its next message.
              remember-entities = on
              remember-entities-store = eventsourced
              # The coordinator keeps shard homes in memory (replicated between members): no journal write per allocation.
              # Which containers exist is the journal's business: remember-entities and the host's wake at start-up.
              state-store-mode = ddata
              distributed-data.durable.keys = []
              # Containers never sleep: an idle entity still supervises a running workload.
              passivate-idle-entity-after = off
              # An entity stopped by a journal failure is re-created this soon and recovers.
              entity-restart-backoff = 1s
              # The first command after start-up need not wait for Akka's 2 s registration retry.
              retry-interval = 500ms
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
}
