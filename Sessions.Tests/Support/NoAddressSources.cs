using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sessions.App.Addresses;
using Sessions.App.Realtime;

namespace Sessions.Tests.Support;

/// <summary>A page rendered without a server: no listen addresses and no interfaces, so links keep the address as opened.</summary>
public sealed class NoAddressSources : IAddressSources
{
    public IReadOnlyCollection<string> ListenAddresses() => [];

    public IReadOnlyList<InterfaceAddress> InterfaceAddresses() => [];
}

public static class AddressServices
{
    /// <summary>What the board and the console need to say which address the room uses, for component tests.</summary>
    public static IServiceCollection AddNoAddresses(this IServiceCollection services) =>
        services.AddSingleton<IAddressSources, NoAddressSources>()
            .AddSingleton(sp => new PublicAddresses(sp.GetRequiredService<IAddressSources>(),
                sp.GetService<IOptions<RealtimeOptions>>() ?? Options.Create(new RealtimeOptions())));
}
