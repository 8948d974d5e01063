using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "voting_closed_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "paper_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    declared_count = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    first_clerk_id = table.Column<Guid>(type: "uuid", nullable: true),
                    second_clerk_id = table.Column<Guid>(type: "uuid", nullable: true),
                    first_complete = table.Column<bool>(type: "boolean", nullable: false),
                    second_complete = table.Column<bool>(type: "boolean", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_batches_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_issues",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_issues", x => new { x.meeting_id, x.group_key });
                    table.ForeignKey(
                        name: "fk_paper_issues_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "score_sheets",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_score_sheets", x => x.meeting_id);
                    table.ForeignKey(
                        name: "fk_score_sheets_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    digits = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_entries_paper_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "paper_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "part_scores",
                columns: table => new
                {
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    part_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_part_scores", x => new { x.meeting_id, x.reporter_id, x.part_key });
                    table.ForeignKey(
                        name: "fk_part_scores_reporters_reporter_id",
                        column: x => x.reporter_id,
                        principalTable: "reporters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_part_scores_score_sheets_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "score_sheets",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_paper_batches_meeting_id_number",
                table: "paper_batches",
                columns: new[] { "meeting_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_paper_entries_batch_id_side_position",
                table: "paper_entries",
                columns: new[] { "batch_id", "side", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_part_scores_reporter_id",
                table: "part_scores",
                column: "reporter_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_entries");

            migrationBuilder.DropTable(
                name: "paper_issues");

            migrationBuilder.DropTable(
                name: "part_scores");

            migrationBuilder.DropTable(
                name: "paper_batches");

            migrationBuilder.DropTable(
                name: "score_sheets");

            migrationBuilder.DropColumn(
                name: "voting_closed_at",
                table: "meetings");
        }
    }
}
