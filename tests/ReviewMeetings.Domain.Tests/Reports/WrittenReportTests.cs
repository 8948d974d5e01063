using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Reports;
using ReviewMeetings.Domain.Tests.Meetings;

namespace ReviewMeetings.Domain.Tests.Reports;

public sealed class WrittenReportTests
{
    private static readonly Guid MeetingId = Guid.Parse("3ee70000-0000-0000-0000-000000000001");
    private static readonly Guid ReporterId = Guid.Parse("4e904000-0000-0000-0000-000000000001");
    private static readonly Guid OrganizationId = Guid.Parse("0d0d0d0d-0000-0000-0000-000000000001");
    private static readonly Guid Secretary = Guid.Parse("5ec5ec00-0000-0000-0000-000000000001");
    private static readonly Guid Deputy = Guid.Parse("5ec5ec00-0000-0000-0000-000000000002");
    private static readonly Guid Organizer = QingheDistrict.Organizer;
    private static readonly Guid UploadedFile = Guid.Parse("f11ef11e-0000-0000-0000-000000000001");

    private static readonly DateTimeOffset Now = QingheDistrict.Now;
    private static readonly DateOnly Deadline = new(2025, 12, 20);
    private static readonly DateOnly BeforeDeadline = new(2025, 12, 10);
    private static readonly DateOnly DayAfterDeadline = new(2025, 12, 21);

    private const string DeadlinePassed = "已过书面述职报告截止日期，不能再提交。如需补交，请联系组织部重新开放。";

    [Fact]
    public void New_report_is_a_draft_with_no_versions()
    {
        var report = new WrittenReport(MeetingId, ReporterId, OrganizationId);

        Assert.Equal(MeetingId, report.MeetingId);
        Assert.Equal(ReporterId, report.ReporterId);
        Assert.Equal(OrganizationId, report.OrganizationId);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Equal("草稿", report.Status.ChineseName());
        Assert.Empty(report.Versions);
        Assert.Null(report.Latest);
        Assert.Null(report.LatestSubmitted);
        Assert.Null(report.ReturnReason);
        Assert.False(report.Reopened);
        Assert.Null(report.ReviewedBy);
        Assert.Null(report.ReviewedAt);
    }

    [Fact]
    public void Every_save_is_kept_as_a_numbered_version_with_its_author_and_time()
    {
        var report = NewReport();

        var first = report.Save(Content("第一稿"), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);
        var second = report.Save(Content("第二稿"), null, submit: false, Deputy, Now.AddHours(1), Deadline, BeforeDeadline);
        var third = report.Save(null, UploadedFile, submit: false, Secretary, Now.AddDays(1), Deadline, BeforeDeadline);

        Assert.Equal([1, 2, 3], report.Versions.Select(v => v.Number));
        Assert.Equal([Secretary, Deputy, Secretary], report.Versions.Select(v => v.CreatedBy));
        Assert.Equal([Now, Now.AddHours(1), Now.AddDays(1)], report.Versions.Select(v => v.CreatedAt));
        Assert.All(report.Versions, v => Assert.Equal(report.Id, v.ReportId));
        Assert.All(report.Versions, v => Assert.False(v.Submitted));
        Assert.Equal("第一稿", first.Content?.Performance);
        Assert.Equal("第二稿", second.Content?.Performance);
        Assert.Null(third.Content);
        Assert.Equal(UploadedFile, third.FileId);
        Assert.Same(third, report.Latest);
        Assert.Null(report.LatestSubmitted);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Equal(Now.AddDays(1), report.UpdatedAt);
    }

