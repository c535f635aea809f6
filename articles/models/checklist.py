"""*Paramètres › Liste de vérification*: which checklist rules block publication and which only warn."""

from django.db import models

from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

SEVERITIES = [("blocker", "Bloquant"), ("warning", "Avertissement"), ("off", "Désactivé")]


def _severity(label, default):
    return models.CharField(label, max_length=10, choices=SEVERITIES, default=default)


@register_setting(icon="tasks")
class PublishingChecklist(BaseGenericSetting):
    """Per rule of articles/checklist.py: « Bloquant » refuses « Publier », « Approuver » and the
    scheduled go-live; « Avertissement » shows the problem and lets it through."""

    body = _severity("corps de l’article non vide", "blocker")
    hero_image = _severity("image principale avec texte alternatif", "blocker")
    chapo = _severity("chapô rempli", "blocker")
    tags = _severity("au moins un mot-clé", "warning")
    entities = _severity("au moins une entité liée", "warning")
    headline = _severity("titre de 70 caractères au plus (moteurs de recherche)", "warning")
    unpublished_links = _severity("aucun lien vers une page non publiée", "blocker")

    class Meta:
        verbose_name = "liste de vérification avant publication"
        verbose_name_plural = "liste de vérification avant publication"

    def __str__(self):
        return "Liste de vérification avant publication"

    @classmethod
    def current_severities(cls) -> dict[str, str]:
        """The saved severities (the defaults before anyone saves the setting)."""
        from articles.checklist import RULES

        checklist = cls.load()
        return {key: getattr(checklist, key) for key, *_ in RULES}
