using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Core.Data.Migrations
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
                type: "INTEGER",
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
