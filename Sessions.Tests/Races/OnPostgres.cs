using Sessions.Core.Data;
using Xunit.Abstractions;

namespace Sessions.Tests.Races;

// The same races on PostgreSQL (SESSIONS_TEST_POSTGRES; ./test.sh starts a server): the bodies live in the base class.

[Trait("Database", "PostgreSQL")]
public sealed class BudgetRaceTestsOnPostgres(ITestOutputHelper output) : BudgetRaceTests(output)
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
