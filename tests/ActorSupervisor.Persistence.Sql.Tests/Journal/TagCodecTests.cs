using ActorSupervisor.Persistence.Sql.Journal;
using FsCheck;
using FsCheck.Fluent;

namespace ActorSupervisor.Persistence.Sql.Tests.Journal;

public sealed class TagCodecTests
{
    private static readonly Gen<string> Tag =
        Gen.Elements("red", "reddish", "re", "d", "blue", "x-1", "container", "ä", "a b").Zip(Gen.Choose(0, 3))
            .Select(t => t.Item2 == 0 ? t.Item1 : t.Item1 + t.Item2);

    [Fact]
    public void Tags_round_trip_and_a_tag_matches_only_rows_that_carry_it_whole()
    {
        var cases = Gen.ListOf(Tag).Select(tags => tags.Distinct().ToArray()).Zip(Tag).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (tags, probe) = c;
            var encoded = TagCodec.Encode(tags);
            return TagCodec.Decode(encoded).SequenceEqual(tags)
                && encoded.Contains(TagCodec.Needle(probe), StringComparison.Ordinal) == tags.Contains(probe);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("", "a tag must not be empty")]
    [InlineData("a;b", "tag 'a;b' must not contain ';'")]
    public void Unstorable_tags_are_named(string tag, string problem) => Assert.Equal(problem, TagCodec.Problem(tag));
}
