using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Core.Data.Migrations
{
    /// <summary>
    /// Runoff candidates, tie winners and refused suggestions become lists of ids (EF Core primitive collections,
    /// a JSON array on SQLite) instead of comma-separated text: what is stored is converted both ways.
    /// </summary>
    public partial class IdListsAsLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The columns stay TEXT (RejectedSuggestions' "text" is the same type to SQLite): only what they hold changes.
            migrationBuilder.Sql("""
                UPDATE "Questions" SET
                    "RunoffCandidateIds" = CASE WHEN "RunoffCandidateIds" = '' THEN '[]' ELSE '["' || replace("RunoffCandidateIds", ',', '","') || '"]' END,
                    "TieWinnerIds" = CASE WHEN "TieWinnerIds" = '' THEN '[]' ELSE '["' || replace("TieWinnerIds", ',', '","') || '"]' END;
                UPDATE "RejectedSuggestions" SET
                    "AnswerIds" = CASE WHEN "AnswerIds" = '' THEN '[]' ELSE '["' || replace("AnswerIds", ',', '","') || '"]' END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Questions" SET
                    "RunoffCandidateIds" = CASE WHEN "RunoffCandidateIds" = '[]' THEN '' ELSE replace(replace(replace("RunoffCandidateIds", '["', ''), '"]', ''), '","', ',') END,
                    "TieWinnerIds" = CASE WHEN "TieWinnerIds" = '[]' THEN '' ELSE replace(replace(replace("TieWinnerIds", '["', ''), '"]', ''), '","', ',') END;
                UPDATE "RejectedSuggestions" SET
                    "AnswerIds" = CASE WHEN "AnswerIds" = '[]' THEN '' ELSE replace(replace(replace("AnswerIds", '["', ''), '"]', ''), '","', ',') END;
                """);
        }
    }
}
