using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReviewMeetings.Web.Data.Migrations
{
    /// <summary>
    /// A counter that every statement changing <c>organizations</c> raises, by trigger, in the same transaction; the pages
    /// that keep a scope's ordered tree in memory (Infrastructure/UnitTree) read it to know whether their copy is current.
    /// A trigger sees every writer: EF saves, bulk updates, foreign-key actions and a DBA's SQL alike.
    /// </summary>
    public partial class OrganizationTreeVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE organization_tree_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO organization_tree_version (id, version) VALUES (1, 0);
                CREATE FUNCTION raise_organization_tree_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE organization_tree_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER organizations_tree_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
                    FOR EACH STATEMENT EXECUTE FUNCTION raise_organization_tree_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER organizations_tree_version ON organizations;
                DROP FUNCTION raise_organization_tree_version();
                DROP TABLE organization_tree_version;
                """);
        }
    }
}
