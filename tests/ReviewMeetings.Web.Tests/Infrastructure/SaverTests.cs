using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;

namespace ReviewMeetings.Web.Tests.Infrastructure;

/// <summary>The one save path: one transaction, and every failure shown on the form with nothing saved.</summary>
public sealed class SaverTests : AppTest
{
    private const string Conflict = "操作失败：该单位刚被他人修改，请刷新页面后重试。";
    private const string Duplicate = "同一上级党组织下已有同名单位。";
    private static readonly SaveMessages Messages = new(Conflict) { Duplicate = Duplicate, DuplicateKey = "Input.Name" };

    private async Task<T> InScopeAsync<T>(Func<Saver, AppDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Saver>(), scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<(Guid First, Guid Second)> TwoUnitsAsync() => DbAsync(async db =>
    {
        var units = await db.Organizations.Where(o => o.ParentId != null).OrderBy(o => o.Name).Select(o => o.Id).Take(2).ToListAsync();
        return (units[0], units[1]);
    });

    private Task<string> NameAsync(Guid id) => DbAsync(db => db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync());

    [Fact]
    public async Task A_change_and_what_it_wrote_directly_commit_together()
    {
        var (first, second) = await TwoUnitsAsync();
        var modelState = new ModelStateDictionary();

        var saved = await InScopeAsync(async (saver, db) =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Id == second);
            return await saver.TrySaveAsync(modelState, Messages, async () =>
            {
                await db.Organizations.Where(o => o.Id == first).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "中共清河区甲街道工作委员会"));
                unit.Rename("中共清河区乙街道工作委员会");
            });
        });

        Assert.True(saved);
        Assert.True(modelState.IsValid);
        Assert.Equal("中共清河区甲街道工作委员会", await NameAsync(first));
        Assert.Equal("中共清河区乙街道工作委员会", await NameAsync(second));
    }

    [Fact]
    public async Task A_save_that_deadlocks_with_another_on_the_tree_version_is_a_conflict_on_the_form()
    {
        var (first, second) = await TwoUnitsAsync();
        var before = await NameAsync(first);
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        async Task TouchAsync(Guid id)
        {
            await using var update = new NpgsqlCommand("UPDATE organizations SET sort_order = sort_order WHERE id = $1", other, transaction) { Parameters = { new() { Value = id } } };
            await update.ExecuteNonQueryAsync();
        }

        // The other transaction holds the second unit and, through the trigger, the tree version.
        await TouchAsync(second);
        var modelState = new ModelStateDictionary();
        var saving = InScopeAsync(async (saver, db) =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Id == first);
            return await saver.TrySaveAsync(modelState, Messages, () => unit.Rename("中共清河区丙街道工作委员会"));
        });
        // The save has taken the first unit and waits for the tree version; the other now wants the first unit.
        await using (var probe = new NpgsqlConnection(Factory.ConnectionString))
        {
            await probe.OpenAsync();
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", probe);
            for (var i = 0; i < 200 && (long)(await waiting.ExecuteScalarAsync())! == 0; i++)
            {
                await Task.Delay(25);
            }
        }

        await TouchAsync(first);
        await transaction.CommitAsync();

        Assert.False(await saving);
        Assert.Equal(Conflict, Assert.Single(modelState[string.Empty]!.Errors).ErrorMessage);
        Assert.Equal(before, await NameAsync(first));
    }

    [Fact]
    public async Task A_broken_rule_undoes_what_the_change_already_wrote_and_is_shown_next_to_its_field()
    {
        var (first, _) = await TwoUnitsAsync();
        var before = await NameAsync(first);
        var modelState = new ModelStateDictionary();

        var saved = await InScopeAsync((saver, db) => saver.TrySaveAsync(modelState, Messages, async () =>
        {
            await db.Organizations.Where(o => o.Id == first).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "中共清河区甲街道工作委员会"));
            throw new DomainException("单位名称不能为空。", nameof(Organization.Name));
        }));

        Assert.False(saved);
        Assert.Equal("单位名称不能为空。", Assert.Single(modelState["Input.Name"]!.Errors).ErrorMessage);
        Assert.Equal(before, await NameAsync(first));
    }

    [Fact]
    public async Task Someone_elses_save_first_is_a_conflict_with_the_reload_message_and_nothing_is_saved()
    {
        var (first, _) = await TwoUnitsAsync();
        var modelState = new ModelStateDictionary();

        var saved = await InScopeAsync(async (saver, db) =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Id == first);
            await DbAsync(async other =>
            {
                (await other.Organizations.SingleAsync(o => o.Id == first)).Rename("中共清河区丙街道工作委员会");
                return await other.SaveChangesAsync();
            });
            return await saver.TrySaveAsync(modelState, Messages, () => unit.Rename("中共清河区丁街道工作委员会"));
        });

        Assert.False(saved);
        Assert.Equal(Conflict, Assert.Single(modelState[""]!.Errors).ErrorMessage);
        Assert.Equal("中共清河区丙街道工作委员会", await NameAsync(first));
    }

    [Fact]
    public async Task A_row_removed_meanwhile_that_the_change_refers_to_is_a_conflict_and_nothing_is_saved()
    {
        var (first, _) = await TwoUnitsAsync();
        var before = await NameAsync(first);
        var modelState = new ModelStateDictionary();

        var saved = await InScopeAsync(async (saver, db) =>
        {
            var unit = await db.Organizations.SingleAsync(o => o.Id == first);
            return await saver.TrySaveAsync(modelState, Messages, () =>
            {
                unit.Rename("中共清河区甲街道工作委员会");
                // A password history row of an account that no longer exists: the foreign key refuses it.
                db.Add(new PasswordHistoryEntry { UserId = Guid.NewGuid(), PasswordHash = "x", ReplacedAt = DateTimeOffset.UnixEpoch });
            });
        });

        Assert.False(saved);
        Assert.Equal(Conflict, Assert.Single(modelState[""]!.Errors).ErrorMessage);
        Assert.Equal(before, await NameAsync(first));
    }

    [Fact]
    public async Task A_lost_race_on_a_unique_index_shows_the_duplicate_message_where_the_page_asks()
    {
        var (first, _) = await TwoUnitsAsync();
        var count = await DbAsync(db => db.Organizations.CountAsync());
        var modelState = new ModelStateDictionary();

        var failure = await InScopeAsync(async (saver, db) =>
        {
            var existing = await db.Organizations.SingleAsync(o => o.Id == first);
            var parent = await db.Organizations.SingleAsync(o => o.Id == existing.ParentId);
            return await saver.TrySaveAsync(() => db.Organizations.Add(Organization.CreateChild(parent, existing.Name, existing.Type, existing.Category)));
        });
        failure!.AddTo(modelState, Messages);

        Assert.True(failure.IsDuplicate);
        Assert.Equal(Duplicate, Assert.Single(modelState["Input.Name"]!.Errors).ErrorMessage);
        Assert.Equal(count, await DbAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public void The_console_reads_a_failure_as_one_line()
    {
        Assert.Equal("会议已结束。", SaveFailure.Broken(new DomainException("会议已结束。")).MessageOr(Conflict));
        Assert.Equal(Conflict, SaveFailure.Conflict.MessageOr(Conflict));
        Assert.Equal(Conflict, SaveFailure.Duplicate.MessageOr(Conflict));
    }
}
