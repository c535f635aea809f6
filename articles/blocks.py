"""StreamField blocks of an article body. Each declares an icon, a template and an admin preview."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from partners.blocks import PartnerStripBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript", "strikethrough"]


class ParagraphBlock(blocks.RichTextBlock):
    """Running text: bold, italic, links and lists; sub-headings are a block of their own."""

    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"
        template = "blocks/paragraph.html"
        description = "Un ou plusieurs paragraphes de texte courant, avec gras, italique, liens et listes."
        preview_value = (
            "<p>Depuis la fin de 2024, le groupe a multiplié les discussions avec de jeunes pousses de "
            "l’IA générative, sans qu’aucune n’aboutisse.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    """An intertitre: h2 for a section of the article, h3 inside it."""

    text = blocks.CharBlock(label="Texte", max_length=160)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Intertitre (h2)"), ("h3", "Sous-intertitre (h3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "blocks/heading.html"
        description = "Un intertitre qui découpe l’article en parties (h2) ou sous-parties (h3)."
        preview_value = {"text": "Des acquisitions avortées", "level": "h2"}

    def toc_entry(self, raw: dict) -> tuple[str, int]:
        """(text, level) for the article's « Sommaire » (newsroom/outline.py)."""
        raw = raw or {}
        return raw.get("text") or "", 3 if raw.get("level") == "h3" else 2


class QuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    quote = blocks.TextBlock(label="Citation", max_length=1000)
    attribution = blocks.CharBlock(label="Attribution", required=False, max_length=200, help_text="Qui parle, et à quel titre.")

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote.html"
        description = "Une citation mise en valeur, avec son auteur."
        preview_value = {
            "quote": "Les meilleurs chercheurs du domaine se comptent sur les doigts de quelques mains.",
            "attribution": "Une responsable du recrutement d’un laboratoire d’IA",
        }


class FigureBlock(blocks.StructBlock):
    """An image in the body, with a mandatory text alternative, a caption and a credit."""

    image = ImageChooserBlock(label="Image")
    alt = blocks.CharBlock(
        label="Texte alternatif",
        max_length=250,
        help_text="Décrit l’image pour qui ne la voit pas (lecteurs d’écran). Obligatoire.",
    )
    caption = blocks.CharBlock(label="Légende", required=False, max_length=300)
    credit = blocks.CharBlock(label="Crédit", required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/figure.html"
        description = "Une image avec texte alternatif, légende et crédit."
        preview_value = {"alt": "", "caption": "Légende de l’image", "credit": "Photo : Newsroom"}

    def get_preview_value(self):
        """Preview with the newest image of the library, when there is one."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python({**self.meta.preview_value, "image": image.pk if image else None, "alt": image.title if image else ""})


class EmbedFigureBlock(blocks.StructBlock):
    """A video or post from an oEmbed provider (YouTube, Vimeo…), with a caption."""

    embed = EmbedBlock(label="Adresse du contenu", help_text="Par exemple une adresse YouTube ou Vimeo.")
    caption = blocks.CharBlock(label="Légende", required=False, max_length=300)

    class Meta:
        icon = "media"
        label = "Contenu intégré"
        template = "blocks/embed.html"
        description = "Une vidéo ou une publication intégrée depuis YouTube, Vimeo ou un autre service oEmbed."
        preview_value = {"caption": "Une vidéo intégrée"}


class ReadAlsoValue(blocks.StructValue):
    """Template logic for « Lire aussi »: the label to show and the live target only."""

    @cached_property
    def target(self):
        """The linked article, or None once it is unpublished: a dead link is never shown."""
        page = self.get("article")
        return page if page is not None and page.live else None

    @cached_property
    def display_title(self):
        return self.get("label") or (self.target.title if self.target else "")


class ReadAlsoBlock(blocks.StructBlock):
    """« Lire aussi »: a link to another of our articles, set in the flow of the text."""

    article = blocks.PageChooserBlock(label="Article", page_type="articles.ArticlePage")
    label = blocks.CharBlock(label="Texte du lien", required=False, max_length=200, help_text="Par défaut, le titre de l’article.")

    class Meta:
        icon = "link"
        label = "Lire aussi"
        template = "blocks/read_also.html"
        value_class = ReadAlsoValue
        description = "Un lien « Lire aussi » vers un autre article du site."
        preview_value = {"label": ""}

    def get_preview_value(self):
        """Preview with the newest published article, when there is one."""
        from articles.models import ArticlePage

        article = ArticlePage.objects.live().order_by("-first_published_at").first()
        return self.to_python({"article": article.pk if article else None, "label": ""})


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    embed = EmbedFigureBlock()
    read_also = ReadAlsoBlock()
    partner_strip = PartnerStripBlock()

    def clean(self, value):
        value = super().clean(value)
        headings = [child.value for child in value if child.block_type == "heading"]
        if headings and headings[0]["level"] == "h3":
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError("Le premier intertitre doit être de niveau h2 : un h3 ne peut venir qu’après un h2.")
            )
        return value
