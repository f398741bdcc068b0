using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BallotRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BallotRevision",
                table: "Participants",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BallotRevision",
                table: "Participants");
        }
    }
}
