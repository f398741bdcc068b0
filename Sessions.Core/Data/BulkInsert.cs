using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sessions.Core.Data;

/// <summary>
/// Inserts many new rows of one plain entity type (no owned types, no generated keys) with multi-row INSERT
/// statements on the context's connection and current transaction. Table names, column names and how each value
/// is sent (value converters, the provider's type for a Guid or a date) come from the EF model, so the rows are
/// the ones SaveChanges would have written.
/// </summary>
/// <remarks>
/// SaveChanges tracks every entity and sends one statement per row: tens of thousands of vote rows took seconds
/// and held the database's single write lock all that time. Here the same statement text is reused for every
/// full batch (SQLite keeps it prepared) and one round trip carries hundreds of rows.
/// </remarks>
internal static class BulkInsert
{
    /// <summary>
    /// Parameters per statement. SQLite finds each named parameter by a linear search through the statement's
    /// names, so a statement of thousands costs more per row than one of a few hundred (measured: 2,000 per
    /// statement was slower per row than 250), and 250 still carries 50 vote rows in one round trip.
    /// </summary>
    private const int MaxParameters = 250;

    public static async Task InsertAsync<T>(SessionsDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Name: p.GetColumnName(table), Clr: p.PropertyInfo))
            .Where(c => c.Name is not null && c.Clr is not null)
            .Select(c => new Column(c.Name!, c.Clr!, c.Property.GetRelationalTypeMapping()))
            .ToList();
        if (columns.Count != entityType.GetProperties().Count())
        {
            throw new InvalidOperationException($"{typeof(T).Name} has properties without a column of its own; insert it with SaveChanges.");
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var perStatement = Math.Max(1, MaxParameters / columns.Count);

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                DbCommand command;
                if (count == perStatement)
                {
                    command = full ??= Prepare(connection, transaction, head, columns, count);
                }
                else
                {
                    command = Prepare(connection, transaction, head, columns, count);
                }
                try
                {
                    for (var r = 0; r < count; r++)
                    {
                        var row = rows[start + r];
                        for (var c = 0; c < columns.Count; c++)
                        {
                            command.Parameters[(r * columns.Count) + c].Value = columns[c].ToProvider(row);
                        }
                    }
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (command != full)
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string head, List<Column> columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder(head, head.Length + (rows * columns.Count * 8));
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = $"@p{(r * columns.Count) + c}";
                text.Append(c == 0 ? "" : ", ").Append(name);
                // The type mapping configures the parameter as EF would (SQLite stores a Guid as TEXT, for one).
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }

    private sealed class Column(string name, PropertyInfo property, RelationalTypeMapping mapping)
    {
        private readonly Func<object?, object?>? _converter = mapping.Converter?.ConvertToProvider;

        public string Name { get; } = name;
        public RelationalTypeMapping Mapping { get; } = mapping;

        public object ToProvider(object row)
        {
            var value = property.GetValue(row);
            if (value is not null && _converter is not null)
            {
                value = _converter(value);
            }
            return value ?? DBNull.Value;
        }
    }
}
