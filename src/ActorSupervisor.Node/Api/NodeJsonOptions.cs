using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSupervisor.Client.Contracts;
using Microsoft.AspNetCore.Http.Json;

namespace ActorSupervisor.Node.Api;

/// <summary>The API's JSON: the client's source-generated contract, camelCase, nulls omitted, numbers strict.</summary>
internal static class NodeJsonOptions
{
    /// <summary>Applies the contract's settings to the minimal APIs' serializer.</summary>
    public static void Configure(JsonOptions options)
    {
        var serializer = options.SerializerOptions;
        serializer.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        serializer.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        serializer.NumberHandling = JsonNumberHandling.Strict;
        serializer.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    }
}
