namespace Sessions.Core.Services;

/// <summary>Ordered answer ids kept in one text column ("a,b,c").</summary>
internal static class IdList
{
    public static IReadOnlyList<Guid> Parse(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    public static string Format(IEnumerable<Guid> ids) => string.Join(',', ids);
}
