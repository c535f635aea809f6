"""StreamField blocks of a simple page: text, sub-headings and a notice set apart."""

from wagtail import blocks

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class TextBlock(blocks.RichTextBlock):
    """Running text with bold, italic, links and lists."""

    def __init__(self, **kwargs):
        super().__init__(features=TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"
        template = "pages/blocks/text.html"
        description = "Un ou plusieurs paragraphes, avec gras, italique, liens et listes."
        preview_value = "<p>Ce site est édité par la société qui publie la rédaction.</p>"


class SubheadingBlock(blocks.CharBlock):
    """A sub-heading (h2): it also feeds the page's table of contents."""

    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "pages/blocks/subheading.html"
        description = "Un intertitre (h2) qui découpe la page en parties."
        preview_value = "Éditeur du site"

    def toc_entry(self, raw: str) -> tuple[str, int]:
        """(text, level) for the page's « Sommaire » (newsroom/outline.py)."""
        return raw or "", 2


class NoticeBlock(blocks.StructBlock):
    """A boxed notice: a placeholder to fill in, or a point readers must not miss."""

    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.RichTextBlock(label="Texte", features=TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Encadré"
        template = "pages/blocks/notice.html"
        description = "Un encadré mis en valeur (information à compléter, point important)."
        preview_value = {"title": "À compléter", "text": "<p>Numéro RCS de la société éditrice.</p>"}


class LegalInformationBlock(blocks.StaticBlock):
    """The publisher, director of publication, host and contact from « Paramètres › Informations légales »."""

    class Meta:
        icon = "doc-full"
        label = "Informations légales"
        template = "pages/blocks/legal_information.html"
        admin_text = (
            "Affiche l’éditeur, le directeur de la publication, l’hébergeur et le contact saisis dans Paramètres › Informations légales."
        )
        description = "Les informations de Paramètres › Informations légales (éditeur, directeur de la publication, hébergeur)."


class SimplePageBodyBlock(blocks.StreamBlock):
    """The body of a simple page."""

    text = TextBlock()
    subheading = SubheadingBlock()
    notice = NoticeBlock()
    legal_information = LegalInformationBlock()
