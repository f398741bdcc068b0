using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sessions.Core.Domain;

namespace Sessions.Core.Data;

internal sealed class WorkshopSessionConfiguration : IEntityTypeConfiguration<WorkshopSession>
{
    public void Configure(EntityTypeBuilder<WorkshopSession> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.JoinCode).IsUnique();
        builder.Property(s => s.JoinCode).HasMaxLength(JoinCode.Length).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(TextRules.TitleMax * 2).IsRequired();
        builder.Property(s => s.Language).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.FacilitatorKeyHash).HasMaxLength(32);
        builder.Property(s => s.Version).IsConcurrencyToken();
        // Retention looks sessions up by their last activity every hour.
        builder.HasIndex(s => s.LastActivityUtc);
        builder.OwnsOne(s => s.Settings, SettingsColumns.Map);
        builder.Navigation(s => s.Settings).IsRequired();
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Participants).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.HasKey(q => q.Id);
        builder.HasIndex(q => new { q.SessionId, q.Number }).IsUnique();
        builder.Property(q => q.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Runoff).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.TieSettledBy).HasConversion<string>().HasMaxLength(16);
        builder.HasMany(q => q.Answers).WithOne().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.QuestionId, a.ParticipantId, a.ClientRequestId }).IsUnique();
        builder.Property(a => a.ClientRequestId).HasMaxLength(100);
        builder.HasOne<Participant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.Property(p => p.TokenHash).HasMaxLength(32);
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> builder)
    {
        builder.HasKey(v => new { v.ParticipantId, v.AnswerId, v.Round });
        builder.HasIndex(v => new { v.QuestionId, v.Round });
        builder.HasOne<Participant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Answer>().WithMany().HasForeignKey(v => v.AnswerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedTemplateConfiguration : IEntityTypeConfiguration<SavedTemplate>
{
    public void Configure(EntityTypeBuilder<SavedTemplate> builder)
    {
        builder.ToTable("Templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Language).HasConversion<string>().HasMaxLength(8);
        builder.OwnsOne(t => t.Settings, SettingsColumns.Map);
        builder.Navigation(t => t.Settings).IsRequired();
        builder.Property(t => t.OwnerKeyHash).HasMaxLength(32);
        builder.HasIndex(t => t.OwnerKeyHash);
    }
}

/// <summary>Sessions and saved templates store their settings in the same plain columns.</summary>
internal static class SettingsColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, SessionSettings> settings) where TOwner : class
    {
        settings.Property(x => x.DotsPerParticipant).HasColumnName("DotsPerParticipant");
        settings.Property(x => x.MaxDotsPerAnswer).HasColumnName("MaxDotsPerAnswer");
        settings.Property(x => x.LiveCounts).HasColumnName("LiveCounts");
        settings.Property(x => x.SilentWriting).HasColumnName("SilentWriting");
        settings.Property(x => x.AskOrganisation).HasColumnName("AskOrganisation");
        settings.Property(x => x.CloseJoiningWhenVoting).HasColumnName("CloseJoiningWhenVoting");
    }
}
