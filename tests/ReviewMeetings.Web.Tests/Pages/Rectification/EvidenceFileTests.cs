using ReviewMeetings.Web.Pages.Rectification;
using ReviewMeetings.Web.Pages.Reports;
using ReviewMeetings.Web.Tests.Builders;

namespace ReviewMeetings.Web.Tests.Pages.Rectification;

/// <summary>Evidence is judged by its bytes: documents as for reports, images by signature and a readable header.</summary>
public sealed class EvidenceFileTests
{
    private const long Limit = 10 * 1024 * 1024;

    /// <summary>SOI, an APP0 segment, then a baseline frame header (SOF0) for a 640×480 image.</summary>
    private static byte[] Jpeg(ushort width, ushort height) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
        0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xD9,
    ];

    [Fact]
    public void Real_png_is_accepted_whatever_it_is_called()
    {
        var (name, type) = EvidenceFile.Inspect("现场照片.pdf", TestDocuments.RealPng(), Limit);

        Assert.Equal("image/png", type);
        Assert.Equal("现场照片.png", name);
    }

    [Fact]
    public void Jpeg_with_a_frame_header_is_accepted()
    {
        var (name, type) = EvidenceFile.Inspect("IMG_0001.JPG", Jpeg(640, 480), Limit);

        Assert.Equal("image/jpeg", type);
        Assert.Equal("IMG_0001.jpg", name);
    }

    [Fact]
    public void Png_signature_without_an_image_header_is_refused()
    {
        var error = Assert.Throws<UploadRejectedException>(() => EvidenceFile.Inspect("照片.png", TestDocuments.Png(), Limit));

        Assert.Equal("PNG图片已损坏，无法打开。", error.Message);
    }

    [Fact]
    public void Jpeg_claiming_gigantic_dimensions_is_refused()
    {
        var error = Assert.Throws<UploadRejectedException>(() => EvidenceFile.Inspect("照片.jpg", Jpeg(60000, 60000), Limit));

        Assert.Equal("图片尺寸异常（过大或为零），请调整后再上传。", error.Message);
    }

    [Fact]
    public void Executable_named_png_is_refused_and_documents_still_pass()
    {
        var error = Assert.Throws<UploadRejectedException>(() => EvidenceFile.Inspect("照片.png", TestDocuments.Executable(), Limit));
        Assert.StartsWith("佐证材料只接受PDF、Word（.docx）、JPEG或PNG文件", error.Message, StringComparison.Ordinal);
        Assert.Equal(UploadRejection.UnknownFormat, error.Reason);
        Assert.Equal(UploadRejection.UnknownFormat, Assert.Throws<UploadRejectedException>(() => UploadedDocument.Inspect("照片.png", TestDocuments.Executable(), Limit)).Reason);

        Assert.Equal(UploadedDocument.PdfType, EvidenceFile.Inspect("整改报告.pdf", TestDocuments.Pdf(), Limit).ContentType);
        Assert.Equal("整改台账.docx", EvidenceFile.Inspect("整改台账.docx", TestDocuments.Docx("整改台账", "已完成。"), Limit).FileName);
    }

    [Fact]
    public void A_damaged_document_is_refused_with_its_own_message_not_the_list_of_formats()
    {
        var error = Assert.Throws<UploadRejectedException>(() => EvidenceFile.Inspect("整改报告.docx", "PK\u0003\u0004broken"u8.ToArray(), Limit));

        Assert.Equal(UploadRejection.Invalid, error.Reason);
        Assert.DoesNotContain("只接受", error.Message, StringComparison.Ordinal);
    }
}
