namespace ActorSupervisor.Actors.Internal;

/// <summary>Creating, naming, listing and stopping children.</summary>
internal sealed partial class ActorCell
{
    public IEnumerable<IActorRef> Children => LiveChildren();

    private bool HasChildren
    {
        get
        {
            lock (this) return _extras?.Children is { Count: > 0 };
        }
    }

    public IActorRef? Child(string name)
    {
        lock (this) return _extras?.Children is { } children && children.TryGetValue(name, out var child) ? child : null;
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null) ActorName.Validate(name);
        ActorCell child;
        lock (this)
        {
            if ((_flags & CellFlags.Terminating) != 0 || _closed)
                throw new InvalidOperationException($"cannot create a child of {_path}: it is stopping");
            var extras = Extras;
            var children = extras.Children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            name ??= GenerateName(extras, children);
            if (children.ContainsKey(name))
                throw new InvalidActorNameException($"{_path} already has a child named '{name}'");
            child = new ActorCell(_system, this, _path.Child(name), props);
            children.Add(name, child);
        }
        child.Start();
        return child;
    }

    private static string GenerateName(CellExtras extras, Dictionary<string, ActorCell> children)
    {
        while (true)
        {
            var name = "$" + ToBase36(extras.ChildNameCounter++);
            if (!children.ContainsKey(name)) return name;
        }
    }

    private static string ToBase36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[14];
        var position = buffer.Length;
        do
        {
            buffer[--position] = digits[(int)(value % 36)];
            value /= 36;
        }
        while (value > 0);
        return new string(buffer[position..]);
    }

    /// <summary>Children that are not being stopped, in no particular order.</summary>
    public List<ActorCell> LiveChildren()
    {
        lock (this)
        {
            if (_extras?.Children is not { Count: > 0 } children) return [];
            var stopping = _extras.StoppingChildren;
            var live = new List<ActorCell>(children.Count);
            foreach (var child in children.Values)
            {
                if (stopping is null || !stopping.Contains(child)) live.Add(child);
            }
            return live;
        }
    }

    private bool IsLiveChild(ActorCell child)
    {
        lock (this)
        {
            return _extras?.Children is { } children && children.TryGetValue(child.Path.Name, out var current)
                && current == child && _extras.StoppingChildren?.Contains(child) != true;
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell && cell._parent == this) StopChild(cell);
        else if (actor is IInternalActorRef target) target.SendSystemMessage(new TerminateActor());
        else throw new ArgumentException($"{actor.Path} is not an actor of this system", nameof(actor));
    }

    /// <summary>Stops a child and remembers it is on its way out: a restart waits for it, its name stays taken until it is gone.</summary>
    public void StopChild(ActorCell child)
    {
        lock (this) (Extras.StoppingChildren ??= []).Add(child);
        child.SendSystemMessage(new TerminateActor());
    }

    private void HandleChildTerminated(ActorCell child)
    {
        lock (this)
        {
            if (_extras?.Children is { } children && children.TryGetValue(child.Path.Name, out var current) && current == child)
                children.Remove(child.Path.Name);
            _extras?.StoppingChildren?.Remove(child);
        }
        if ((_flags & CellFlags.Terminating) != 0)
        {
            if (!HasChildren) FinishTerminate();
        }
        else if (_extras is { PendingRecreateCause: { } cause, StoppingChildren.Count: 0 })
        {
            FinishRecreate(cause);
        }
    }
}
