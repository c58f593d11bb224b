var app = WebApplication.CreateBuilder(args).Build();
app.Run();

/// <summary>The node's entry point, visible to in-process API tests.</summary>
public partial class Program;
