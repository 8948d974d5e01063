using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Organizations;

namespace ReviewMeetings.Domain.Meetings;

/// <summary>Who reports and in what order: the on-site and written parts of the schedule, the lottery and the coverage scope.</summary>
public sealed partial class Meeting
{
    public Reporter AddReporter(Organization unit, ReportMode mode)
    {
        ArgumentNullException.ThrowIfNull(unit);
        EnsureReportersEditable();
        if (!unit.IsActive)
        {
            throw new DomainException($"“{unit.Name}”已停用，不能作为述职对象。");
        }

        if (unit.Id == OrganizationId)
        {
            throw new DomainException("主办单位本身不能作为述职对象。");
        }

        if (!unit.Path.Contains(OrganizationId.ToString("N") + "/", StringComparison.Ordinal))
        {
            throw new DomainException($"“{unit.Name}”不是主办单位的下级单位，不能作为本次会议的述职对象。");
        }

        if (_reporters.Any(r => r.OrganizationId == unit.Id))
        {
            throw new DomainException($"“{unit.Name}”已是本次会议的述职对象。");
        }

        var reporter = new Reporter(Id, unit, mode);
        if (mode == ReportMode.OnSite)
        {
            Lottery = null;
        }

        _reporters.Add(reporter);
        PutLast(reporter);
        _exclusions.RemoveAll(e => e.OrganizationId == unit.Id);
        Renumber();
        return reporter;
    }

    public void RemoveReporter(Guid reporterId)
    {
        EnsureReportersEditable();
        var reporter = Find(reporterId);
        _reporters.Remove(reporter);
        if (reporter.Mode == ReportMode.OnSite)
        {
            Lottery = null;
        }

        Renumber();
    }

    public void SetMode(Guid reporterId, ReportMode mode)
    {
        EnsureReportersEditable();
        var reporter = Find(reporterId);
        if (reporter.Mode != mode)
        {
            reporter.SetMode(mode);
            PutLast(reporter);
            Lottery = null;
            Renumber();
        }
    }

    /// <summary>Sets the mode of every reporter whose unit is of the category; returns how many changed.</summary>
    public int SetModeForCategory(OrganizationCategory category, ReportMode mode)
    {
        EnsureReportersEditable();
        var changed = 0;
        // In schedule order, so the units keep their relative order in the part they join.
        foreach (var reporter in InBallotOrder().Where(r => r.UnitCategory == category && r.Mode != mode).ToList())
        {
            reporter.SetMode(mode);
            PutLast(reporter);
            changed++;
        }

        if (changed > 0)
        {
            Lottery = null;
        }

        Renumber();
        return changed;
    }

    /// <summary>Sets the on-site speaking order; <paramref name="onSiteOrder"/> must name every on-site reporter once.</summary>
    public void Reorder(IReadOnlyList<Guid> onSiteOrder)
    {
        ArgumentNullException.ThrowIfNull(onSiteOrder);
        EnsureReportersEditable();
        var onSite = OnSite().Select(r => r.Id).ToHashSet();
        if (onSiteOrder.Count != onSite.Count || !onSite.SetEquals(onSiteOrder))
        {
            throw new DomainException("述职顺序已被他人修改，请刷新后重新排序。");
        }

        if (OnSite().Select(r => r.Id).SequenceEqual(onSiteOrder))
        {
            return;
        }

        for (var i = 0; i < onSiteOrder.Count; i++)
        {
            Find(onSiteOrder[i]).SetOrder(i + 1);
        }

        Lottery = null;
    }

    /// <summary>
    /// Sets the order of the written reporters (the ballot, paper entry, exports and minutes list them so);
    /// <paramref name="writtenOrder"/> must name every written reporter once.
    /// </summary>
    public void ReorderWritten(IReadOnlyList<Guid> writtenOrder)
    {
        ArgumentNullException.ThrowIfNull(writtenOrder);
        EnsureReportersEditable();
        var written = Written().Select(r => r.Id).ToHashSet();
        if (writtenOrder.Count != written.Count || !written.SetEquals(writtenOrder))
        {
            throw new DomainException("书面述职顺序已被他人修改，请刷新后重新排序。");
        }

        for (var i = 0; i < writtenOrder.Count; i++)
        {
            Find(writtenOrder[i]).SetWrittenOrder(i + 1);
        }
    }

    /// <summary>Moves a reporter one place earlier (-1) or later (+1) within its part of the schedule: the keyboard alternative to dragging.</summary>
    public void Move(Guid reporterId, int step)
    {
        var onSite = Find(reporterId).Mode == ReportMode.OnSite;
        var order = (onSite ? OnSite() : Written()).Select(r => r.Id).ToList();
        var index = order.IndexOf(reporterId);
        var target = Math.Clamp(index + Math.Sign(step), 0, order.Count - 1);
        (order[index], order[target]) = (order[target], order[index]);
        if (onSite)
        {
            Reorder(order);
        }
        else
        {
            ReorderWritten(order);
        }
    }

