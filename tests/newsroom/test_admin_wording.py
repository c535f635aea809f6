"""The project's French catalogue replaces Wagtail's wrong or English wording (locale/fr/)."""

import re
from pathlib import Path

from django.utils import translation

import pytest

from demo import factories
from tests.admin_forms import article_form

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Add %(label)s", "Ajouter\u00a0: %(label)s"),
        ("Current page status:", "Statut actuel de la page\u00a0:"),
        ("Upload", "Téléverser"),
        (
            "The %(model_name)s could not be created due to errors.",
            "Création impossible (%(model_name)s)\u00a0: corrigez les erreurs signalées.",
        ),
        ("Saving will overwrite a newer version.", "Enregistrer remplacerait une version plus récente."),
    ],
)
def test_our_catalogue_wins_over_wagtails(english, french):
    with translation.override("fr"):
        assert translation.gettext(english) == french


def test_something_done_a_moment_ago_reads_a_l_instant_not_il_y_a_0_minute():
    import datetime

    from django.utils import timezone

    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

    with translation.override("fr"):
        assert timesince_simple(timezone.now()) == "à l'instant"
        assert timesince_simple(timezone.now() - datetime.timedelta(minutes=5)) == "il y a 5\xa0minutes"


def test_no_gender_brackets_nor_english_status_in_our_catalogue():
    strings = re.findall(r'^msgstr "(.*)"$', CATALOGUE.read_text(), flags=re.MULTILINE)
    assert len(strings) > 10
    for text in strings:
        assert "(e)" not in text and "(la)" not in text and "(tte)" not in text
        assert "Status" not in text


@pytest.mark.django_db
def test_a_failing_autosave_says_why_in_french(client, section, author, journalist):
    article = factories.make_article(section=section, publish=False, authors=[author], title="Autosave")
    client.force_login(journalist)
    # An autosave (JSON) of a form with a duplicate byline: Wagtail refuses it with a 400.
    data = article_form(author, slug=article.slug)
    data.update({"article_authors-TOTAL_FORMS": "2", "article_authors-1-author": str(author.pk), "article_authors-1-ORDER": "2"})
    data.update({"article_authors-1-id": "", "article_authors-1-DELETE": ""})

    response = client.post(f"/admin/pages/{article.pk}/edit/", data, headers={"Accept": "application/json"})

    assert response.status_code == 400
    assert response.json()["error_message"].startswith("Enregistrement automatique impossible\u00a0: le formulaire contient des erreurs.")


def test_create_and_edit_screens_join_title_and_subtitle_the_french_way(client, editor, section):
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/").content.decode()
    assert "<title>Nouveau\u00a0: Article" in html, re.search(r"<title>[^<]*", html).group(0)
    assert "Nouveau: " not in html
