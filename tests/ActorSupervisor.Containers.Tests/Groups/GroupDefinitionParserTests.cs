using ActorSupervisor.Containers.Domain.Groups;
using ActorSupervisor.Values.Specs;

namespace ActorSupervisor.Containers.Tests.Groups;

/// <summary>The one rule for a group as typed (API, HOCON, messages): each error names its field; a valid one is parsed whole.</summary>
public sealed class GroupDefinitionParserTests
{
    [Fact]
    public void A_valid_definition_is_parsed_with_its_defaults()
    {
        var result = GroupDefinitionParser.Parse("stack", "one-for-all", ["db", "app"], new RawIntensity { MaxRestarts = 3, Window = "1m" });

        Assert.True(result.IsValid);
        var definition = result.Definition!;
        Assert.Equal(GroupStrategy.OneForAll, definition.Strategy);
        Assert.Equal(["db", "app"], definition.Members);
        Assert.Equal((3, TimeSpan.FromMinutes(1)), (definition.Intensity!.MaxRestarts, definition.Intensity.Window));
        Assert.Equal(GroupStrategy.OneForOne, GroupDefinitionParser.Parse("solo", null, ["db"], null).Definition!.Strategy);
    }

    [Theory]
    [InlineData(null, null, "db", null, null, "name")]
    [InlineData("-bad", null, "db", null, null, "name")]
    [InlineData("stack", "one_for_some", "db", null, null, "strategy")]
    [InlineData("stack", null, "", null, null, "members")]
    [InlineData("stack", null, "db,db", null, null, "members")]
    [InlineData("stack", null, "db", -1, "1m", "intensity.maxRestarts")]
    [InlineData("stack", null, "db", null, "1m", "intensity.maxRestarts")]
    [InlineData("stack", null, "db", 2, "0s", "intensity.window")]
    [InlineData("stack", null, "db", 2, "soon", "intensity.window")]
    [InlineData("stack", null, "db", 2, null, "intensity.window")]
    public void A_bad_field_is_an_error_naming_it(string? name, string? strategy, string members, int? max, string? window, string field)
    {
        var intensity = max is null && window is null ? null : new RawIntensity { MaxRestarts = max, Window = window };
        var result = GroupDefinitionParser.Parse(name, strategy, members.Length == 0 ? [] : members.Split(','), intensity);

        Assert.False(result.IsValid);
        Assert.Null(result.Definition);
        Assert.Equal(field, result.Errors[0].Field);
    }
}
