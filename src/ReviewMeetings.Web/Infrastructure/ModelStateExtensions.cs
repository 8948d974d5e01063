using Microsoft.AspNetCore.Mvc.ModelBinding;
using ReviewMeetings.Domain.Common;

namespace ReviewMeetings.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>Shows each broken domain rule next to the field it is about, or at the top of the form.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException exception, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(exception);
        modelState.AddDomainErrors(exception.Errors, prefix);
    }

    /// <summary>
    /// Adds broken domain rules to the form; a field that already has an error (e.g. it did not parse) keeps only
    /// that one, so each field shows one message.
    /// </summary>
    public static void AddDomainErrors(this ModelStateDictionary modelState, IEnumerable<DomainError> errors, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var key = error.Field is null ? "" : prefix.Length == 0 ? error.Field : $"{prefix}.{error.Field}";
            if (key.Length == 0 || modelState[key] is not { Errors.Count: > 0 })
            {
                modelState.AddModelError(key, error.Message);
            }
        }
    }
}
