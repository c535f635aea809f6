"""Every image upload goes through `SafeImageForm` (settings: WAGTAILIMAGES_IMAGE_FORM_BASE).

Wagtail already refuses unknown extensions, a content that does not match its extension, files
over WAGTAILIMAGES_MAX_UPLOAD_SIZE and images over WAGTAILIMAGES_MAX_IMAGE_PIXELS. This form says
so in plain French and adds what it leaves out: a full decode (truncated or corrupt files), markup
hidden inside an image, a cap on animation frames, a safe stored file name, the French refusal of
a request too large to be read (newsroom.uploads.CappedUploadHandler), and PNG, JPEG or WebP only
for partner logos. A refused upload stores nothing: the form is invalid before the image row or its
file are saved.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image as PILImage

from newsroom.uploads import (
    HIDDEN_MARKUP,
    MAX_FRAMES,
    count_frames,
    hides_another_format,
    metadata_has_script,
    refuse_if_too_large,
    safe_file_name,
)

PARTNER_COLLECTION = "Partenaires"
LOGO_FORMATS = {"png", "jpeg", "webp"}


class SafeWagtailImageField(WagtailImageField):
    """Wagtail's image field, but a file Pillow cannot even measure is a form error, not a crash.

    Wagtail 8.0.1 lets the OSError of a truncated PNG escape from its pixel count (a 500 page).
    """

    def to_python(self, data):
        refuse_if_too_large(data, self.max_upload_size)
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # any other failure means an image nobody can read
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error

    def check_image_pixel_size(self, f):
        """Wagtail caps width × height × frames; a tiny animation with thousands of frames is refused too."""
        super().check_image_pixel_size(f)
        if f.image.format_name not in {"gif", "webp"}:
            return
        # Willow counts one frame for some animations, so the frames are counted here, up to the cap.
        frames = count_frames(f)
        if frames > MAX_FRAMES:
            raise ValidationError(
                f"Cette animation compte trop d’images (plus de {MAX_FRAMES}) pour être traitée sans risque.",
                code="too_many_frames",
            )
        width, height = f.image.get_size()
        if self.max_image_pixels and width * height * frames > self.max_image_pixels:
            raise ValidationError(
                f"Cette animation compte trop de pixels ({width} × {height} × {frames} images) pour être traitée "
                f"sans risque. Maximum : {self.max_image_pixels} pixels.",
                code="file_too_many_pixels",
            )


class SafeImageForm(BaseImageForm):
    """The base of Wagtail's image add, edit and multiple-upload forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:  # the multiple uploader's edit form has no file field
            return
        if type(field) is WagtailImageField:
            field.__class__ = SafeWagtailImageField
        allowed = ", ".join(ext.upper() for ext in field.allowed_image_extensions if ext != "jpg")
        field.error_messages.update(
            {
                "empty": "Le fichier envoyé est vide : choisissez à nouveau l’image.",
                "invalid_image": "Ce fichier n’est pas une image lisible. Envoyez une image PNG, JPEG ou WebP.",
                "invalid_image_extension": (
                    f"Ce type de fichier est refusé. Formats acceptés : {allowed}. "
                    "Les fichiers SVG ne sont pas acceptés, car ils peuvent contenir du code : exportez le logo en PNG."
                ),
                "invalid_image_known_format": (
                    "Le contenu de ce fichier ne correspond pas à son extension .%(extension)s "
                    "(c’est en réalité une image %(image_format)s). Renommez-le ou exportez-le à nouveau."
                ),
                "file_too_large": "Ce fichier est trop lourd (%(file_size)s). Taille maximale : %(max_filesize)s.",
                "file_too_large_unknown_size": f"Ce fichier est trop lourd. Taille maximale : {filesizeformat(field.max_upload_size or 0)}.",
                "file_too_many_pixels": (
                    "Cette image compte trop de pixels (%(num_pixels)s) pour être traitée sans risque. "
                    "Maximum : %(max_pixels_count)s pixels ; réduisez-la avant de l’envoyer."
                ),
            }
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload carries `.image` (set by WagtailImageField); an unchanged file is trusted.
        if upload is not None and hasattr(upload, "image"):
            data = _read(upload)
            if HIDDEN_MARKUP.search(data):
                raise ValidationError(
                    "Ce fichier contient du code (HTML, script ou SVG) caché dans l’image : il est refusé.", code="hidden_markup"
                )
            if hides_another_format(data):
                raise ValidationError(
                    "Ce fichier cache une archive ZIP ou un PDF derrière l’image : il est refusé. Exportez l’image à nouveau.",
                    code="polyglot",
                )
            _decode_fully(upload)
            if metadata_has_script(upload):
                raise ValidationError(
                    "Les métadonnées de cette image (commentaire, texte) contiennent du code : elle est refusée.",
                    code="hidden_script",
                )
            upload.name = safe_file_name(upload.name, fallback="image")
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        # With a single permitted collection (sales: « Partenaires »), Wagtail hides the field.
        collection = cleaned.get("collection") or (self.collections[0] if len(self.collections) == 1 else None)
        is_new_logo = upload is not None and hasattr(upload, "image") and collection is not None and collection.name == PARTNER_COLLECTION
        if is_new_logo and upload.image.format_name not in LOGO_FORMATS:
            self.add_error("file", "Un logo de partenaire doit être une image PNG, JPEG ou WebP.")
        return cleaned


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _decode_fully(upload) -> None:
    """Decode the whole image: a truncated or corrupt file fails here rather than in a reader's page."""
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image.verify()
        upload.seek(0)
        with PILImage.open(upload) as image:
            # JPEG decodes at a reduced scale: enough to reach the end of the data, a fraction of the memory.
            image.draft("RGB", (512, 512))
            image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError("Cette image compte trop de pixels pour être traitée sans risque.", code="file_too_many_pixels") from None
    except Exception as error:  # Pillow raises many kinds of errors on broken files
        raise ValidationError("Cette image est endommagée ou incomplète : exportez-la à nouveau.", code="corrupt_image") from error
    finally:
        upload.seek(0)
