"""Every document upload goes through `SafeDocumentForm` (settings: WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS) when the model is validated, and the size.
This form says it in French and first compares the content with the extension
(newsroom.uploads.check_document): no web page or SVG disguised as a document, no ZIP bomb, no PDF
with actions. A refused upload stores nothing: the form is invalid before the row or file is saved.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm

from newsroom.uploads import check_document, refuse_if_too_large, safe_file_name


class SafeDocumentForm(BaseDocumentForm):
    """The base of Wagtail's document add, edit and multiple-upload forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        allowed = ", ".join(ext.upper() for ext in settings.WAGTAILDOCS_EXTENSIONS)
        field.error_messages.update(
            {
                "empty": "Le fichier envoyé est vide : choisissez à nouveau le document.",
                "file_too_large": "Ce fichier est trop lourd (%(file_size)s). Taille maximale : %(max_filesize)s.",
                "file_too_large_unknown_size": (
                    f"Ce fichier est trop lourd. Taille maximale : {filesizeformat(field.max_upload_size or 0)}."
                ),
            }
        )
        self.allowed_text = allowed

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file (edit form without a new upload) is the stored one: trusted.
        if upload is None or "file" not in self.changed_data:
            return upload
        refuse_if_too_large(upload, self.fields["file"].max_upload_size)
        extension = os.path.splitext(upload.name)[1][1:].lower()
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise ValidationError(f"Ce type de document est refusé. Formats acceptés : {self.allowed_text}.", code="invalid_extension")
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        check_document(extension, data)
        upload.name = safe_file_name(upload.name, fallback="document")
        return upload
