using System.Reflection;
using Sessions.Core.Data;

namespace Sessions.Tests.Data;

/// <summary>The services, API and race tests run on both engines: a new provider-aware test class there cannot forget its PostgreSQL variant.</summary>
public sealed class PostgresVariantTests
{
    private static readonly string[] s_bothEngines = ["Sessions.Tests.Services", "Sessions.Tests.Integration", "Sessions.Tests.Races"];

    [Fact]
    public void Every_services_integration_and_race_test_class_has_a_postgres_variant()
    {
        var classes = typeof(PostgresVariantTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && s_bothEngines.Contains(t.Namespace))
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()))
            // Built on a provider-aware base (ServiceTestBase, ApiTestBase) or with a Provider of its own; a class
            // that tests no database (e.g. the diagnostics endpoint on a throw-away app) has none.
            .Where(t => t.GetProperty("Provider", BindingFlags.Instance | BindingFlags.NonPublic)?.PropertyType == typeof(DatabaseProvider))
            .ToList();
        var variants = classes.Where(IsPostgresVariant).ToList();
        var missing = classes.Except(variants).Where(t => !variants.Any(v => v.BaseType == t)).Select(t => t.FullName).ToList();

        Assert.NotEmpty(variants);
        Assert.True(missing.Count == 0, $"add a PostgreSQL variant to OnPostgres.cs beside: {string.Join(", ", missing)}");
    }

    /// <summary>Marked Database=PostgreSQL and overriding the base class's Provider.</summary>
    private static bool IsPostgresVariant(Type type) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments.Select(c => c.Value as string).SequenceEqual(["Database", "PostgreSQL"]))
        && type.GetProperty("Provider", BindingFlags.Instance | BindingFlags.NonPublic)?.DeclaringType == type;
}
