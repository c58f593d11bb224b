using System.Text.Json.Serialization;

namespace ActorSupervisor.Containers.Domain.Groups;

/// <summary>Erlang/OTP's supervisor strategies, applied to a group of containers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupStrategy>))]
public enum GroupStrategy
{
    /// <summary><c>one_for_one</c>: each member under its own restart policy; the group only counts restarts for its intensity.</summary>
    OneForOne,
    /// <summary><c>one_for_all</c>: a member whose policy restarts it restarts every member (reverse-order stop, then start in order).</summary>
    OneForAll,
    /// <summary><c>rest_for_one</c>: a member whose policy restarts it restarts itself and the members after it in the group's order.</summary>
    RestForOne,
}

/// <summary>The strategies as users type them: <c>one_for_one</c>, <c>one_for_all</c>, <c>rest_for_one</c> (OTP's atoms).</summary>
public static class GroupStrategyText
{
    /// <summary>Every strategy's text, for errors and help.</summary>
    public const string Choices = "one_for_one, one_for_all, rest_for_one";

    /// <summary>The strategy as OTP writes it.</summary>
    public static string Format(GroupStrategy strategy) => strategy switch
    {
        GroupStrategy.OneForAll => "one_for_all",
        GroupStrategy.RestForOne => "rest_for_one",
        _ => "one_for_one",
    };

    /// <summary>Reads <paramref name="text"/> (case-insensitive; <c>-</c> for <c>_</c> too); on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out GroupStrategy strategy, out string error)
    {
        error = "";
        switch (text?.Trim().Replace('-', '_').ToLowerInvariant())
        {
            case "one_for_one":
                strategy = GroupStrategy.OneForOne;
                return true;
            case "one_for_all":
                strategy = GroupStrategy.OneForAll;
                return true;
            case "rest_for_one":
                strategy = GroupStrategy.RestForOne;
                return true;
            default:
                strategy = GroupStrategy.OneForOne;
                error = $"unknown strategy '{text}'; expected one of {Choices}";
                return false;
        }
    }
}
