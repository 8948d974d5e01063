using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rectification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "shows_rectification_on_ballot",
                table: "meetings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "rectification_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    responsible_person = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    target = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    plan_state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    plan_return_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rectification_items_reporters_reporter_id",
                        column: x => x.reporter_id,
                        principalTable: "reporters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectification_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    by = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_changes_rectification_items_item_id",
                        column: x => x.item_id,
                        principalTable: "rectification_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectification_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    comment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    original_text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_sources_rectification_items_item_id",
                        column: x => x.item_id,
                        principalTable: "rectification_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectification_updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_file_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    is_completion = table.Column<bool>(type: "boolean", nullable: false),
                    by = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_updates_rectification_items_item_id",
                        column: x => x.item_id,
                        principalTable: "rectification_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rectification_changes_item_id",
                table: "rectification_changes",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_items_meeting_id",
                table: "rectification_items",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_items_organization_id_deadline",
                table: "rectification_items",
                columns: new[] { "organization_id", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_rectification_items_reporter_id",
                table: "rectification_items",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_sources_item_id",
                table: "rectification_sources",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_updates_item_id",
                table: "rectification_updates",
                column: "item_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rectification_changes");

            migrationBuilder.DropTable(
                name: "rectification_sources");

            migrationBuilder.DropTable(
                name: "rectification_updates");

            migrationBuilder.DropTable(
                name: "rectification_items");

            migrationBuilder.DropColumn(
                name: "shows_rectification_on_ballot",
                table: "meetings");
        }
    }
}
