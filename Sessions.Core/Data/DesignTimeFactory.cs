using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sessions.Core.Data;

/// <summary>Used only by `dotnet ef migrations add`.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SessionsDbContext>
{
    public SessionsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SessionsDbContext>().UseSqlite("Data Source=design.db").Options);
}
