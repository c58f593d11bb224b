using System.CommandLine;
using ActorSupervisor.Cli.App;

namespace ActorSupervisor.Cli.Commands;

/// <summary>Turns a parse result into the invocation's global settings (flags, then environment, then defaults).</summary>
internal delegate GlobalSettings SettingsResolver(ParseResult parseResult);
