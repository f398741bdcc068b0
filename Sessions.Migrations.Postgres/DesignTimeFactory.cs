using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sessions.Core.Data;

namespace Sessions.Migrations.Postgres;

/// <summary>
/// Used only by `dotnet ef migrations add NAME --project Sessions.Migrations.Postgres`, which needs no
/// server: the connection string is never opened.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SessionsDbContext>
{
    public SessionsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SessionsDbContext>();
        options.Use(DatabaseProvider.Postgres, "Host=localhost;Database=sessions_design");
        return new SessionsDbContext(options.Options);
    }
}
