using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveMeeting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_released_at",
                table: "meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    leader_id = table.Column<Guid>(type: "uuid", nullable: true),
                    representative_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    representative_identity = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    achievements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    problems = table.Column<string[]>(type: "text[]", nullable: false),
                    expectations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    finalized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_comments_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_comments_reporters_reporter_id",
                        column: x => x.reporter_id,
                        principalTable: "reporters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_progress",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_agenda_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_reporter_id = table.Column<Guid>(type: "uuid", nullable: true),
                    running_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    elapsed_before_run = table.Column<TimeSpan>(type: "interval", nullable: false),
                    projector_token = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_progress", x => x.meeting_id);
                    table.ForeignKey(
                        name: "fk_meeting_progress_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "comment_revisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    by = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    achievements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    problems = table.Column<string[]>(type: "text[]", nullable: false),
                    expectations = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comment_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_comment_revisions_comments_comment_id",
                        column: x => x.comment_id,
                        principalTable: "comments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "speeches",
                columns: table => new
                {
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speeches", x => new { x.meeting_id, x.reporter_id });
                    table.ForeignKey(
                        name: "fk_speeches_meeting_progress_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meeting_progress",
                        principalColumn: "meeting_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_comment_revisions_comment_id",
                table: "comment_revisions",
                column: "comment_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_meeting_id",
                table: "comments",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_comments_reporter_id_leader_id",
                table: "comments",
                columns: new[] { "reporter_id", "leader_id" },
                unique: true,
                filter: "leader_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_progress_projector_token",
                table: "meeting_progress",
                column: "projector_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comment_revisions");

            migrationBuilder.DropTable(
                name: "speeches");

            migrationBuilder.DropTable(
                name: "comments");

            migrationBuilder.DropTable(
                name: "meeting_progress");

            migrationBuilder.DropColumn(
                name: "feedback_released_at",
                table: "meetings");
        }
    }
}
