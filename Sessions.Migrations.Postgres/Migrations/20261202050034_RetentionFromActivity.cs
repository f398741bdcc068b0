using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sessions.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RetentionFromActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CloseJoiningWhenVoting",
                table: "Templates",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "OwnerKeyHash",
                table: "Templates",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CloseJoiningWhenVoting",
                table: "Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastActivityUtc",
                table: "Sessions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Sessions that exist already get a full retention period from the upgrade: their last activity is
            // unknown, and counting from their date or creation could delete a workshop that is still in use.
            migrationBuilder.Sql("UPDATE \"Sessions\" SET \"LastActivityUtc\" = now();");

            migrationBuilder.AddColumn<bool>(
                name: "JoinedDuringVote",
                table: "Participants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Templates_OwnerKeyHash",
                table: "Templates",
                column: "OwnerKeyHash");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_LastActivityUtc",
                table: "Sessions",
                column: "LastActivityUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Templates_OwnerKeyHash",
                table: "Templates");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_LastActivityUtc",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "CloseJoiningWhenVoting",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "OwnerKeyHash",
                table: "Templates");

            migrationBuilder.DropColumn(
                name: "CloseJoiningWhenVoting",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "LastActivityUtc",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "JoinedDuringVote",
                table: "Participants");
        }
    }
}
