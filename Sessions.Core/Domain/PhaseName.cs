namespace Sessions.Core.Domain;

/// <summary>A phase inside a message: written in lower case, and recognisable so a screen can translate it.</summary>
public readonly record struct PhaseName(Phase Phase)
{
    public override string ToString() => PhaseRules.Name(Phase);
}
