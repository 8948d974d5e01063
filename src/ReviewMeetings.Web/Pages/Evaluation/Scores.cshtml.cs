using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReviewMeetings.Domain.Accounts;
using ReviewMeetings.Domain.Common;
using ReviewMeetings.Domain.Evaluation;
using ReviewMeetings.Domain.Meetings;
using ReviewMeetings.Web.Data;
using ReviewMeetings.Web.Infrastructure;
using ReviewMeetings.Web.Pages.Meetings;

namespace ReviewMeetings.Web.Pages.Evaluation;

/// <summary>
/// The other parts of the composite score (e.g. 日常考核), entered by staff per reporter on a 0–100 scale and
/// combined with the democratic evaluation on the results page with the weights of the meeting's rules.
/// </summary>
[Authorize(Roles = RoleNames.MeetingStaff)]
public sealed class ScoresModel(MeetingAccess access, AppDbContext db, Saver saver) : PageModel
{
    public const string ConflictMessage = "保存失败：得分刚被他人修改过。下方仍是您填写的内容，请核对后再次保存。";

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<Reporter> Reporters { get; private set; } = [];

    /// <summary>The composite parts staff enter: every part but the evaluation itself.</summary>
    public IReadOnlyList<CompositePart> Parts { get; private set; } = [];

    /// <summary>Scores as typed, keyed by <see cref="Key"/>.</summary>
    [BindProperty]
    public Dictionary<string, string?> Scores { get; set; } = [];

    /// <summary>The sheet's xmin when the form was shown; 0 before anything was saved.</summary>
    [BindProperty]
    public uint Version { get; set; }

    public bool Editable => !Meeting.ResultsPublic;

    public static string Key(Guid reporterId, string partKey) => $"{reporterId:N}:{partKey}";

    public static string FieldOf(Guid reporterId, string partKey) => $"Scores[{Key(reporterId, partKey)}]";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var sheet = await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.MeetingId == id, cancellationToken);
        Version = sheet?.Version ?? 0;
        Scores = (sheet?.Scores ?? []).ToDictionary(
            s => Key(s.ReporterId, s.PartKey), s => (string?)s.Score.ToString("0.##", CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var scores = new Dictionary<(Guid Reporter, string PartKey), decimal?>();
        foreach (var reporter in Reporters)
        {
            foreach (var part in Parts)
            {
                var field = FieldOf(reporter.Id, part.Key);
                try
                {
                    scores[(reporter.Id, part.Key)] = ScoreSheet.Parse(Scores.GetValueOrDefault(Key(reporter.Id, part.Key)), field);
                }
                catch (DomainException ex)
                {
                    ModelState.AddModelError(field, ex.Message);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.MeetingId == id, cancellationToken);
        if (sheet is null)
        {
            sheet = ScoreSheet.Create(id);
            db.ScoreSheets.Add(sheet);
        }
        else
        {
            // Version 0 against a stored sheet means someone saved first while this form was open: a conflict as well.
            db.Entry(sheet).Property(s => s.Version).OriginalValue = Version;
        }

        if (await saver.TrySaveAsync(ModelState, new SaveMessages(ConflictMessage) { Rule = RuleErrors.Form }, () =>
        {
            sheet.Record(Meeting.Status, scores, Reporters.Select(r => r.Id).ToList(), Meeting.EffectiveEvaluationRules);
        }, cancellationToken))
        {
            TempData["Message"] = "得分已保存。";
            return RedirectToPage(new { id });
        }

        db.ChangeTracker.Clear();
        ModelState.Remove(nameof(Version));
        Version = (await db.ScoreSheets.AsNoTracking().Where(s => s.MeetingId == id).Select(s => (uint?)s.Version).SingleOrDefaultAsync(cancellationToken)) ?? 0;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await (await access.ManageableAsync(cancellationToken))
            .Include(m => m.Reporters).Include(m => m.Attendance).AsSplitQuery().AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        Meeting = meeting;
        Reporters = meeting.InBallotOrder().ToList();
        Parts = meeting.EffectiveEvaluationRules.CompositeParts.Where(p => p.Key != CompositePart.EvaluationKey).ToList();
        return true;
    }
}
