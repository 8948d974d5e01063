using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BallotCodeBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "batch_id",
                table: "ballot_codes",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ballot_code_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sealed_codes = table.Column<byte[]>(type: "bytea", nullable: true),
                    void_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    voided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ballot_code_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_ballot_code_batches_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ballot_codes_batch_id",
                table: "ballot_codes",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_ballot_code_batches_meeting_id",
                table: "ballot_code_batches",
                column: "meeting_id");

            migrationBuilder.AddForeignKey(
                name: "fk_ballot_codes_ballot_code_batches_batch_id",
                table: "ballot_codes",
                column: "batch_id",
                principalTable: "ballot_code_batches",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The state 未发放 is new: the older schema knows it as voided (not handed out, not usable).
            migrationBuilder.Sql("UPDATE ballot_codes SET state = 'Voided' WHERE state = 'NotHandedOut';");

            migrationBuilder.DropForeignKey(
                name: "fk_ballot_codes_ballot_code_batches_batch_id",
                table: "ballot_codes");

            migrationBuilder.DropTable(
                name: "ballot_code_batches");

            migrationBuilder.DropIndex(
                name: "ix_ballot_codes_batch_id",
                table: "ballot_codes");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "ballot_codes");
        }
    }
}
