namespace Sessions.App.Security;

/// <summary>
/// The address of the browser a circuit serves, taken from the request that loaded the page (a circuit has no request
/// of its own to ask later). Pages cascade it so that what they create draws on the same per-address budget
/// (<see cref="AddressLimits"/>) as the same action over HTTP.
/// </summary>
/// <remarks>
/// It reaches the circuit as a parameter of the interactive root component, which Blazor protects with the app's
/// data protection keys: a browser cannot choose the address it is counted under.
/// </remarks>
public sealed record ClientAddress(string Value)
{
    /// <summary>A page rendered without a request to take it from (a component test): one shared budget.</summary>
    public static readonly ClientAddress Unknown = new("circuit:unknown");
}
