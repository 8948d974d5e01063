using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ReviewMeetings.Web.Infrastructure;

/// <summary>Every word a user sees is Simplified Chinese, including the framework's own validation messages.</summary>
internal static class LocalizationSetup
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    public static void UseChineseMessages(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是有效的{field}。");
        messages.SetMissingBindRequiredValueAccessor(field => $"请填写{field}。");
        messages.SetMissingKeyOrValueAccessor(() => "请填写此项。");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效。");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "输入的值无效。");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "请输入数字。");
        messages.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效。");
        messages.SetValueIsInvalidAccessor(value => $"“{value}”无效。");
        messages.SetValueMustBeANumberAccessor(field => $"{field}必须是数字。");
        messages.SetValueMustNotBeNullAccessor(value => $"请填写此项。");
        options.ModelMetadataDetailsProviders.Add(new ChineseValidationMessages());
    }

    public static WebApplication UseAppLocalization(this WebApplication app)
    {
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        return app;
    }

    /// <summary>Gives DataAnnotations attributes a Chinese message unless the attribute sets its own.</summary>
    private sealed class ChineseValidationMessages : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            // A non-nullable value type (a bool checkbox, an int) is implicitly required, and without an attribute of its
            // own the client-side adapter makes one with the framework's English text ("The … field is required.").
            var type = context.Key.ModelType;
            if (context.Key.MetadataKind == ModelMetadataKind.Property && type.IsValueType && Nullable.GetUnderlyingType(type) is null
                && !context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().Any())
            {
                context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute { ErrorMessage = "请填写{0}。" });
            }

            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null)
                {
                    continue;
                }

                attribute.ErrorMessage = attribute switch
                {
                    RequiredAttribute => "请填写{0}。",
                    StringLengthAttribute { MinimumLength: > 0 } => "{0}的长度应为{2}到{1}个字符。",
                    StringLengthAttribute => "{0}不能超过{1}个字符。",
                    MaxLengthAttribute => "{0}不能超过{1}个字符。",
                    MinLengthAttribute => "{0}不能少于{1}个字符。",
                    RangeAttribute => "{0}必须在{1}到{2}之间。",
                    CompareAttribute => "{0}与{1}不一致。",
                    EmailAddressAttribute => "{0}不是有效的电子邮箱地址。",
                    PhoneAttribute => "{0}不是有效的电话号码。",
                    RegularExpressionAttribute => "{0}的格式不正确。",
                    _ => "{0}无效。",
                };
            }
        }
    }
}
