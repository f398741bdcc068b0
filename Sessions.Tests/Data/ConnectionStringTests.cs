using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sessions.Core.Data;

namespace Sessions.Tests.Data;

/// <summary>ConnectionStrings:Sessions chooses the engine; a string that is neither stops the start with a clear message.</summary>
public sealed class ConnectionStringTests
{
    private const string DefaultSqlite = "Data Source=data/sessions.db";

    [Theory]
    [InlineData("Data Source=/var/lib/sessions/sessions.db")]
    [InlineData("DataSource=sessions.db;Mode=ReadWriteCreate")]
    [InlineData("Filename=sessions.db")]
    [InlineData("data source=sessions.db")]
    public void A_file_means_sqlite(string connectionString) =>
        Assert.Equal(DatabaseProvider.Sqlite, SessionsDatabase.Detect(connectionString));

    [Theory]
    [InlineData("Host=127.0.0.1;Port=55432;Database=sessions;Username=sessions;Password=secret")]
    [InlineData("Server=db.example;Database=sessions;User ID=sessions;Password=secret")]
    [InlineData("host=db.example;database=sessions")]
    public void A_server_means_postgres(string connectionString) =>
        Assert.Equal(DatabaseProvider.Postgres, SessionsDatabase.Detect(connectionString));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_setting_keeps_the_embedded_sqlite_file(string? configured)
    {
        var (provider, connectionString) = SessionsDatabase.Resolve(configured, DefaultSqlite);

        Assert.Equal(DatabaseProvider.Sqlite, provider);
        Assert.Contains("data/sessions.db", connectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database=sessions;Username=sessions;Password=secret", "neither a SQLite file")]
    [InlineData("Initial Catalog=sessions;User ID=sa;Password=secret", "neither a SQLite file")]
    [InlineData("Data Source=x.db;Host=db.example;Password=secret", "both a file")]
    [InlineData("/var/lib/sessions/secret.db", "not a connection string")]
    [InlineData("Data Source=x.db;Initial Catalog=secret", "SQLite cannot use it")]
    [InlineData("Host=db.example;Username=sessions;Password=secret", "no database")]
    [InlineData("Host=db.example;Database=sessions;Colour=secret", "Npgsql cannot use it")]
    public void A_string_that_is_neither_is_refused_with_what_was_expected_and_without_echoing_it(string connectionString, string reason)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SessionsDatabase.Resolve(connectionString, DefaultSqlite));

        Assert.Contains("ConnectionStrings:Sessions", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_does_not_start_on_a_string_that_is_neither()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:Sessions", "Initial Catalog=sessions;Integrated Security=true"));

        var ex = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("names neither a SQLite file (Data Source=...) nor a PostgreSQL server (Host=...)", ex.Message, StringComparison.Ordinal);
    }
}
