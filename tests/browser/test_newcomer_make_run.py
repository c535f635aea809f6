"""« Help where people work », last acceptance criterion: a newcomer who types `make run` and
follows the journalist guide, and nothing else, publishes an article.

The site is started the way `make run` starts it (newsroom.settings.dev: `manage.py migrate`,
`manage.py load_demo`, then `manage.py runserver`, here with --noreload so that other people's
edits in the worktree cannot restart it mid-test), in subprocesses, on a fresh SQLite file in a
temporary folder (DATABASE_URL), with the publishing checklist on as a developer gets it (the test
settings turn it off). The developer's var/db.sqlite3, media and cache are never touched. The
guide's screenshots are test artefacts that a fresh clone does not have: the server gets an empty
folder for them, so the newcomer follows the guide's text alone.

In Chromium, the journalist signs in with the account `load_demo` prints in the terminal, opens
the guide from « Mon bureau » and does what it says, clicking only labels the guide names: each one
is looked up in the guide as the admin shows it (its bold words and what it quotes), so the test
fails when the guide and the admin drift apart. The rédaction en chef approves from the dashboard,
as its own guide says; an anonymous reader finds the article in its rubrique and on the home page.

This test uses no database of pytest-django's (no `django_db` marker, no `db` fixture): the site
it drives is a separate process with its own SQLite file.
"""

import os
import re
import signal
import subprocess
import sys
import urllib.request
from contextlib import suppress
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.conftest import _log_in
from tests.browser.helpers import AutosaveWatcher, BrowserProblems
from tests.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
# The page editor is heavy on a shared 2-core machine (EDITOR_MS of test_desk_guide_walk.py).
EDITOR_MS = 90_000
# What the developer's shell may set and `make run` would then read: none of it leaks from the test
# session (its PostgreSQL DATABASE_URL, its cache folder, a checklist turned off…) into the site.
SESSION_ONLY = ("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_", "EMAIL_")

RUBRIQUE = "Business"  # the guide's example
KICKER = "Recherche"
HEADLINE = "Un laboratoire d'IA ouvre ses portes à Lyon"
HEADLINE_TYPESET = "Un laboratoire d’IA ouvre ses portes à Lyon"
CHAPO = "Quarante chercheurs s'installent près de la Part-Dieu pour travailler sur des modèles plus sobres."
PARAGRAPH = "Le laboratoire recrutera d'abord des doctorants issus des universités de la région."
IMAGE_ALT = "Une façade de verre bleue, vue d'en bas"