    /// <summary>
    /// Draws the on-site order by lot. Every draw is kept; drawing again needs a reason, so that nobody can quietly draw
    /// until an order suits them.
    /// </summary>
    public void DrawLots(long seed, Guid drawnBy, DateTimeOffset drawnAt, string? reason = null)
    {
        EnsureReportersEditable();
        var order = Domain.Meetings.Lottery.Draw(OnSite().Select(r => r.Id), seed);
        if (order.Count < 2)
        {
            throw new DomainException("现场述职对象少于2个，无需抽签。");
        }

        var why = _lotteryHistory.Count == 0
            ? Text.Optional(reason, LotteryRecord.ReasonMaxLength, "重新抽签的原因", "Reason")
            : Text.Required(reason, LotteryRecord.ReasonMaxLength, "重新抽签的原因", "Reason");
        Reorder(order);
        Lottery = new LotteryDraw(seed, drawnBy, drawnAt);
        _lotteryHistory.Add(new LotteryRecord(seed, drawnBy, drawnAt, why, OnSite().Select(r => r.UnitName).ToList()));
    }

    public void Exclude(Organization unit, string? reason)
    {
        ArgumentNullException.ThrowIfNull(unit);
        EnsureReportersEditable();
        if (_reporters.Any(r => r.OrganizationId == unit.Id))
        {
            throw new DomainException($"“{unit.Name}”已是述职对象，无需排除。");
        }

        var text = Text.Required(reason, CoverageExclusion.ReasonMaxLength, "排除原因", "Reason");
        _exclusions.RemoveAll(e => e.OrganizationId == unit.Id);
        _exclusions.Add(new CoverageExclusion(unit.Id, text));
    }

    public void SetCoverageScope(IEnumerable<OrganizationCategory> categories, IEnumerable<OrganizationType> types)
    {
        EnsureReportersEditable();
        _coverageCategories = categories.Distinct().Order().ToList();
        _coverageTypes = types.Distinct().Order().ToList();
    }

    public bool IsInCoverageScope(OrganizationCategory category, OrganizationType type) =>
        _coverageCategories.Contains(category) && _coverageTypes.Contains(type);

    public void Include(Guid organizationId)
    {
        EnsureReportersEditable();
        _exclusions.RemoveAll(e => e.OrganizationId == organizationId);
    }

    public IEnumerable<Reporter> OnSite() =>
        _reporters.Where(r => r.Mode == ReportMode.OnSite).OrderBy(r => r.Order ?? int.MaxValue).ThenBy(r => r.UnitName, StringComparer.Ordinal);

    public IEnumerable<Reporter> Written() =>
        _reporters.Where(r => r.Mode == ReportMode.Written).OrderBy(r => r.WrittenOrder ?? int.MaxValue).ThenBy(r => r.UnitName, StringComparer.Ordinal);

    /// <summary>The reporters as the ballot, paper entry, results and minutes list them: on site in speaking order, then written.</summary>
    public IEnumerable<Reporter> InBallotOrder() => OnSite().Concat(Written());

    public int OnSiteCount => _reporters.Count(r => r.Mode == ReportMode.OnSite);

    private Reporter Find(Guid reporterId) =>
        _reporters.SingleOrDefault(r => r.Id == reporterId) ?? throw new DomainException("述职对象不存在，可能已被他人删除，请刷新页面。");

    /// <summary>Puts a reporter that joined a part of the schedule (on site or written) at its end.</summary>
    private void PutLast(Reporter reporter)
    {
        var onSite = reporter.Mode == ReportMode.OnSite;
        var last = _reporters.Where(r => r != reporter && r.Mode == reporter.Mode).Max(r => onSite ? r.Order : r.WrittenOrder) ?? 0;
        reporter.SetOrder(onSite ? last + 1 : null);
        reporter.SetWrittenOrder(onSite ? null : last + 1);
    }

    /// <summary>Each part of the schedule keeps its relative order and is numbered 1..n.</summary>
    private void Renumber()
    {
        var order = 1;
        foreach (var reporter in OnSite().ToList())
        {
            reporter.SetOrder(order++);
        }

        order = 1;
        foreach (var reporter in Written().ToList())
        {
            reporter.SetWrittenOrder(order++);
        }
    }

    private void EnsureReportersEditable()
    {
        if (!ReportersEditable)
        {
            throw new DomainException("会议已开始，不能再调整述职对象和顺序。");
        }
    }

    // Grassroots branches are reviewed by their own superior, not at this meeting.
    private static List<OrganizationCategory> DefaultCoverageCategories() =>
        Enum.GetValues<OrganizationCategory>().Where(c => c is not OrganizationCategory.Community and not OrganizationCategory.Local).ToList();

    private static List<OrganizationType> DefaultCoverageTypes() =>
        Enum.GetValues<OrganizationType>().Where(t => t is not OrganizationType.GeneralBranch and not OrganizationType.Branch).ToList();
}