    [Fact]
    public void Submitting_makes_the_version_the_one_that_counts()
    {
        var report = NewReport();
        report.Save(Content("草稿"), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);

        var submitted = report.Save(Content("定稿"), null, submit: true, Secretary, Now.AddHours(2), Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal("已提交", report.Status.ChineseName());
        Assert.True(submitted.Submitted);
        Assert.Equal(2, submitted.Number);
        Assert.Same(submitted, report.LatestSubmitted);
        Assert.Same(submitted, report.Latest);
        Assert.Equal(Now.AddHours(2), report.UpdatedAt);
    }

    [Fact]
    public void An_uploaded_file_can_be_submitted_instead_of_online_text()
    {
        var report = NewReport();

        var submitted = report.Save(null, UploadedFile, submit: true, Secretary, Now, Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(UploadedFile, submitted.FileId);
        Assert.Null(submitted.Content);
        Assert.Same(submitted, report.LatestSubmitted);
    }

    [Fact]
    public void A_draft_saved_after_submitting_does_not_replace_the_submitted_version()
    {
        var report = NewReport();
        var submitted = report.Save(Content("定稿"), null, submit: true, Secretary, Now, Deadline, BeforeDeadline);

        var draft = report.Save(Content("修改中"), null, submit: false, Secretary, Now.AddHours(1), Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Same(submitted, report.LatestSubmitted);
        Assert.Same(draft, report.Latest);
        Assert.Equal("定稿", report.LatestSubmitted?.Content?.Performance);
    }

    [Fact]
    public void Submitting_an_empty_online_report_is_refused()
    {
        var report = NewReport();
        var blank = ReportContent.Create("  ", "", null, "\n");

        var error = Assert.Throws<DomainException>(
            () => report.Save(blank, null, submit: true, Secretary, Now, Deadline, BeforeDeadline));

        Assert.Equal("报告内容为空，不能提交。请至少填写“履职情况和工作亮点”。", error.Message);
        Assert.Equal("Performance", error.Field);
        Assert.Empty(report.Versions);
        Assert.Equal(ReportStatus.Draft, report.Status);
    }

    [Fact]
    public void Submitting_online_text_without_the_performance_section_is_refused()
    {
        var report = NewReport();
        var onlyProblems = ReportContent.Create(null, "基层党组织覆盖仍有空白。", null, null);

        var error = Assert.Throws<DomainException>(
            () => report.Save(onlyProblems, null, submit: true, Secretary, Now, Deadline, BeforeDeadline));

        Assert.Equal("报告内容为空，不能提交。请至少填写“履职情况和工作亮点”。", error.Message);
        Assert.Equal("Performance", error.Field);
        Assert.Empty(report.Versions);
    }

    [Fact]
    public void An_empty_online_report_can_still_be_saved_as_a_draft()
    {
        var report = NewReport();

        var draft = report.Save(ReportContent.Create(null, null, null, null), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);

        Assert.True(draft.Content?.IsEmpty);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Same(draft, Assert.Single(report.Versions));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void A_version_is_either_an_uploaded_file_or_online_text(bool withText, bool withFile)
    {
        var report = NewReport();
        var content = withText ? Content("正文") : null;
        Guid? fileId = withFile ? UploadedFile : null;

        Assert.Throws<ArgumentException>(
            () => report.Save(content, fileId, submit: false, Secretary, Now, Deadline, BeforeDeadline));

        Assert.Empty(report.Versions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saving_after_the_deadline_is_refused(bool submit)
    {
        var report = NewReport();
        report.Save(Content("草稿"), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);

        var error = Assert.Throws<DomainException>(
            () => report.Save(Content("迟交"), null, submit, Secretary, Now.AddDays(11), Deadline, DayAfterDeadline));

        Assert.Equal(DeadlinePassed, error.Message);
        Assert.Single(report.Versions);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.False(report.IsOpen(Deadline, DayAfterDeadline));
    }

    [Fact]
    public void Saving_on_the_deadline_day_is_allowed()
    {
        var report = NewReport();

        var submitted = report.Save(Content("定稿"), null, submit: true, Secretary, Now, Deadline, today: Deadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Same(submitted, report.LatestSubmitted);
    }

    [Fact]
    public void Saving_is_allowed_at_any_time_when_there_is_no_deadline()
    {
        var report = NewReport();

        var submitted = report.Save(Content("定稿"), null, submit: true, Secretary, Now, deadline: null, today: new DateOnly(2026, 6, 30));

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Same(submitted, report.LatestSubmitted);
    }

    [Fact]
    public void Reopening_lets_the_secretary_save_and_submit_after_the_deadline()
    {
        var report = NewReport();
        report.Reopen(Deadline, DayAfterDeadline, Now.AddDays(12));

        report.Save(Content("补交草稿"), null, submit: false, Secretary, Now.AddDays(12), Deadline, DayAfterDeadline);
        var submitted = report.Save(Content("补交定稿"), null, submit: true, Secretary, Now.AddDays(13), Deadline, DayAfterDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Same(submitted, report.LatestSubmitted);
        Assert.Equal(2, report.Versions.Count);
    }

    [Fact]
    public void A_report_the_secretary_can_still_submit_is_not_reopened()
    {
        var report = NewReport();

        var early = Assert.Throws<DomainException>(() => report.Reopen(Deadline, BeforeDeadline, Now));
        report.Reopen(Deadline, DayAfterDeadline, Now.AddDays(12));
        var twice = Assert.Throws<DomainException>(() => report.Reopen(Deadline, DayAfterDeadline, Now.AddDays(12)));

        Assert.Equal("该报告仍可提交，无需重新开放。", early.Message);
        Assert.Equal(early.Message, twice.Message);
        Assert.Throws<DomainException>(() => NewReport().Reopen(null, DayAfterDeadline, Now));
    }

    [Fact]
    public void A_late_submission_after_reopening_closes_the_report_again()
    {
        var report = NewReport();
        report.Reopen(Deadline, DayAfterDeadline, Now.AddDays(12));

        report.Save(Content("补交定稿"), null, submit: true, Secretary, Now.AddDays(12), Deadline, DayAfterDeadline);

        Assert.False(report.Reopened);
        var error = Assert.Throws<DomainException>(
            () => report.Save(Content("再改一次"), null, submit: false, Secretary, Now.AddDays(13), Deadline, DayAfterDeadline));
        Assert.Equal(DeadlinePassed, error.Message);
        Assert.Single(report.Versions);
    }

    [Fact]
    public void A_returned_report_can_be_revised_and_resubmitted_after_the_deadline()
    {
        var report = SubmittedReport();
        report.Return("缺少上年度问题整改情况。", Now.AddDays(11));

        report.Save(Content("修改稿"), null, submit: false, Secretary, Now.AddDays(12), Deadline, DayAfterDeadline);
        var resubmitted = report.Save(Content("修改定稿"), null, submit: true, Secretary, Now.AddDays(13), Deadline, DayAfterDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Same(resubmitted, report.LatestSubmitted);
        Assert.Equal(3, resubmitted.Number);
    }

    [Fact]
    public void Submitted_report_can_be_returned_with_a_reason()
    {
        var report = SubmittedReport();

        report.Return("  缺少上年度问题整改情况。  ", Now.AddDays(1));

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("已退回", report.Status.ChineseName());
        Assert.Equal("缺少上年度问题整改情况。", report.ReturnReason);
        Assert.Equal(Now.AddDays(1), report.UpdatedAt);
    }

    [Fact]
    public void Reviewed_report_can_still_be_returned()
    {
        var report = SubmittedReport();
        report.MarkReviewed(Organizer, Now.AddDays(1));

        report.Return("数据与统计口径不一致。", Now.AddDays(2));

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("数据与统计口径不一致。", report.ReturnReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Returning_needs_a_reason(string? reason)
    {
        var report = SubmittedReport();

        var error = Assert.Throws<DomainException>(() => report.Return(reason, Now.AddDays(1)));

        Assert.Equal("请填写退回原因。", error.Message);
        Assert.Equal("ReturnReason", error.Field);
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Null(report.ReturnReason);
    }

    [Fact]
    public void Return_reason_is_limited_to_500_characters()
    {
        var report = SubmittedReport();

        var error = Assert.Throws<DomainException>(() => report.Return(new string('改', 501), Now.AddDays(1)));
        report.Return(new string('改', 500), Now.AddDays(1));

        Assert.Equal("退回原因不能超过500个字。", error.Message);
        Assert.Equal("ReturnReason", error.Field);
        Assert.Equal(500, report.ReturnReason?.Length);
    }

    [Fact]
    public void Draft_report_cannot_be_returned()
    {
        var report = NewReport();
        report.Save(Content("草稿"), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);

        var error = Assert.Throws<DomainException>(() => report.Return("请修改。", Now.AddDays(1)));

        Assert.Equal("只有已提交的报告才能退回。", error.Message);
        Assert.Equal(ReportStatus.Draft, report.Status);
        Assert.Null(report.ReturnReason);
    }

    [Fact]
    public void Returned_report_cannot_be_returned_again_until_resubmitted()
    {
        var report = SubmittedReport();
        report.Return("缺少数据。", Now.AddDays(1));

        var error = Assert.Throws<DomainException>(() => report.Return("另一个原因。", Now.AddDays(2)));

        Assert.Equal("只有已提交的报告才能退回。", error.Message);
        Assert.Equal("缺少数据。", report.ReturnReason);
    }

    [Fact]
    public void A_draft_saved_after_a_return_keeps_the_report_returned_with_its_reason()
    {
        var report = SubmittedReport();
        report.Return("缺少上年度问题整改情况。", Now.AddDays(1));

        report.Save(Content("修改中"), null, submit: false, Secretary, Now.AddDays(2), Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Returned, report.Status);
        Assert.Equal("缺少上年度问题整改情况。", report.ReturnReason);
    }

    [Fact]
    public void Resubmitting_a_returned_report_makes_it_submitted_and_clears_the_reason()
    {
        var report = SubmittedReport();
        report.Return("缺少上年度问题整改情况。", Now.AddDays(1));

        var resubmitted = report.Save(Content("补充整改情况"), null, submit: true, Secretary, Now.AddDays(2), Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Null(report.ReturnReason);
        Assert.Same(resubmitted, report.LatestSubmitted);
    }

    [Fact]
    public void Marking_reviewed_records_who_reviewed_and_when()
    {
        var report = SubmittedReport();

        report.MarkReviewed(Organizer, Now.AddDays(1));

        Assert.Equal(ReportStatus.Reviewed, report.Status);
        Assert.Equal("已审核", report.Status.ChineseName());
        Assert.Equal(Organizer, report.ReviewedBy);
        Assert.Equal(Now.AddDays(1), report.ReviewedAt);
        Assert.Equal(Now.AddDays(1), report.UpdatedAt);
    }

    [Theory]
    [InlineData(ReportStatus.Draft)]
    [InlineData(ReportStatus.Returned)]
    [InlineData(ReportStatus.Reviewed)]
    public void Only_a_submitted_report_can_be_marked_reviewed(ReportStatus status)
    {
        var report = ReportIn(status);
        var reviewedBy = report.ReviewedBy;

        var error = Assert.Throws<DomainException>(() => report.MarkReviewed(Organizer, Now.AddDays(5)));

        Assert.Equal("只有已提交且未退回的报告才能审核。", error.Message);
        Assert.Equal(status, report.Status);
        Assert.Equal(reviewedBy, report.ReviewedBy);
        Assert.NotEqual(Now.AddDays(5), report.ReviewedAt);
    }

    [Theory]
    [InlineData(ReportStatus.Draft, false, false)]
    [InlineData(ReportStatus.Submitted, true, true)]
    [InlineData(ReportStatus.Returned, false, false)]
    [InlineData(ReportStatus.Reviewed, true, false)]
    public void What_staff_may_do_with_a_report_is_what_its_methods_allow(ReportStatus status, bool canReturn, bool canMarkReviewed)
    {
        Assert.Equal(canReturn, ReportIn(status).CanReturn);
        Assert.Equal(canMarkReviewed, ReportIn(status).CanMarkReviewed);
        Assert.Equal(canReturn, Record.Exception(() => ReportIn(status).Return("请修改。", Now.AddDays(5))) is null);
        Assert.Equal(canMarkReviewed, Record.Exception(() => ReportIn(status).MarkReviewed(Organizer, Now.AddDays(5))) is null);
    }

    [Fact]
    public void Resubmitting_after_a_return_forgets_the_earlier_review()
    {
        var report = SubmittedReport();
        report.MarkReviewed(Organizer, Now.AddDays(1));
        report.Return("数据与统计口径不一致。", Now.AddDays(2));

        report.Save(Content("修改定稿"), null, submit: true, Secretary, Now.AddDays(3), Deadline, BeforeDeadline);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Null(report.ReviewedBy);
        Assert.Null(report.ReviewedAt);
    }

    [Fact]
    public void Report_content_is_trimmed_and_blank_sections_are_left_out()
    {
        var content = ReportContent.Create("  全年发展党员32名。 ", "\t", null, " 已整改5项。\n");

        Assert.Equal("全年发展党员32名。", content.Performance);
        Assert.Null(content.Problems);
        Assert.Null(content.NextSteps);
        Assert.Equal("已整改5项。", content.Rectification);
    }

    [Theory]
    [InlineData(0, "履职情况和工作亮点", "Performance")]
    [InlineData(1, "存在问题及原因", "Problems")]
    [InlineData(2, "下一步工作思路和措施", "NextSteps")]
    [InlineData(3, "上年度问题整改情况", "Rectification")]
    public void Each_section_is_limited_to_20000_characters(int section, string label, string field)
    {
        var longest = CreateWithSection(section, "  " + new string('述', 20000) + "  ");

        var error = Assert.Throws<DomainException>(() => CreateWithSection(section, new string('述', 20001)));

        Assert.False(longest.IsEmpty);
        Assert.Equal($"{label}不能超过20000个字。", error.Message);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Content_with_only_blank_sections_is_empty()
    {
        Assert.True(ReportContent.Create(null, "", "  ", "\n").IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Content_with_any_section_filled_is_not_empty(int section)
    {
        Assert.False(CreateWithSection(section, "有内容").IsEmpty);
    }

    private static WrittenReport NewReport() => new(MeetingId, ReporterId, OrganizationId);

    private static ReportContent Content(string performance) =>
        ReportContent.Create(performance, "基层党建经费保障不足。", "推进党建引领基层治理。", "上年度3个问题已全部整改。");

    private static WrittenReport SubmittedReport()
    {
        var report = NewReport();
        report.Save(Content("定稿"), null, submit: true, Secretary, Now, Deadline, BeforeDeadline);
        return report;
    }

    private static WrittenReport ReportIn(ReportStatus status)
    {
        if (status == ReportStatus.Draft)
        {
            var draft = NewReport();
            draft.Save(Content("草稿"), null, submit: false, Secretary, Now, Deadline, BeforeDeadline);
            return draft;
        }

        var report = SubmittedReport();
        if (status == ReportStatus.Returned)
        {
            report.Return("请补充数据。", Now.AddDays(1));
        }
        else if (status == ReportStatus.Reviewed)
        {
            report.MarkReviewed(Organizer, Now.AddDays(1));
        }

        return report;
    }

    private static ReportContent CreateWithSection(int section, string text) => ReportContent.Create(
        section == 0 ? text : null,
        section == 1 ? text : null,
        section == 2 ? text : null,
        section == 3 ? text : null);
}