@pytest.fixture
def make_run(tmp_path):
    """`make run` on a fresh SQLite file: yields the site's URL, the demo accounts `load_demo`
    printed ({role: (login, password)}) and the log; stops runserver and its scheduler after."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith(SESSION_ONLY) and name != "RUN_MAIN"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        NEWSROOM_CACHE_DIR=str(tmp_path / "cache"),
        NEWSROOM_GUIDE_SCREENSHOTS=str(tmp_path / "no-screenshots"),
        HOST="127.0.0.1",  # exported by the Makefile; load_demo prints the admin's address with them
        PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    log = tmp_path / "make-run.log"

    def manage(*args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        with log.open("a") as out:
            out.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{log.read_text()[-4000:]}"
        return result.stdout

    manage("migrate", "--noinput", "-v", "0")
    printed = manage("load_demo")
    accounts = {
        role: (login, password)
        for role, login, password in re.findall(r"^ +(\S.*?) +identifiant : (\S+) +mot de passe : (\S+)$", printed, re.MULTILINE)
    }
    with log.open("ab") as out:
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # runserver and its run_scheduler child: one process group
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: urllib.request.urlopen(f"{url}/", timeout=10).status == 200, "make run's runserver", 180, server, log)  # noqa: S310
        yield SimpleNamespace(url=url, accounts=accounts, log=log)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # runserver stops its scheduler on SIGTERM
            with suppress(subprocess.TimeoutExpired):
                server.wait(timeout=30)
        with suppress(ProcessLookupError):  # whatever of the group is left (nothing, normally)
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def required(label: str) -> re.Pattern:
    """A required field's accessible name: its label and Wagtail's asterisk."""
    return re.compile(rf"^{re.escape(label)}\s*\*?$")


def plain(text: str) -> str:
    """Text as a reader compares it: typographic apostrophes and French spaces are not differences."""
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


class GuideLabels:
    """The labels a guide names, read from the guide as the admin shows it: its bold words and what
    it quotes « … ». `says(label)` fails when the guide does not name `label`, and returns it."""

    def __init__(self, page, slug: str):
        guide = page.locator("article.guide")
        expect(guide.get_by_role("heading", level=1).or_(guide.get_by_role("heading", level=2)).first).to_be_visible()
        expect(page).to_have_url(re.compile(rf"/admin/aide/{slug}/$"))
        self.slug = slug
        text = guide.inner_text()
        self.labels = {plain(bold) for bold in guide.locator("strong").all_inner_texts()}
        self.labels |= {plain(quoted) for quoted in re.findall(r"«\s*(.+?)\s*»", text)}

    def says(self, label: str) -> str:
        assert plain(label) in self.labels, f"the guide {self.slug} does not name « {label} »: the admin and the guide have drifted apart"
        return label


def test_a_newcomer_publishes_an_article_by_following_the_journalist_guide_on_make_run(make_run, new_context, screenshot, tmp_path):
    base = make_run.url
    assert {"Journalistes", "Rédaction en chef"} <= set(make_run.accounts), (
        f"load_demo printed no demo accounts:\n{make_run.log.read_text()[-2000:]}"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for login, password in make_run.accounts.values():
        assert f"`{login}` | `{password}`" in readme, "README's demo accounts are not the ones make run prints"
    from demo.loader import DEMO_ACCOUNTS

    journalist_login, journalist_password = make_run.accounts["Journalistes"]
    my_name = next(f"{first} {last}" for login, _password, _group, first, last in DEMO_ACCOUNTS if login == journalist_login)
    picture = _picture(tmp_path / "laboratoire-lyon.png")

    # 1. The journalist signs in and opens the guide from the first line of « Mon bureau ».
    desk = new_context().new_page()
    _log_in(desk, base, journalist_login, journalist_password)
    bureau = desk.get_by_role("region", name="Mon bureau")
    shortcut = bureau.get_by_role("link", name=f"Écrire un article dans «\u00a0{RUBRIQUE}\u00a0»", exact=True)
    shortcut_href = shortcut.get_attribute("href")
    bureau.get_by_role("link", name=re.compile("Écrire et publier un article")).click()
    guide = GuideLabels(desk, "ecrire-et-publier-un-article")
    # No test has saved screenshots here (a fresh clone): the guide shows the copies committed
    # with it (docs/guides/captures/), every one of them.
    images = desk.locator("article.guide img")
    expect(images).to_have_count(len(re.findall(r"\]\(captures/", (ROOT / "docs/guides/ecrire-et-publier-un-article.md").read_text())))
    for image in images.all():
        expect(image).to_have_js_property("complete", True)  # loaded, or given up on
        assert image.evaluate("img => img.naturalWidth") > 0, f"{image.get_attribute('src')} does not load on make run"
    screenshot(desk, "newcomer-1-guide.png")
    problems = BrowserProblems(desk)

    # 2. « Choisir la rubrique »: Pages, Accueil, the rubrique's ⋯ menu, Ajouter une sous-page, Article.
    desk.get_by_role("button", name=guide.says("Pages"), exact=True).click()
    desk.get_by_role("link", name=guide.says("Accueil"), exact=True).click()
    row = desk.get_by_role("row").filter(has=desk.get_by_role("link", name=guide.says(RUBRIQUE), exact=True))
    guide.says("⋯")  # the row's menu button shows « ⋯ »; its accessible name is « Plus d’options pour … »
    row.get_by_role("button", name=re.compile(rf"Plus d’options pour «\s*{RUBRIQUE}\s*»")).click()
    row.get_by_role("link", name=guide.says("Ajouter une sous-page"), exact=True).click()
    desk.get_by_role("link", name=re.compile(rf"^{guide.says('Article')}\b")).first.click()
    expect(desk.locator("form#page-edit-form")).to_be_attached(timeout=EDITOR_MS)
    form_url = desk.url.partition("?")[0]  # Wagtail adds ?next= (back to the list after saving)
    assert re.search(r"/admin/pages/add/articles/articlepage/\d+/$", form_url), form_url
    # The guide's shorter way, « Écrire un article dans « Business » » on « Mon bureau », opens this same form.
    guide.says(f"Écrire un article dans « {RUBRIQUE} »")
    assert form_url == f"{base}{shortcut_href}"
    autosave = AutosaveWatcher(desk)

    # 3. « Remplir l’article »: what the guide lists, with the labels it gives.
    desk.get_by_role("textbox", name=guide.says("Surtitre")).fill(KICKER)
    desk.get_by_role("textbox", name=required(guide.says("Titre"))).fill(HEADLINE)
    desk.get_by_role("textbox", name=required(guide.says("Chapô"))).fill(CHAPO)

    hero = desk.get_by_role("region", name=guide.says("Image principale"), exact=True)
    hero.get_by_role("button", name=guide.says("Choisir une image")).click()
    chooser = desk.get_by_role("dialog")
    chooser.get_by_role("tab", name=guide.says("Téléverser")).click()
    chooser.get_by_label("Fichier").set_input_files(picture)  # « choisissez le fichier »
    # « le titre se remplit tout seul »: a person sees it appear before clicking; a click before
    # Wagtail's script has filled it sends an empty title (« Ce champ est requis »).
    expect(chooser.get_by_label(guide.says("Titre"), exact=False).first).to_have_value(picture.stem)
    chooser.get_by_role("button", name=guide.says("Téléverser"), exact=True).click()
    expect(chooser).to_be_hidden()
    desk.get_by_label(guide.says("Texte alternatif de l’image")).fill(IMAGE_ALT)

    body = desk.get_by_role("region", name=guide.says("Corps de l’article"), exact=True)
    body.get_by_role("button", name=guide.says("Insérer un bloc")).last.click()
    desk.get_by_role("option", name=guide.says("Paragraphe"), exact=True).click()
    paragraph = body.locator("[data-streamfield-child]").last.get_by_role("textbox")
    expect(paragraph).to_be_focused()  # Draftail focuses the new block once it has slid open
    desk.keyboard.type(PARAGRAPH)
    expect(paragraph).to_have_text(PARAGRAPH)

    authors = desk.get_by_role("region", name=guide.says("Auteurs"), exact=True)
    authors.get_by_role("button", name=guide.says("Ajouter\u00a0: auteur")).click()
    chooser = desk.get_by_role("dialog")
    chooser.get_by_role("checkbox", name=my_name).check()  # « cochez votre nom »
    chooser.get_by_role("button", name=guide.says("Confirmer la sélection")).click()
    expect(chooser).to_be_hidden()
    expect(authors).to_contain_text(my_name)
    slug = desk.locator("#id_slug").input_value()  # filled from the title (Promotion tab)
    assert slug

    # 4. « Soumettre à la relecture ».
    desk.get_by_role("button", name=guide.says("Plus d'actions")).click()
    submit = desk.get_by_role("button", name=guide.says("Soumettre à Relecture"))
    expect(submit).to_be_visible()
    screenshot(desk, "newcomer-2-formulaire.png")
    autosave.wait_until_quiet()
    submit.click()
    submitted = desk.get_by_text("a été soumise pour modération")
    refused = desk.get_by_text("du fait d'erreurs de validation")
    expect(submitted.or_(refused).first).to_be_visible(timeout=EDITOR_MS)
    assert submitted.first.is_visible(), "submission refused: " + " / ".join(desk.locator(".messages").all_inner_texts())
    problems.check()

    # Not public while it waits for the rédaction en chef.
    reader = new_context().new_page()
    reader.goto(f"{base}/")
    reader.get_by_role("navigation").get_by_role("link", name=RUBRIQUE, exact=True).first.click()
    rubrique_url = reader.url
    public_url = f"{rubrique_url}{slug}/"
    assert reader.request.get(public_url).status == 404, "an article awaiting review must not be public"

    # 5. The rédaction en chef approves it from the dashboard, as « Relire, programmer, publier » says.
    chief_login, chief_password = make_run.accounts["Rédaction en chef"]
    chief = new_context().new_page()
    _log_in(chief, base, chief_login, chief_password)
    chief.get_by_role("region", name="Rédaction en chef").get_by_role("link", name=re.compile("Relire, programmer, publier")).click()
    chiefs_guide = GuideLabels(chief, "relire-programmer-publier")
    chief.goto(f"{base}/admin/")
    chief_problems = BrowserProblems(chief)
    panel = chief.get_by_role("region", name=chiefs_guide.says("Rédaction en chef"))
    expect(panel.get_by_role("heading", name=chiefs_guide.says("À relire"))).to_be_visible()
    review = panel.locator("[data-review-row]").filter(has=chief.get_by_role("link", name=HEADLINE, exact=True))
    review.get_by_role("button", name=chiefs_guide.says("Approuver"), exact=True).click()
    expect(chief).to_have_url(f"{base}/admin/")
    expect(panel.locator("[data-review-row]").filter(has_text=HEADLINE)).to_have_count(0)
    expect(panel.get_by_role("link", name=HEADLINE, exact=True)).to_be_visible()  # « Publiés aujourd’hui »
    chief_problems.check()

    # 6. A reader finds it in its rubrique and on the home page, and reads it.
    reader.goto(rubrique_url)
    expect(reader.get_by_role("link", name=HEADLINE_TYPESET).first).to_be_visible()
    reader.goto(f"{base}/")
    with reader.expect_navigation() as navigation:
        reader.get_by_role("link", name=HEADLINE_TYPESET).first.click()
    assert navigation.value.status == 200
    expect(reader).to_have_url(public_url)
    expect(reader.locator("h1")).to_have_text(HEADLINE_TYPESET)
    expect(reader.get_by_text(PARAGRAPH.replace("'", "’"))).to_be_visible()
    hero_image = reader.get_by_role("img", name=IMAGE_ALT.replace("'", "’"))
    expect(hero_image).to_be_visible()
    expect(hero_image).to_have_js_property("complete", True)
    assert hero_image.evaluate("img => img.naturalWidth") > 0, "the main image must load"
    expect(reader.locator(".byline")).to_have_text(f"Par {my_name}")
    screenshot(reader, "newcomer-3-article.png")

    # 7. « vous recevez sa décision dans votre tableau de bord ».
    desk.goto(f"{base}/admin/")
    expect(desk.get_by_role("region", name="Mon bureau").get_by_role("link", name=HEADLINE, exact=True)).to_be_visible()
    problems.check()


def _picture(path: Path) -> Path:
    """A photo stand-in: a blue façade of windows."""
    picture = Image.new("RGB", (1600, 900), (32, 64, 128))
    draw = ImageDraw.Draw(picture)
    for column in range(10):
        for row in range(6):
            x, y = 80 + column * 150, 60 + row * 135
            draw.rectangle([x, y, x + 110, y + 95], fill=(120 + column * 8, 170, 220))
    picture.save(path)
    return path
