namespace ActorSupervisor.Cli.App;

/// <summary>The <c>--output</c> choices.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and sentences for people, fitted to the terminal.</summary>
    Table,

    /// <summary>The API's JSON, stable for scripts; streams print one JSON object per line.</summary>
    Json,

    /// <summary>Tables with every column.</summary>
    Wide,
}
