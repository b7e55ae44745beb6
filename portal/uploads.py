"""Checks for files people attach to tickets and tasks: size, and type judged by content.

The uploader's file name and declared content type are never trusted: the first bytes decide.
Images must also open with Pillow, and text must be UTF-8 that does not look like markup, so
an HTML or SVG file renamed to ``.png`` or ``.txt`` is refused.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_TYPES_TEXT = "PNG, JPEG, GIF or WebP images, PDF documents, and plain text or CSV files"

_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"%PDF-", "application/pdf", "pdf"),
]
_MARKUP_HINTS = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<body", b"<iframe", b"<head")


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    size: int
    checksum: str


def check_upload(upload) -> CheckedUpload:
    """Return what the file really is, or raise ``ValidationError`` with a message for the user."""
    name = getattr(upload, "name", "file")
    size = upload.size
    limit = settings.ATTACHMENT_MAX_BYTES
    if size == 0:
        raise ValidationError(f"“{name}” is empty.", code="empty")
    if size > limit:
        raise ValidationError(
            f"“{name}” is {filesizeformat(size)}; files may be at most {filesizeformat(limit)}.", code="too_big"
        )
    upload.seek(0)
    head = upload.read(2048)
    content_type, extension = _sniff(head)
    if content_type is None:
        raise ValidationError(
            f"“{name}” is not a type we accept. Please attach {ALLOWED_TYPES_TEXT}.", code="type"
        )
    if content_type.startswith("image/"):
        _verify_image(upload, name)
    elif content_type == "text/plain":
        _verify_text(upload, name)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(content_type=content_type, extension=extension, size=size, checksum=digest.hexdigest())


def _sniff(head: bytes):
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(hint in stripped for hint in _MARKUP_HINTS) or stripped.startswith(b"<"):
        return None, None
    if b"\x00" in head:
        return None, None
    try:
        # The 2 KB sample may cut a multi-byte character in half.
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return None, None
    return "text/plain", "txt"


def _verify_image(upload, name):
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"“{name}” looks like an image but cannot be read.", code="broken_image") from None


def _verify_text(upload, name):
    upload.seek(0)
    data = b"".join(upload.chunks())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            f"“{name}” is not a type we accept. Please attach {ALLOWED_TYPES_TEXT}.", code="type"
        ) from None
    lowered = text.lower().encode()
    if any(hint in lowered for hint in _MARKUP_HINTS):
        raise ValidationError(f"“{name}” contains HTML or other markup, which we do not accept.", code="markup")


def private_storage():
    """Where attachments live: outside MEDIA_ROOT, reachable only through permission-checked views."""
    return storages["private"]


def attachment_response(attachment) -> FileResponse:
    """Send a stored attachment as a download that a browser will never render as a page of this site."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("No such file") from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files and cleans to a list (empty when none were chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in files if item]
        limit = settings.SUPPORT_MAX_ATTACHMENTS_PER_MESSAGE
        if len(cleaned) > limit:
            raise ValidationError(f"Attach at most {limit} files at a time.", code="too_many")
        return cleaned
