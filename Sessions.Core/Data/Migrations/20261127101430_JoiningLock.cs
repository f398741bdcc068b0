using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class JoiningLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "JoiningLocked",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JoiningLocked",
                table: "Sessions");
        }
    }
}
