using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Services;
using Sessions.Core.Suggestions;
using Sessions.Tests.Support;

namespace Sessions.Tests.Data;

/// <summary>
/// Runoff candidates, tie winners and refused suggestions were stored as comma-separated ids before they became
/// lists: the migration converts what a database holds, both ways, on both engines.
/// </summary>
public class IdListMigrationTests
{
    private const string BeforeLists = "BoardPageTurns";

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task Stored_comma_separated_ids_become_lists_and_go_back_to_text_on_a_downgrade()
    {
        using var database = new TestDatabase(Provider);
        await using var services = new ServiceCollection().AddTestCore(database).BuildServiceProvider();
        await services.MigrateSessionsDatabaseAsync();
        var created = await services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Lists", Questions: ["Q?"]));
        var facilitator = services.GetRequiredService<FacilitatorService>();
        var a = await facilitator.AddAnswerAsync(created.SessionId, created.FacilitatorKey, 1, "first");
        var b = await facilitator.AddAnswerAsync(created.SessionId, created.FacilitatorKey, 1, "second");
        await services.GetRequiredService<SuggestionService>().RejectAsync(created.SessionId, created.FacilitatorKey, 1, [a, b]);
        var factory = services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var question = await db.Questions.SingleAsync(q => q.SessionId == created.SessionId);
            question.RunoffCandidateIds = [a, b];
            question.TieWinnerIds = [b];
            await db.SaveChangesAsync();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_" + BeforeLists, StringComparison.Ordinal)));
            Assert.Equal($"{a},{b}", await TextAsync(db, "Questions", "RunoffCandidateIds"));
            Assert.Equal($"{b}", await TextAsync(db, "Questions", "TieWinnerIds"));
            Assert.Equal($"{a},{b}", await TextAsync(db, "RejectedSuggestions", "AnswerIds"));

            // What a database of before the lists holds: the ids as text, and an empty text for none.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Questions" SET "TieWinnerIds" = ''""");
            await migrator.MigrateAsync();
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var question = await db.Questions.SingleAsync(q => q.SessionId == created.SessionId);
            Assert.Equal([a, b], question.RunoffCandidateIds);
            Assert.Empty(question.TieWinnerIds);
            Assert.Equal([a, b], (await db.RejectedSuggestions.SingleAsync()).AnswerIds);
        }
    }

    private static async Task<string> TextAsync(SessionsDbContext db, string table, string column)
    {
        var sql = (table, column) switch
        {
            ("Questions", "RunoffCandidateIds") => """SELECT "RunoffCandidateIds" AS "Value" FROM "Questions" """,
            ("Questions", "TieWinnerIds") => """SELECT "TieWinnerIds" AS "Value" FROM "Questions" """,
            _ => """SELECT "AnswerIds" AS "Value" FROM "RejectedSuggestions" """,
        };
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Single().ToLowerInvariant();
    }
}

[Trait("Database", "PostgreSQL")]
public sealed class IdListMigrationTestsOnPostgres : IdListMigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
