"""portal.uploads.check_upload: the first bytes decide what a file is, never its name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.uploads import check_upload
from tests.factories import html_pretending_to_be_png, png_upload


def image_bytes(fmt, size=(32, 32)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(file):
    with pytest.raises(ValidationError) as error:
        check_upload(file)
    return error.value.code


class AcceptedUploadTests:
    def test_png(self):
        checked = check_upload(png_upload())
        assert (checked.content_type, checked.extension) == ("image/png", "png")

    def test_jpeg_whatever_its_name(self):
        checked = check_upload(upload("photo.txt", image_bytes("JPEG")))
        assert (checked.content_type, checked.extension) == ("image/jpeg", "jpg")

    def test_pdf(self):
        data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        assert check_upload(upload("invoice.pdf", data)).content_type == "application/pdf"

    @pytest.mark.parametrize(
        "text",
        ["Order 1234 arrived broken.\n", "name,qty\nlamp,2\n", "Grüße aus Köln – “quoted” ✓\n", "a < b and c > d\n"],
    )
    def test_plain_text_and_csv(self, text):
        checked = check_upload(upload("notes.txt", text.encode()))
        assert (checked.content_type, checked.extension) == ("text/plain", "txt")

    def test_size_and_checksum_describe_the_file(self):
        data = b"hello\n"
        checked = check_upload(upload("hello.txt", data))
        assert checked.size == 6
        assert checked.checksum == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"

    def test_the_file_is_rewound_for_saving(self):
        file = png_upload()
        check_upload(file)
        assert file.tell() == 0


class RefusedUploadTests:
    def test_html_named_png(self):
        assert refusal(html_pretending_to_be_png()) == "type"

    def test_svg_named_png(self):
        svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        assert refusal(upload("logo.png", svg, "image/png")) == "type"

    def test_svg_without_an_xml_declaration(self):
        assert refusal(upload("logo.png", b'\n  <svg onload="alert(1)"></svg>')) == "type"

    def test_text_with_a_script_near_the_start(self):
        assert refusal(upload("notes.txt", b"Hello,\n<script>alert(document.cookie)</script>\n")) == "type"

    def test_text_with_a_script_past_the_sniffed_head(self):
        data = b"harmless line\n" * 400 + b"<SCRIPT src=//evil.example/x.js></SCRIPT>\n"
        assert len(data) > 4096
        assert refusal(upload("notes.txt", data)) == "markup"

    def test_empty(self):
        assert refusal(upload("empty.txt", b"")) == "empty"

    def test_too_big(self, settings):
        settings.ATTACHMENT_MAX_BYTES = 100
        assert refusal(upload("notes.txt", b"x" * 101)) == "too_big"
        assert check_upload(upload("notes.txt", b"x" * 100)).size == 100

    def test_truncated_png(self):
        data = image_bytes("PNG")
        assert refusal(upload("cut.png", data[: len(data) // 2])) == "broken_image"

    def test_png_header_on_garbage(self):
        assert refusal(upload("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20)) == "broken_image"

    @pytest.mark.parametrize(
        "data",
        [b"MZ\x90\x00\x03\x00\x00\x00", b"PK\x03\x04\x14\x00\x00\x00", b"\x7fELF\x02\x01\x01\x00\x00"],
        ids=["exe", "zip", "elf"],
    )
    def test_binaries(self, data):
        assert refusal(upload("report.txt", data + b"\x00" * 64)) == "type"
