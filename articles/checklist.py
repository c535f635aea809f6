"""The publishing checklist: what an article needs before it goes live, checked on every path.

Each rule reads an `ArticleDraft` (built from the editor's form or from a saved revision) and
returns a French message when something is missing. The *Paramètres › Liste de vérification*
setting says, per rule, whether it blocks publication, only warns, or is off. Blockers are
enforced by the editor form (« Publier », « Soumettre à Relecture ») and by `ArticlePage.publish`
itself, which every other path goes through (workflow approval, bulk publish, revert, API); the
scheduler skips a blocked go-live and logs it, so `/health/` and the admin banner report it late.
"""

import contextlib
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import Page

# Search engines cut titles at about 60 to 70 characters.
HEADLINE_MAX = 70
_PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*\bid="(\d+)"', re.IGNORECASE)


_suspended = ContextVar("publishing_checklist_suspended", default=False)


@contextlib.contextmanager
def suspended():
    """Publish without the checklist inside this block (the demo loader: its articles link to each
    other before they are all published). Nothing a request does can enter it."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def enforced() -> bool:
    """Whether blockers refuse publication here (NEWSROOM_PUBLISHING_CHECKLIST, on by default)."""
    return settings.NEWSROOM_PUBLISHING_CHECKLIST and not _suspended.get()


class PublicationBlocked(PublishPermissionError):
    """A publication refused by the checklist; the message lists what is missing, in French."""

    def __init__(self, blockers):
        self.blockers = list(blockers)
        super().__init__("Publication impossible\u00a0: " + " ".join(self.blockers))


@dataclass
class ArticleDraft:
    """What the checklist reads of an article, whether it comes from a form or a revision."""

    title: str = ""
    seo_title: str = ""
    chapo: str = ""
    hero_image_id: int | None = None
    hero_alt: str = ""
    body: list = field(default_factory=list)  # the StreamField's raw blocks
    tag_count: int = 0
    entity_count: int = 0
    related_ids: list = field(default_factory=list)
    own_id: int | None = None

    @classmethod
    def from_page(cls, page) -> "ArticleDraft":
        """From an ArticlePage instance (a revision's `as_object()` included: relations in memory)."""
        return cls(
            title=page.title or "",
            seo_title=page.seo_title or "",
            chapo=page.chapo or "",
            hero_image_id=page.hero_image_id,
            hero_alt=page.hero_alt or "",
            body=list(page.body.get_prep_value()) if page.body is not None else [],
            tag_count=len(page.tags.all()),
            entity_count=len(page.entity_links.all()),
            related_ids=[link.target_id for link in page.related_articles.all()],
            own_id=page.pk,
        )

    def prose(self) -> str:
        """The title, chapô and paragraphs as plain text: what the knowledge-base checks read."""
        return "\n\n".join(part for part in (self.title, self.chapo, *self.paragraph_texts()) if part)

    def paragraph_texts(self) -> list[str]:
        return [strip_tags(block.get("value") or "") for block in self.body if block.get("type") == "paragraph"]

    def linked_page_ids(self) -> set[int]:
        """Pages the body and the « Articles liés » point to."""
        ids = set(self.related_ids)
        for block in self.body:
            if block.get("type") == "paragraph":
                ids.update(int(pk) for pk in _PAGE_LINK.findall(block.get("value") or ""))
            elif block.get("type") == "read_also" and (block.get("value") or {}).get("article"):
                ids.add(int(block["value"]["article"]))
        ids.discard(self.own_id)
        return ids


def _body(draft):
    if not any(text.strip() for text in draft.paragraph_texts()):
        return "Le corps de l’article est vide\u00a0: écrivez au moins un paragraphe."
    return None


def _hero_image(draft):
    if not draft.hero_image_id:
        return "Choisissez une image principale."
    if not draft.hero_alt.strip():
        return "Décrivez l’image principale\u00a0: le texte alternatif manque."
    return None


def _chapo(draft):
    return None if draft.chapo.strip() else "Rédigez le chapô."


def _tags(draft):
    return None if draft.tag_count else "Ajoutez au moins un mot-clé."


def _entities(draft):
    return None if draft.entity_count else "Liez au moins une entité (entreprise, personne…) dans la section «\u00a0Entités\u00a0»."


def _headline(draft):
    shown = (draft.seo_title or draft.title).strip()
    if len(shown) > HEADLINE_MAX:
        return (
            f"Le titre affiché par les moteurs de recherche fait {len(shown)}\u00a0caractères (au plus {HEADLINE_MAX})\u00a0: "
            "raccourcissez-le ou remplissez le «\u00a0titre pour les moteurs de recherche\u00a0» (onglet Promotion)."
        )
    return None


def _unpublished_links(draft):
    ids = draft.linked_page_ids()
    if not ids:
        return None
    titles = sorted(Page.objects.filter(pk__in=ids, live=False).values_list("title", flat=True))
    if not titles:
        return None
    names = ", ".join(f"«\u00a0{title}\u00a0»" for title in titles)
    return f"Liens vers des pages non publiées (lecteurs en 404)\u00a0: {names}."


# (key, label in Paramètres, check, default severity)
RULES = (
    ("body", "Corps de l’article non vide", _body, "blocker"),
    ("hero_image", "Image principale avec texte alternatif", _hero_image, "blocker"),
    ("chapo", "Chapô rempli", _chapo, "blocker"),
    ("tags", "Au moins un mot-clé", _tags, "warning"),
    ("entities", "Au moins une entité liée", _entities, "warning"),
    ("headline", f"Titre de {HEADLINE_MAX} caractères au plus pour les moteurs de recherche", _headline, "warning"),
    ("unpublished_links", "Aucun lien vers une page non publiée", _unpublished_links, "blocker"),
)


@dataclass
class ChecklistResult:
    """Blockers stop publication; warnings are shown and let it through."""

    blockers: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.blockers


def run_checklist(draft: ArticleDraft, severities: dict | None = None, *, knowledge_base: bool = False) -> ChecklistResult:
    """Check `draft` against every rule, with the severities of *Paramètres* (or the defaults).

    With `knowledge_base`, what the text says against the knowledge base (amounts of deals, roles:
    `entities.consistency`) is added as warnings, each with a link to the entity: never a blocker,
    so the publication paths do not run it."""
    if severities is None:
        from articles.models.checklist import PublishingChecklist

        severities = PublishingChecklist.current_severities()
    result = ChecklistResult()
    for key, _label, check, default in RULES:
        severity = severities.get(key, default)
        if severity == "off":
            continue
        message = check(draft)
        if message:
            (result.blockers if severity == "blocker" else result.warnings).append(message)
    if knowledge_base:
        from entities.consistency import check_text

        result.warnings.extend(check_text(draft.prose()))
    return result
