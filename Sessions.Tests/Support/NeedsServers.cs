using System.Reflection;
using Sessions.Tests.ScaleOut;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Sessions.Tests.Support.NeedsServersFramework", "Sessions.Tests")]

namespace Sessions.Tests.Support;

/// <summary>The servers a test needs beyond the process: PostgreSQL, the run's shared Redis, or a redis-server of its own.</summary>
[Flags]
public enum TestServers
{
    None = 0,
    Postgres = 1,
    SharedRedis = 2,
    OwnRedis = 4,
}

/// <summary>
/// Marks a test class or method that cannot run without a server. Without it, plain `dotnet test` reports the test
/// skipped with the reason (how to provide the server); ./test.sh and CI start every server and set
/// SESSIONS_TEST_REQUIRE_SERVERS, so there a missing server fails the test instead of skipping it. A class marked
/// [Trait("Database", "PostgreSQL")] (the PostgreSQL variants) needs PostgreSQL without saying so again.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class NeedsAttribute(TestServers servers) : Attribute
{
    public TestServers Servers { get; } = servers;
}

/// <summary>Why a test that needs <paramref name="servers"/> cannot run here, or null when it can.</summary>
public static class ServerAvailability
{
    public const string RequireVariable = "SESSIONS_TEST_REQUIRE_SERVERS";

    public static string? SkipReason(TestServers servers)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            return null;
        }
        var missing = new List<string>();
        if (servers.HasFlag(TestServers.Postgres) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            missing.Add($"PostgreSQL ({TestDatabase.PostgresVariable} is not set: export {TestDatabase.PostgresVariable}=\"$(scripts/postgres.sh start)\")");
        }
        if (servers.HasFlag(TestServers.SharedRedis) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisServer.Variable)))
        {
            missing.Add($"Redis ({RedisServer.Variable} is not set: run scripts/redis.sh start and export {RedisServer.Variable}=127.0.0.1:56379)");
        }
        if (servers.HasFlag(TestServers.OwnRedis) && !File.Exists(RedisServer.Binary))
        {
            missing.Add($"a redis-server of its own ({RedisServer.Binary} is missing: scripts/redis.sh start installs it)");
        }
        return missing.Count == 0 ? null : $"needs {string.Join(" and ", missing)}; ./test.sh starts every server";
    }

    /// <summary>The servers a test method needs: its own mark, its class's, and PostgreSQL for a PostgreSQL variant.</summary>
    public static TestServers Needed(Type testClass, MethodInfo? method)
    {
        var servers = testClass.GetCustomAttribute<NeedsAttribute>()?.Servers ?? TestServers.None;
        servers |= method?.GetCustomAttribute<NeedsAttribute>()?.Servers ?? TestServers.None;
        if (testClass.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                && a.ConstructorArguments.Select(c => c.Value as string).SequenceEqual(["Database", "PostgreSQL"])))
        {
            servers |= TestServers.Postgres;
        }
        return servers;
    }
}

/// <summary>xunit 2 has no skip at run time: this framework decides at discovery, reporting each test that lacks a server as skipped with the reason.</summary>
public sealed class NeedsServersFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider source, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, source, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var type = testMethod.TestClass.Class.ToRuntimeType();
            var method = (testMethod.Method as IReflectionMethodInfo)?.MethodInfo;
            var reason = type is null ? null : ServerAvailability.SkipReason(ServerAvailability.Needed(type, method));
            if (reason is null || testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault() is null)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }
            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
