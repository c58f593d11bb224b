using System.Text;

namespace ActorSupervisor.Actors;

/// <summary>
/// The stable name of an actor: its system and the chain of names from the root, such as
/// <c>asv://cluster/user/supervisor/shard-12/web-1</c>.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
    }

    /// <summary>The name of the actor system this path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The path of the parent, or <c>null</c> for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element: the actor's own name (empty for the root).</summary>
    public string Name { get; }

    /// <summary>The root path of a system: <c>asv://name/</c>.</summary>
    public static ActorPath Root(string systemName) => new(systemName, null, "");

    /// <summary>The path of a child called <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(SystemName, this, name);

    /// <summary>The elements below the root, outermost first (e.g. <c>user</c>, <c>supervisor</c>, <c>web-1</c>).</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent) elements.Add(p.Name);
            elements.Reverse();
            return elements;
        }
    }

    /// <summary>The path without the system part, such as <c>/user/supervisor/web-1</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        var builder = new StringBuilder();
        AppendElements(builder);
        return builder.ToString();
    }

    private void AppendElements(StringBuilder builder)
    {
        if (Parent is null) return;
        Parent.AppendElements(builder);
        builder.Append('/').Append(Name);
    }

    /// <inheritdoc />
    public override string ToString() => $"asv://{SystemName}{ToStringWithoutAddress()}";

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Name != other.Name) return false;
        return Parent is null ? other.Parent is null && SystemName == other.SystemName : Parent.Equals(other.Parent);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Parent?.GetHashCode() ?? SystemName.GetHashCode(StringComparison.Ordinal), Name);
}
