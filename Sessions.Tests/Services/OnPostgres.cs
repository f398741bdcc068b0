using Sessions.Core.Data;

namespace Sessions.Tests.Services;

// The same tests on PostgreSQL (SESSIONS_TEST_POSTGRES; ./test.sh starts a server): the bodies live in the base classes.

[Trait("Database", "PostgreSQL")]
public sealed class FacilitatorAuthorizationTestsOnPostgres : FacilitatorAuthorizationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class FacilitatorEdgeCaseTestsOnPostgres : FacilitatorEdgeCaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class FacilitatorServiceTestsOnPostgres : FacilitatorServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class ParticipantServiceTestsOnPostgres : ParticipantServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class SessionCatalogTestsOnPostgres : SessionCatalogTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class VisibilityAndVersionTestsOnPostgres : VisibilityAndVersionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class GroupCommitTestsOnPostgres : GroupCommitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

[Trait("Database", "PostgreSQL")]
public sealed class BallotRevisionTestsOnPostgres : BallotRevisionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
