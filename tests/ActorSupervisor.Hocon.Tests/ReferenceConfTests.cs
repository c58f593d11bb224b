namespace ActorSupervisor.Hocon.Tests;

public class ReferenceConfTests
{
    [Fact]
    public void The_reference_file_parses_and_has_the_project_root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActorSupervisor.sln")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        var reference = HoconReader.Load(Path.Combine(directory.FullName, "hocon", "reference.conf"));
        Assert.Equal(["actor-supervisor"], reference.Keys);
        Assert.IsType<HoconObject>(reference["actor-supervisor"]);
    }
}
