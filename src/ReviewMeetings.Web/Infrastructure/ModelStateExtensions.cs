using Microsoft.AspNetCore.Mvc.ModelBinding;
using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Shows a broken domain rule next to the field it is about, or at the top of the form.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException exception, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        var key = exception.Field is null ? "" : prefix.Length == 0 ? exception.Field : $"{prefix}.{exception.Field}";
        modelState.AddModelError(key, exception.Message);
    }
}
