using ActorSupervisor.Client.Contracts;
using ActorSupervisor.Node.Api.Security;
using ActorSupervisor.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace ActorSupervisor.Node.Tests.Api;

public sealed class AvailabilityGateTests
{
    [Theory]
    [InlineData("recovering", "GET", "/api/v1/containers", 503)]
    [InlineData("recovering", "POST", "/api/v1/containers", 503)]
    [InlineData("recovering", "GET", "/healthz", 200)]
    [InlineData("recovering", "GET", "/metrics", 200)]
    [InlineData("ready", "POST", "/api/v1/containers", 200)]
    [InlineData("stopping", "GET", "/api/v1/containers", 200)]
    [InlineData("stopping", "POST", "/api/v1/containers/web/stop", 503)]
    [InlineData("stopping", "DELETE", "/api/v1/containers/web", 503)]
    public async Task Api_requests_wait_for_recovery_and_commands_stop_at_shutdown(string phase, string method, string path, int status)
    {
        var readiness = new NodeReadiness();
        if (phase == "ready")
            readiness.MarkReady(() => null);
        if (phase == "stopping")
            readiness.MarkStopping();
        var passed = false;
        var gate = new AvailabilityGate(_ => { passed = true; return Task.CompletedTask; }, readiness);
        var context = new DefaultHttpContext { Request = { Method = method, Path = path }, Response = { Body = new MemoryStream() } };

        await gate.InvokeAsync(context);

        Assert.Equal(status == 200, passed);
        if (status == 503)
        {
            Assert.Equal(503, context.Response.StatusCode);
            context.Response.Body.Position = 0;
            var error = await System.Text.Json.JsonSerializer.DeserializeAsync(context.Response.Body, ApiJsonContext.Default.ApiError);
            Assert.Equal(ErrorCodes.Unavailable, error!.Code);
        }
    }
}
