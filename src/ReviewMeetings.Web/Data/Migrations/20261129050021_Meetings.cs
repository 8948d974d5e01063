using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    review_year = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    start_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    main_venue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sub_venues = table.Column<string[]>(type: "text[]", nullable: false),
                    host = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    time_limit_minutes = table.Column<int>(type: "integer", nullable: false),
                    written_report_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lottery_seed = table.Column<long>(type: "bigint", nullable: true),
                    lottery_drawn_by = table.Column<Guid>(type: "uuid", nullable: true),
                    lottery_drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    leader_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    coverage_categories = table.Column<string[]>(type: "text[]", nullable: false),
                    coverage_types = table.Column<string[]>(type: "text[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    exclusions = table.Column<string>(type: "jsonb", nullable: true),
                    guidance = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    planned_minutes = table.Column<int>(type: "integer", nullable: true),
                    order = table.Column<int>(type: "integer", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attendance_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    expected = table.Column<int>(type: "integer", nullable: false),
                    actual = table.Column<int>(type: "integer", nullable: true),
                    order = table.Column<int>(type: "integer", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_attendance_groups_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    to = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_status_changes_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reporters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    secretary_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    secretary_title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    secretary_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    order = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporters", x => x.id);
                    table.ForeignKey(
                        name: "fk_reporters_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reporters_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_meeting_id",
                table: "agenda_items",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_attendance_groups_meeting_id",
                table: "attendance_groups",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_status_changes_meeting_id",
                table: "meeting_status_changes",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_organization_id_review_year",
                table: "meetings",
                columns: new[] { "organization_id", "review_year" });

            migrationBuilder.CreateIndex(
                name: "ix_reporters_meeting_id_organization_id",
                table: "reporters",
                columns: new[] { "meeting_id", "organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reporters_organization_id",
                table: "reporters",
                column: "organization_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "attendance_groups");

            migrationBuilder.DropTable(
                name: "meeting_status_changes");

            migrationBuilder.DropTable(
                name: "reporters");

            migrationBuilder.DropTable(
                name: "meetings");
        }
    }
}
