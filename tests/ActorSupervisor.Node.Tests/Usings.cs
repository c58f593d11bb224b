global using Xunit;
global using ActorSupervisor.Tests.Shared;
