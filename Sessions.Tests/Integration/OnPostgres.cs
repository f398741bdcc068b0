using Sessions.Core.Data;

namespace Sessions.Tests.Integration;

// The same tests on PostgreSQL (SESSIONS_TEST_POSTGRES; ./test.sh starts a server): the bodies live in the base classes.

[Trait("Database", "PostgreSQL")]
public sealed class FacilitatorApiTestsOnPostgres : FacilitatorApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class LiveHubTestsOnPostgres : LiveHubTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class RestartTestsOnPostgres : RestartTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class SessionsApiTestsOnPostgres : SessionsApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class SuggestionsApiTestsOnPostgres : SuggestionsApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class UnmergeApiTestsOnPostgres : UnmergeApiTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class MetricsTestsOnPostgres : MetricsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class ApiContractRefusalTestsOnPostgres : ApiContractRefusalTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
