using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Domain.Tests.Meetings;

namespace ReviewMeetings.Domain.Tests.Evaluation;

public sealed class BallotCodeBatchTests
{
    private static readonly byte[] Key = new byte[32];
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly Guid _issuer = Guid.NewGuid();

    private readonly QingheDistrict _district = new();

    private (BallotCodeBatch Batch, List<BallotCode> Codes) Issue(int count = 3, MeetingStatus status = MeetingStatus.Published)
    {
        var (batch, codes) = BallotCodeBatch.Issue(Guid.NewGuid(), _district.Meeting().In(status).Build(), "group", count, _issuer, IssuedAt, Key);
        batch.KeepForReprint([1, 2, 3]);
        return (batch, codes.Select(c => c.Code).ToList());
    }

    [Fact]
    public void Codes_of_a_batch_carry_its_id_and_only_its_issuer_may_reprint_within_the_window()
    {
        var (batch, codes) = Issue();

        Assert.All(codes, c => Assert.Equal(batch.Id, c.BatchId));
        Assert.True(batch.CanReprint(_issuer, IssuedAt.AddMinutes(9), Window));
        Assert.False(batch.CanReprint(Guid.NewGuid(), IssuedAt.AddMinutes(1), Window));
        Assert.False(batch.CanReprint(_issuer, IssuedAt.AddMinutes(10), Window));
    }

    [Theory]
    [InlineData(MeetingStatus.Closed)]
    [InlineData(MeetingStatus.ResultsPublished)]
    [InlineData(MeetingStatus.Archived)]
    public void No_codes_are_issued_once_the_meeting_has_ended(MeetingStatus status)
    {
        var ex = Assert.Throws<DomainException>(() => Issue(status: status));

        Assert.Equal("会议已结束，不能再发放测评码。", ex.Message);
        Assert.Equal(3, Issue(status: MeetingStatus.Evaluating).Codes.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2001)]
    public void A_batch_holds_one_to_two_thousand_codes(int count)
    {
        var ex = Assert.Throws<DomainException>(() => Issue(count));

        Assert.Equal("一次可生成1到2000个测评码。", ex.Message);
        Assert.Equal(2000, Issue(2000).Codes.Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 33)]
    [InlineData(31, 35)]
    public void The_suggested_count_adds_ten_percent_spares_rounded_up(int expected, int suggested) =>
        Assert.Equal(suggested, BallotCodeBatch.SuggestedCount(expected));

    [Fact]
    public void Sealed_codes_are_forgotten_once_the_window_has_passed_and_not_before()
    {
        var (batch, _) = Issue();

        Assert.False(batch.ForgetExpired(IssuedAt.AddMinutes(9), Window));
        Assert.NotNull(batch.SealedCodes);
        Assert.True(batch.ForgetExpired(IssuedAt.AddMinutes(10), Window));
        Assert.Null(batch.SealedCodes);
    }

    [Fact]
    public void Voiding_needs_a_reason_voids_every_code_and_forgets_the_sealed_codes()
    {
        var (batch, codes) = Issue();

        Assert.Equal("请填写作废原因", Assert.Throws<DomainException>(() => batch.Void("  ", _issuer, IssuedAt, codes)).Message);
        batch.Void("打印错位", _issuer, IssuedAt.AddMinutes(1), codes);

        Assert.All(codes, c => Assert.Equal(BallotCodeState.Voided, c.State));
        Assert.Equal("打印错位", batch.VoidReason);
        Assert.Null(batch.SealedCodes);
        Assert.False(batch.CanReprint(_issuer, IssuedAt.AddMinutes(2), Window));
    }

    [Fact]
    public void A_batch_with_a_used_code_cannot_be_voided_whole()
    {
        var (batch, codes) = Issue();
        codes[1].Use();

        var refused = Assert.Throws<DomainException>(() => batch.Void("整批遗失", _issuer, IssuedAt, codes));

        Assert.Contains("不能整批作废", refused.Message, StringComparison.Ordinal);
        Assert.Equal([BallotCodeState.Issued, BallotCodeState.Used, BallotCodeState.Issued], codes.Select(c => c.State));
        Assert.False(batch.Voided);
    }

    [Fact]
    public void A_ballot_with_nothing_chosen_is_a_blank_ballot_the_tally_counts_as_void()
    {
        Guid[] reporters = [Guid.NewGuid(), Guid.NewGuid()];

        var blank = Ballot.Cast(Guid.NewGuid(), "group", new Dictionary<Guid, string?>(), reporters, EvaluationRules.Create(allowAbstain: false));

        Assert.True(blank.IsBlank);
        Assert.Equal(reporters.Order(), blank.Grades.Keys.Order());
        var tally = Tally.Compute(new TallyInput(EvaluationRules.Default, reporters, [new TallyBallot("group", blank.Grades)], 1, 1));
        Assert.Equal((1, 0, 1), (tally.Returned, tally.Valid, tally.Void));
    }
}
