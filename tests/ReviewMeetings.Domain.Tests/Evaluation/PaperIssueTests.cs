using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class PaperIssueTests
{
    [Fact]
    public void Paper_issued_can_be_recorded_and_corrected_until_results_are_published()
    {
        var issue = PaperIssue.Create(Guid.NewGuid(), "基层党员群众代表");

        issue.Record(MeetingStatus.Evaluating, 40);
        issue.Record(MeetingStatus.Closed, 38);

        Assert.Equal(38, issue.Count);
        var error = Assert.Throws<DomainException>(() => issue.Record(MeetingStatus.ResultsPublished, 50));
        Assert.Equal("测评结果已公布，不能再修改纸质票发出数。", error.Message);
        Assert.Equal(38, issue.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(PaperIssue.MaxCount + 1)]
    public void Paper_issued_is_a_sensible_count(int count)
    {
        var issue = PaperIssue.Create(Guid.NewGuid(), "区级领导");

        var error = Assert.Throws<DomainException>(() => issue.Record(MeetingStatus.Evaluating, count));

        Assert.Equal("纸质票发出数应在0到10000之间。", error.Message);
        Assert.Equal(nameof(PaperIssue.Count), error.Field);
    }
}
