using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sessions.Core.Domain;

namespace Sessions.Core.Data;

internal sealed class RejectedSuggestionConfiguration : IEntityTypeConfiguration<RejectedSuggestion>
{
    public void Configure(EntityTypeBuilder<RejectedSuggestion> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.QuestionId);
        // Deleting a session (or its question) takes its refusals with it.
        builder.HasOne<Question>().WithMany().HasForeignKey(r => r.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
