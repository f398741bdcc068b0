using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Runoff candidates, tie winners and refused suggestions become lists of ids (EF Core primitive collections,
    /// uuid[] on PostgreSQL) instead of comma-separated text. Written by hand rather than as AlterColumn: changing
    /// text to uuid[] needs a USING clause that converts what is stored, both ways.
    /// </summary>
    public partial class IdListsAsLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "RejectedSuggestions" ALTER COLUMN "AnswerIds" TYPE uuid[]
                USING CASE WHEN "AnswerIds" = '' THEN '{}'::uuid[] ELSE string_to_array("AnswerIds", ',')::uuid[] END;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Questions" ALTER COLUMN "TieWinnerIds" TYPE uuid[]
                USING CASE WHEN "TieWinnerIds" = '' THEN '{}'::uuid[] ELSE string_to_array("TieWinnerIds", ',')::uuid[] END;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Questions" ALTER COLUMN "RunoffCandidateIds" TYPE uuid[]
                USING CASE WHEN "RunoffCandidateIds" = '' THEN '{}'::uuid[] ELSE string_to_array("RunoffCandidateIds", ',')::uuid[] END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "RejectedSuggestions" ALTER COLUMN "AnswerIds" TYPE text USING array_to_string("AnswerIds", ',');
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Questions" ALTER COLUMN "TieWinnerIds" TYPE text USING array_to_string("TieWinnerIds", ',');
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Questions" ALTER COLUMN "RunoffCandidateIds" TYPE text USING array_to_string("RunoffCandidateIds", ',');
                """);
        }
    }
}
