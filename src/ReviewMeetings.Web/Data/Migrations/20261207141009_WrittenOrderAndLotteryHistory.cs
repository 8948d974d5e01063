using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WrittenOrderAndLotteryHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "written_order",
                table: "reporters",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lottery_history",
                table: "meetings",
                type: "jsonb",
                nullable: true);

            // Units have no sort number of their own, so existing written reporters are numbered by name in code-point order:
            // exactly the order every existing meeting shows today, so ballots already on screen and paper batches already
            // keyed (one digit per reporter, in this order) keep their meaning. New reporters go last, in the order added.
            migrationBuilder.Sql("""
                UPDATE reporters r SET written_order = n.position
                FROM (SELECT id, row_number() OVER (PARTITION BY meeting_id ORDER BY unit_name COLLATE "C", id) AS position
                      FROM reporters WHERE mode = 'Written') n
                WHERE r.id = n.id;
                """);

            // The one draw kept so far becomes the first entry of the history; the order it gave is still the on-site order.
            migrationBuilder.Sql("""
                UPDATE meetings m SET lottery_history = CASE WHEN m.lottery_seed IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
                    'Seed', m.lottery_seed, 'DrawnBy', m.lottery_drawn_by, 'DrawnAt', m.lottery_drawn_at, 'Reason', NULL,
                    'Order', COALESCE((SELECT jsonb_agg(r.unit_name ORDER BY r."order") FROM reporters r
                                       WHERE r.meeting_id = m.id AND r.mode = 'OnSite'), '[]'::jsonb))) END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "written_order",
                table: "reporters");

            migrationBuilder.DropColumn(
                name: "lottery_history",
                table: "meetings");
        }
    }
}
