"""A broken, hostile or foreign file stops the import before anything is written, with a French
message naming the line; one bad post is reported and skipped while the others go in."""

import csv
import io

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Page

import pytest

from articles.models import ArticlePage
from tests.wordpress.wxr import SITE, Post, write_export, wxr
from wordpress import writer
from wordpress.models import ImportedItem

GOOD = [Post(1, "Un bon article", slug="bon"), Post(2, "Un autre bon article", slug="autre")]


def refused(path, *args) -> str:
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", str(path), *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()
    message = str(error.value)
    assert message.startswith("Import impossible, rien n’a été écrit.")
    return message.replace("\u00a0", " ")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_malformed_file_stops_before_anything_is_written_and_names_the_line(db, home, tmp_path):
    # Two good posts come first: the whole file is checked before the first one is written.
    text = wxr([*GOOD, Post(3, "Cassé", content="x")]).replace("<wp:post_id>3</wp:post_id>", "<wp:post_id>3</wp:post_idd>")
    path = tmp_path / "casse.xml"
    path.write_text(text, encoding="utf-8")
    message = refused(path)
    assert f"Ligne {line_of(text, '</wp:post_idd>')} :" in message
    assert "une balise fermante ne correspond pas à la balise ouverte" in message


def test_truncated_file_is_refused(db, home, tmp_path):
    text = wxr(GOOD)
    path = tmp_path / "tronque.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert "le fichier est vide ou tronqué" in refused(path) or "balise non fermée" in refused(path)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "ahahahahahahahahahah">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss><channel><title>&d;</title></channel></rss>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>
"""


@pytest.mark.parametrize("content", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_bombs_and_external_entities_are_refused(db, home, tmp_path, content):
    path = tmp_path / "bombe.xml"
    path.write_text(content, encoding="utf-8")
    message = refused(path)
    assert message.endswith(
        "Ligne 2 : le fichier déclare une DTD ou des entités (ce qui permet les « bombes XML ») : il est refusé. "
        "Un export WordPress n'en contient pas."
    )


def test_deeply_nested_elements_are_refused(db, home, tmp_path):
    path = tmp_path / "profond.xml"
    path.write_text("<rss>" + "<div>" * 100 + "</div>" * 100 + "</rss>", encoding="utf-8")
    assert "imbriqués trop profondément" in refused(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<html><body><p>Bonjour</p></body></html>", "il commence par <html> au lieu de <rss>"),
        ('<rss version="2.0"><channel><title>Un flux RSS</title><item><title>x</title></item></channel></rss>', "un article précède"),
        ('<rss version="2.0"><channel><title>Un flux RSS</title></channel></rss>', "aucune version WXR trouvée"),
        ('{"articles": []}', "caractère ou balise invalide"),
    ],
    ids=["html", "plain-rss", "empty-rss", "json"],
)
def test_a_file_of_another_format_is_refused_in_french(db, home, tmp_path, content, expected):
    path = tmp_path / "autre.xml"
    path.write_text(content, encoding="utf-8")
    assert expected in refused(path)


def test_wxr_1_0_is_refused(db, home, tmp_path):
    path = write_export(tmp_path, GOOD, version="1.0")
    assert "version WXR « 1.0 » non prise en charge" in refused(path)


def test_unknown_rubrique_in_the_section_map_is_refused(db, home, tmp_path):
    mapping = tmp_path / "rubriques.csv"
    mapping.write_text("actualites,rubrique-qui-n-existe-pas\n", encoding="utf-8")
    assert "Rubrique(s) inconnue(s) dans le fichier de correspondance : rubrique-qui-n-existe-pas." in refused(
        write_export(tmp_path, GOOD), "--section-map", str(mapping)
    )


def test_a_bad_post_is_reported_and_skipped_and_the_others_go_in(db, home, tmp_path):
    posts = [
        *GOOD,
        Post(3, "Date illisible", date_gmt="hier matin", date="hier matin"),
        Post(4, "Statut inconnu", status="en-vrac"),
        Post(5, "Sans identifiant"),
    ]
    text = wxr(posts).replace("<wp:post_id>5</wp:post_id>", "<wp:post_id></wp:post_id>")
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_wordpress", str(path), "--report", str(tmp_path / "r.csv"), stdout=out, stderr=io.StringIO())
    out = out.getvalue().replace("\u00a0", " ")
    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Un bon article", "Un autre bon article"}
    assert "erreurs (non importés) : 3" in out
    assert "Non importé : date de publication illisible" in out
    assert "Non importé : statut WordPress « en-vrac » inconnu" in out
    assert "Non importé : élément sans identifiant WordPress (wp:post_id)" in out


def test_a_post_failing_while_written_leaves_nothing_behind(db, home, tmp_path, monkeypatch):
    """Each post is written in its own transaction: a failure after its page was created rolls it all back."""
    real = writer.ensure_redirects

    def failing(page, plan, **kwargs):
        if plan.wp_id == 2:
            raise ValueError("panne simulée pendant l'écriture")
        return real(page, plan, **kwargs)

    monkeypatch.setattr(writer, "ensure_redirects", failing)
    posts = [Post(1, "Premier", slug="premier"), Post(2, "Deuxième", slug="deuxieme", tags=[("rare", "Mot rare")]), Post(3, "Troisième")]
    out = io.StringIO()
    call_command(
        "import_wordpress", str(write_export(tmp_path, posts)), "--report", str(tmp_path / "r.csv"), stdout=out, stderr=io.StringIO()
    )

    assert set(ArticlePage.objects.values_list("title", flat=True)) == {"Premier", "Troisième"}
    assert not Page.objects.filter(slug="deuxieme").exists()
    assert not ImportedItem.objects.filter(site_url=SITE, wp_id=2).exists()
    assert "Non importé\u00a0: panne simulée pendant l'écriture" in out.getvalue()


def test_report_csv_cells_never_run_as_formulas(db, home, tmp_path):
    posts = [Post(1, '=HYPERLINK("https://pirate.exemple","Cliquez")', slug="formule"), Post(2, "+33 1 23 45 67 89", slug="tel")]
    report = tmp_path / "rapport.csv"
    call_command(
        "import_wordpress", str(write_export(tmp_path, posts)), "--report", str(report), stdout=io.StringIO(), stderr=io.StringIO()
    )
    with open(report, encoding="utf-8-sig") as stream:
        titles = {row[0]: row[3] for row in csv.reader(stream) if row and row[0].isdigit()}
    assert titles == {"1": '\'=HYPERLINK("https://pirate.exemple","Cliquez")', "2": "'+33 1 23 45 67 89"}


def test_missing_export_file_is_a_french_error(db, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_wordpress", str(tmp_path / "absent.xml"))
