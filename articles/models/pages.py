"""The page tree: one HomePage per site, SectionPage (rubriques) under it, ArticlePage under those."""

import logging
import math
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from taggit.models import Tag, TaggedItemBase

from articles.blocks import ArticleBodyBlock
from articles.body_text import body_texts
from articles.forms import ArticlePageForm
from articles.panels import EntitySuggestionsPanel, PublishingChecklistPanel
from entities.public_paths import ENTITY_PREFIX
from newsroom.colours import validate_dark_theme_colour, validate_light_theme_colour
from newsroom.field_permissions import FieldPermissionsMixin
from newsroom.reserved_paths import ReservedSlugMixin, ReservedSlugPageForm
from newsroom.restrictions import ViewRestrictionsMixin
from newsroom.routing import find_live_page

# French readers of news read about 230 words a minute.
WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+", re.UNICODE)
logger = logging.getLogger("articles.checklist")


class HomePage(ViewRestrictionsMixin, RoutablePageMixin, Page):
    """The front page: the lead story, then the latest articles. Also serves author and tag pages."""

    lead_article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name="article à la une",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Laissez vide pour mettre à la une l’article publié le plus récemment.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead_article"),
        MultipleChooserPanel(
            "secondary_slots",
            chooser_field_name="article",
            heading="Articles secondaires",
            label="Article secondaire",
            max_num=4,
            help_text="De 2 à 4 articles sous la une. Laissez vide pour les plus récents.",
        ),
    ]

    # Any page type that names the home page among its parent_page_types may live under it.
    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: rubriques and any page type that allows itself here (a « Page simple »
    # for the legal pages) may sit under the home page; each child type says where it belongs.
    max_count = 1

    class Meta:
        verbose_name = "page d’accueil"
        verbose_name_plural = "pages d’accueil"

    def route(self, request, path_components):
        """Wagtail's routing, one query for any page one or two levels down instead of two per level.

        The author, tag and entity routes come first, as with RoutablePageMixin. A page under the
        home page, or under one of its children (a rubrique's article, or any other page type), is
        then loaded by its tree path (the children's paths are in the cached chrome) as its specific
        type with its view-restriction state (newsroom/routing.py), or not found; a first segment
        that is no known child goes through Wagtail's own walk.
        """
        if not self.live or not path_components or len(path_components) > 2:
            return super().route(request, path_components)
        try:
            view, args, kwargs = match = self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            pass
        else:
            request.routable_resolver_match = match
            return RouteResult(self, args=(view, args, kwargs))
        from articles.chrome import load_chrome

        child_path = load_chrome(request).child_paths.get(path_components[0])
        if child_path is None or not child_path.startswith(self.path):
            return super().route(request, path_components)
        page = find_live_page(self, path_components, child_path=child_path)
        if page is None:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        from articles import selectors

        context = super().get_context(request, *args, **kwargs)
        # Author and tag routes render through this method too: they bring their own listing.
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":
            from articles.chrome import load_chrome
            from articles.structured_data import website_json_ld

            chrome = load_chrome(request)
            context.update(selectors.home_listing(home=self, page_number=request.GET.get("page"), sections=chrome.sections))
            identity = chrome.identity
            context["website_json_ld"] = website_json_ld(
                base_url=f"{request.scheme}://{request.get_host()}", name=identity.name, description=identity.description
            )
        return context

    @path("auteurs/<slug:slug>/", name="author")
    def author_view(self, request, slug):
        """Everything an author signed, newest first."""
        from articles import selectors
        from articles.models import Author

        author = Author.objects.select_related("photo").filter(slug=slug).first()
        if author is None:
            raise Http404("Auteur inconnu")
        context = selectors.author_listing(author=author, page_number=request.GET.get("page"))
        return self.render(request, context_overrides={"author": author, **context}, template="articles/author_page.html")

    @path(f"{ENTITY_PREFIX}/", name="entity_index")
    def entity_index_view(self, request):
        """Every organisation and person we write about, by kind and initial."""
        from articles import entity_pages

        context = entity_pages.entity_index(
            kind=request.GET.get("type"), initial=request.GET.get("lettre"), page_number=request.GET.get("page")
        )
        return self.render(request, context_overrides=context, template="articles/entity_index_page.html")

    @path(f"{ENTITY_PREFIX}/<slug:slug>/", name="entity")
    def entity_view(self, request, slug):
        """An entity's page: profile, relations, deals and the articles about it."""
        from articles import entity_pages
        from articles.structured_data import entity_json_ld

        entity = entity_pages.live_entities().select_related("image").filter(slug=slug).first()
        if entity is None:
            raise Http404("Entité inconnue")
        context = entity_pages.entity_detail(
            entity=entity, page_number=request.GET.get("page"), whole_group=request.GET.get("groupe") == "tout"
        )
        base_url = f"{request.scheme}://{request.get_host()}"
        image = context["entity_image"]
        context["json_ld"] = entity_json_ld(
            entity, base_url, roles=context["roles"], image_url=image.url if image else None, group=context["group"]
        )
        return self.render(request, context_overrides={"entity": entity, **context}, template="articles/entity_page.html")

    @path("tags/<slug:slug>/", name="tag")
    def tag_view(self, request, slug):
        """Every article carrying a tag, newest first."""
        from articles import selectors

        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("Mot-clé inconnu")
        context = selectors.tag_listing(tag=tag, page_number=request.GET.get("page"))
        return self.render(request, context_overrides={"tag": tag, **context}, template="articles/tag_page.html")


class HomeSecondarySlot(Orderable):
    """A story the rédaction en chef places under the lead, in order."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="secondary_slots")
    article = models.ForeignKey(
        "articles.ArticlePage", verbose_name="article", on_delete=models.CASCADE, related_name="home_secondary_slots"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = "article secondaire"
        verbose_name_plural = "articles secondaires"


class SectionPage(ReservedSlugMixin, ViewRestrictionsMixin, Page):
    """A rubrique (Actualités, Business…): its articles, newest first, paginated.

    Its slug can never be a fixed route of the site (`recherche`, `flux`…): see
    newsroom/reserved_paths.py."""

    intro = models.TextField("présentation", blank=True, max_length=500)
    # One colour per theme: no single colour is AA on both white and the dark paper (newsroom/colours.py).
    # Served by the /rubriques.css stylesheet (articles/section_colours.py), never inline (strict CSP).
    colour_light = models.CharField(
        "couleur (thème clair)",
        max_length=7,
        blank=True,
        validators=[validate_light_theme_colour],
        help_text="Facultatif, « #rrvvbb », lisible sur fond clair (contraste 4,5:1). Vide : la teinte par défaut.",
    )
    colour_dark = models.CharField(
        "couleur (thème sombre)",
        max_length=7,
        blank=True,
        validators=[validate_dark_theme_colour],
        help_text="« #rrvvbb », lisible sur fond sombre (contraste 4,5:1). À donner avec la couleur du thème clair.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("colour_light"), FieldPanel("colour_dark")], heading="Couleur de la rubrique"),
    ]

    # Articles, and any page type that names SectionPage among its parent_page_types.
    base_form_class = ReservedSlugPageForm
    parent_page_types = ["articles.HomePage"]

    class Meta:
        verbose_name = "rubrique"
        verbose_name_plural = "rubriques"

    def clean(self):
        super().clean()
        # Both or neither: a light colour alone would also apply in the dark theme.
        if bool(self.colour_light) != bool(self.colour_dark):
            missing = "colour_dark" if self.colour_light else "colour_light"
            raise ValidationError({missing: "Donnez une couleur pour chacun des deux thèmes, ou aucune."})

    def get_context(self, request, *args, **kwargs):
        from articles import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.section_listing(section=self, page_number=request.GET.get("page")))
        return context


class ArticleTag(TaggedItemBase):
    """The link between an article and a django-taggit tag."""

    content_object = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        # The newest articles carrying a tag, from the index alone (related-articles ranking).
        indexes = [models.Index(fields=["tag", "content_object"], name="articles_tag_article_idx")]


class ArticlePage(FieldPermissionsMixin, ViewRestrictionsMixin, Page):
    """A news article: kicker, headline, chapô, hero image, body, bylines, tags and update log."""

    kicker = models.CharField(
        "surtitre", max_length=80, blank=True, help_text="Facultatif, au-dessus du titre : « Intelligence artificielle »."
    )
    chapo = models.TextField(
        "chapô",
        max_length=600,
        help_text="Le paragraphe d’introduction, en gras sous le titre. Sert aussi de description pour les moteurs de recherche.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image principale",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        "texte alternatif de l’image",
        max_length=250,
        blank=True,
        help_text="Obligatoire avec une image : décrit l’image pour qui ne la voit pas.",
    )
    hero_caption = models.CharField("légende", max_length=300, blank=True)
    hero_credit = models.CharField("crédit", max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name="corps de l’article", blank=True)
    tags = ClusterTaggableManager("mots-clés", through=ArticleTag, blank=True)
    sponsor = models.ForeignKey(
        "partners.Partner",
        verbose_name="contenu sponsorisé par",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sponsored_articles",
        help_text="Affiche « En partenariat avec … » au-dessus du titre, dans les listes et les métadonnées. Réservé à la rédaction en chef.",
    )
    embargo_until = models.DateTimeField(
        "sous embargo jusqu’au",
        null=True,
        blank=True,
        help_text=(
            "Heure de Paris. Jusque-là, l’article ne peut être ni publié ni programmé plus tôt, par personne. "
            "Le lever avant son terme : bouton « Lever l’embargo » (rédaction en chef)."
        ),
    )
    link_entities_in_body = models.BooleanField(
        "lier les entités dans le texte",
        default=False,
        help_text="La première mention de chaque entité liée devient un lien vers sa page.",
    )

    content_panels = [
        PublishingChecklistPanel(heading="Avant publication"),
        FieldPanel("sponsor", permission="articles.set_sponsor"),
        FieldPanel("embargo_until"),
        FieldPanel("kicker"),
        *Page.content_panels,
        FieldPanel("chapo"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading="Image principale",
        ),
        FieldPanel("body"),
        MultipleChooserPanel("article_authors", chooser_field_name="author", heading="Auteurs", label="Auteur"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                MultipleChooserPanel("entity_links", chooser_field_name="entity", heading="Entités liées", label="Entité"),
                EntitySuggestionsPanel(heading="Entités repérées dans le texte"),
                FieldPanel("link_entities_in_body"),
            ],
            heading="Entités",
        ),
        InlinePanel("reported_deals", heading="Opérations rapportées", label="Opération"),
        InlinePanel("sources", heading="Sources", label="source"),
        InlinePanel("related_articles", heading="Articles liés", label="Article lié", max_num=4),
        InlinePanel("updates", heading="Historique des modifications", label="Modification"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("chapo"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    base_form_class = ArticlePageForm
    # Loaded with the page by the routing query (newsroom/routing.py): the article template uses them.
    route_select_related = ("hero_image", "sponsor")
    # A copy is a new article: it never inherits a sponsor (newsroom/field_permissions.py).
    exclude_fields_in_copy = ["sponsor"]
    parent_page_types = ["articles.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        permissions = [("set_sponsor", "Peut marquer un article comme sponsorisé")]

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Décrivez l’image principale : le texte alternatif est obligatoire avec une image."})

    def publish(self, revision, user=None, changed=True, log_action=True, previous_revision=None, skip_permission_checks=False):
        """Wagtail's publish, refused while the publishing checklist has blockers (articles/checklist.py).

        Every path goes through here: the editor, workflow approval, bulk publish, revert, the
        scheduler, the API. A person gets a French refusal (nothing is saved: the callers are
        atomic); the scheduler leaves the page scheduled, logged, and reported late by /health/.
        """
        from articles.checklist import ArticleDraft, PublicationBlocked, enforced, run_checklist
        from articles.embargo import embargo_refusal

        candidate = revision.as_object()
        blockers = [message] if (message := embargo_refusal(candidate)) else []
        blockers += run_checklist(ArticleDraft.from_page(candidate)).blockers if enforced() else []
        if blockers:
            if log_action == "wagtail.publish.scheduled":
                logger.warning("scheduled publication of page %s held back by the checklist: %s", self.pk, " ".join(blockers))
                return None
            raise PublicationBlocked(blockers)
        return super().publish(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
            skip_permission_checks=skip_permission_checks,
        )

    def get_context(self, request, *args, **kwargs):
        from articles import selectors
        from articles.body_cache import render_body
        from articles.body_links import link_first_mentions
        from articles.chrome import load_chrome
        from articles.structured_data import article_json_ld, breadcrumb_json_ld

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_detail(article=self))
        if context["body_rendered"] is None:
            overrides = link_first_mentions(self, [link.entity for link in context["entity_links"]]) if self.link_entities_in_body else {}
            context["body_rendered"] = render_body(self, overrides=overrides, request=request, key=context["body_key"])
        chrome = load_chrome(request)
        hero = context["hero"]
        section = chrome.section_of(self)
        base_url = f"{request.scheme}://{request.get_host()}"
        crumbs = (
            [("Accueil", "/")] + ([(section.title, section.get_url(request))] if section else []) + [(self.title, self.get_url(request))]
        )
        context["breadcrumb_json_ld"] = breadcrumb_json_ld(base_url=base_url, crumbs=crumbs)
        context["json_ld"] = article_json_ld(
            article=self,
            base_url=f"{request.scheme}://{request.get_host()}",
            site_name=chrome.identity.name,
            authors=context["authors"],
            entity_links=context["entity_links"],
            sources=context["sources"],
            section=chrome.section_of(self),
            image_url=hero["social"].url if hero else None,
            keywords=[tag.name for tag in context["tags"]],
        )
        return context

    @property
    def published_at(self):
        """When readers first saw it (the scheduled time for a page not yet published)."""
        return self.first_published_at or self.go_live_at or timezone.now()

    def body_texts(self, *, with_captions: bool = False) -> list[str]:
        """The prose of the body, block by block, as plain text (captions on demand): articles/body_text.py."""
        return body_texts(self.body.raw_data if self.body else [], with_captions=with_captions)

    @cached_property
    def word_count(self) -> int:
        """Words of the chapô and the body's prose (captions excluded), for the reading time."""
        return sum(len(_WORD.findall(text)) for text in [self.chapo, *self.body_texts()])

    @property
    def reading_time(self) -> int:
        """Estimated reading time in whole minutes, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))
