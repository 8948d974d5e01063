using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WrittenReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "written_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reporter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    return_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reopened = table.Column<bool>(type: "boolean", nullable: false),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_written_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_written_reports_reporters_reporter_id",
                        column: x => x.reporter_id,
                        principalTable: "reporters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    performance = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    problems = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    next_steps = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    rectification = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_versions_report_files_file_id",
                        column: x => x.file_id,
                        principalTable: "report_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_report_versions_written_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "written_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_versions_file_id",
                table: "report_versions",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_versions_report_id_number",
                table: "report_versions",
                columns: new[] { "report_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_written_reports_meeting_id",
                table: "written_reports",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_reports_reporter_id",
                table: "written_reports",
                column: "reporter_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_versions");

            migrationBuilder.DropTable(
                name: "report_files");

            migrationBuilder.DropTable(
                name: "written_reports");
        }
    }
}
