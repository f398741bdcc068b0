using Microsoft.EntityFrameworkCore;
using Sessions.Core.Domain;

namespace Sessions.Core.Data;

public sealed class SessionsDbContext(DbContextOptions<SessionsDbContext> options) : DbContext(options)
{
    public DbSet<WorkshopSession> Sessions => Set<WorkshopSession>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<SavedTemplate> Templates => Set<SavedTemplate>();
    public DbSet<RejectedSuggestion> RejectedSuggestions => Set<RejectedSuggestion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SessionsDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            // TextRules counts a title's length in text elements (an emoji family is one), the column in code
            // points: SQLite never enforced the column's 400, PostgreSQL would refuse a valid title of long emoji.
            modelBuilder.Entity<WorkshopSession>().Property(s => s.Title).HasColumnType("text");
        }
    }
}
