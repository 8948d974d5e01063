using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Live;

namespace ReviewMeetings.Web.Pages.Vote;

/// <summary>
/// The ballot as the page's script submits it (wwwroot/js/ballot.js): the review step happens in the browser, so one
/// POST carries the ballot form as it stands and gets a short JSON answer instead of a page. It checks what the page's
/// Submit handler checks, with the same antiforgery token, rate limit and <see cref="BallotBox"/>. Without script the
/// page's own review and submit steps are used.
/// </summary>
public static class BallotSubmission
{
    public const string Path = "/v/ballot";

    public const string Expired = "页面已过期，请重新打开测评票后再提交。";

    public const string NotThisBallot = "测评票内容与本次会议不符，请刷新后重新填写。";

    public const string TooManyFailures = "测评码核对失败次数过多，请稍后再试。";

    /// <summary>The hidden field with the ballot page's claim (<see cref="BallotBox.ClaimOf"/>).</summary>
    public const string ClaimField = "Ballot";

    private const string GradePrefix = "Grades[";

    public static WebApplication MapBallotSubmission(this WebApplication app)
    {
        app.MapPost(Path, SubmitAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, BallotBox box, BallotProgressPush progress, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        IFormCollection form;
        try
        {
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Refused(Expired);
            }

            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or AntiforgeryValidationException { InnerException: InvalidDataException })
        {
            // More fields or longer values than any ballot has (the form limits): not a ballot of this meeting.
            return Refused(NotThisBallot);
        }
        var grades = Grades(form);
        var blankConfirmed = form[IndexModel.ConfirmBlankField] == "true";

        // The usual case in one statement: the ballot is checked against the meeting the page claims, and the statement
        // checks the claim. Anything unusual (a forged or stale claim, a refused ballot, a used code) goes the long way
        // below, which reads the code first and answers as the page's own submit step does.
        var claimed = await box.ClaimAsync(form["Code"], form[ClaimField], cancellationToken);
        if (claimed is not null && TryCast(claimed, grades) is { } quick && (!quick.IsBlank || blankConfirmed)
            && await box.CastAsync(claimed, quick, cancellationToken))
        {
            return Done(progress, quick);
        }

        var (code, tooManyFailures, used) = await box.OpenAsync(form["Code"], context.Connection.RemoteIpAddress, cancellationToken);
        if (code is null)
        {
            return tooManyFailures
                ? Results.Json(new { error = TooManyFailures, field = nameof(IndexModel.Code) }, statusCode: StatusCodes.Status429TooManyRequests)
                : Refused(used ? IndexModel.UsedCode : IndexModel.InvalidCode, nameof(IndexModel.Code));
        }

        Ballot ballot;
        try
        {
            ballot = code.Cast(grades);
        }
        catch (DomainException ex)
        {
            return Refused(ex.Message);
        }

        if (ballot.IsBlank && !blankConfirmed)
        {
            return Refused(IndexModel.BlankQuestion, IndexModel.ConfirmBlankField);
        }

        if (!await box.CastAsync(code, ballot, cancellationToken))
        {
            var again = await box.OpenAsync(form["Code"], context.Connection.RemoteIpAddress, cancellationToken);
            return Refused(again.Used ? IndexModel.UsedCode : IndexModel.InvalidCode, nameof(IndexModel.Code));
        }

        return Done(progress, ballot);
    }

    private static IResult Done(BallotProgressPush progress, Ballot ballot)
    {
        progress.Notify(ballot.MeetingId);
        return Results.Json(new { done = true });
    }

    private static Ballot? TryCast(OpenCode code, Dictionary<Guid, string?> grades)
    {
        try
        {
            return code.Cast(grades);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>
    /// The chosen grade of each reporter field (<c>Grades[{reporter id}]</c>); an empty one is an abstention. A field
    /// that names no reporter, or that comes twice, is kept under an id no meeting has, so the domain refuses the ballot.
    /// </summary>
    private static Dictionary<Guid, string?> Grades(IFormCollection form)
    {
        var grades = new Dictionary<Guid, string?>();
        foreach (var (name, values) in form)
        {
            if (!name.StartsWith(GradePrefix, StringComparison.Ordinal) || !name.EndsWith(']'))
            {
                continue;
            }

            var valid = Guid.TryParse(name.AsSpan(GradePrefix.Length, name.Length - GradePrefix.Length - 1), out var reporter) && values.Count == 1;
            var grade = Single(values);
            if (!valid)
            {
                grades[Guid.Empty] = grade ?? "";
            }
            else if (!string.IsNullOrEmpty(grade))
            {
                grades[reporter] = grade;
            }
        }

        return grades;
    }

    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static IResult Refused(string message, string? field = null) =>
        Results.Json(new { error = message, field }, statusCode: StatusCodes.Status400BadRequest);
}
