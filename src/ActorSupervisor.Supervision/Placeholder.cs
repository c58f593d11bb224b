namespace ActorSupervisor.Supervision;
/// <summary>x</summary>
public static class Placeholder { }
