using System.Net;
using System.Net.Http.Json;
using System.Text;
using ActorSupervisor.Client.Contracts;

namespace ActorSupervisor.Node.Tests.Support;

/// <summary>Request and response helpers speaking the API's contract.</summary>
public static class Http
{
    /// <summary>A JSON body from raw text, as a client would send it.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Creates a container from <paramref name="json"/> (with <c>start=true</c> when asked); expects 201.</summary>
    public static async Task<ContainerInfo> CreateAsync(this HttpClient client, string json, bool start = false)
    {
        var response = await client.PostAsync(start ? ApiRoutes.Containers + "?start=true" : ApiRoutes.Containers, Json(json));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {Short(await response.Content.ReadAsStringAsync())}");
        return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ContainerInfo))!;
    }

    /// <summary>The container's state; expects 200.</summary>
    public static async Task<ContainerInfo> InspectAsync(this HttpClient client, string nameOrId) =>
        (await client.GetFromJsonAsync(ApiRoutes.Container(nameOrId), ApiJsonContext.Default.ContainerInfo))!;

    /// <summary>Sends a verb; expects 200 and returns the state after it.</summary>
    public static async Task<ContainerInfo> VerbAsync(this HttpClient client, string nameOrId, string verb, string query = "")
    {
        var response = await client.PostAsync(ApiRoutes.Container(nameOrId, verb) + query, null);
        Assert.True(response.IsSuccessStatusCode, $"{verb} answered {(int)response.StatusCode}: {Short(await response.Content.ReadAsStringAsync())}");
        return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.ContainerInfo))!;
    }

    /// <summary>Asserts the answer is <paramref name="status"/> with an <see cref="ApiError"/> of <paramref name="code"/>; returns the error.</summary>
    public static async Task<ApiError> ExpectErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {Short(body)}");
        var error = System.Text.Json.JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiError)!;
        Assert.Equal(code, error.Code);
        return error;
    }

    private static string Short(string text) => text.Length <= 400 ? text : text[..400] + "...";
}
