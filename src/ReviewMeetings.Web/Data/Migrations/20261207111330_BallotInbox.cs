using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BallotInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ballot_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    @sealed = table.Column<byte[]>(name: "sealed", type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ballot_inbox", x => x.id);
                    table.ForeignKey(
                        name: "fk_ballot_inbox_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ballot_seals",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mixed = table.Column<bool>(type: "boolean", nullable: false),
                    compact = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ballot_seals", x => x.meeting_id);
                    table.ForeignKey(
                        name: "fk_ballot_seals_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ballot_inbox_meeting_id",
                table: "ballot_inbox",
                column: "meeting_id");

            // ANALYZE would keep sample values of the sealed ballots in pg_statistic, past the seal that empties the table.
            migrationBuilder.Sql("ALTER TABLE ballot_inbox ALTER COLUMN sealed SET STATISTICS 0;");

            // Codes issued before this version were stored as plain SHA-256 hashes, which anyone holding the database
            // can check a code against. They cannot be turned into keyed hashes, so they are replaced by random
            // values: such codes stop working (issue new ones), and their counts by state stay as they were.
            migrationBuilder.Sql("UPDATE ballot_codes SET hash = md5(random()::text || id::text) || md5(id::text || random()::text);");

            // Ballots stored before this version were written in the transaction that used their code; marking their
            // meetings as mixed makes the mixer seal them (rewrite and compact) once their voting is not open.
            migrationBuilder.Sql("INSERT INTO ballot_seals (meeting_id, mixed, compact) SELECT DISTINCT meeting_id, TRUE, FALSE FROM ballots;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ballot_inbox");

            migrationBuilder.DropTable(
                name: "ballot_seals");
        }
    }
}
