using Sessions.Tests.Support;

namespace Sessions.Tests.ScaleOut;

/// <summary>One app server of several: the real app on Kestrel on a free port, with the database and Redis it is given, its log kept.</summary>
public static class ScaleOutApp
{
    public static SessionsAppFactory Start(string database, string redis) => SessionsAppFactory.OnKestrel(
        settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis,
            ["Sessions:RateLimits:AnswerBurst"] = "100000",
            ["Sessions:RateLimits:BallotBurst"] = "100000",
        },
        sharedDatabase: database);
}
