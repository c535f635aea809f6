"""A WordPress post body (classic HTML or Gutenberg blocks) turned into our article blocks.

Gutenberg saves each block as HTML between `<!-- wp:… -->` comments, and that HTML is the same
semantic HTML the classic editor writes (`<p>`, `<h2>`, `<figure>`, `<blockquote>`…), so one walk
over the elements reads both; the comments are skipped. Paragraphs and lists go through Wagtail's
own rich-text conversion (the Draftail editor's rules for our paragraph features), which keeps
bold, italic, links and lists and drops every other element and attribute (inline styles, event
handlers, `javascript:` links). What has no equivalent is dropped or approximated, and each such
case is written in `ConvertedBody.notes`, in French, for the report.

The converter is pure: images come out as `ImageRef`s (the WordPress attachment and the alt text
and caption found in the HTML), which the importer resolves to Wagtail images.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from articles.blocks import PARAGRAPH_FEATURES
from wordpress import shortcodes

HEADING_MAX = 160
QUOTE_MAX = 1000
CAPTION_MAX = 300
ALT_MAX = 250
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
}  # fmt: skip
DROPPED = {
    "script": "script", "style": "feuille de style", "noscript": "bloc noscript", "object": "objet intégré",
    "embed": "objet intégré", "applet": "applet", "form": "formulaire", "input": "champ de formulaire",
    "button": "bouton", "select": "champ de formulaire", "textarea": "champ de formulaire", "svg": "dessin SVG",
    "math": "formule MathML", "canvas": "canvas", "video": "vidéo hébergée", "audio": "son hébergé",
    "link": "lien de ressource", "meta": "métadonnée", "base": "élément base", "template": "gabarit",
    "frameset": "cadre", "frame": "cadre", "map": "carte d'image", "iframe": "iframe",
}  # fmt: skip
EVENT_ATTRIBUTE = re.compile(r"^on[a-z]+$", re.IGNORECASE)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_CONVERTER = ContentstateConverter(PARAGRAPH_FEATURES)


@dataclass
class ImageRef:
    """An image of the body: its WordPress attachment id and/or address, alt text and caption."""

    attachment_id: int | None
    src: str
    alt: str
    caption: str


@dataclass
class ConvertedBody:
    """Blocks in StreamField raw form (images as ImageRef until resolved) and the approximations."""

    blocks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def texts(self) -> list[str]:
        """The prose of the body, for a chapô made of its first sentences."""
        texts = []
        for block in self.blocks:
            if block["type"] == "paragraph":
                texts.append(BeautifulSoup(block["value"], "html.parser").get_text(" "))
            elif block["type"] == "quote":
                texts.append(block["value"]["quote"])
        return texts


def embed_url(url: str) -> str | None:
    """The page address of a YouTube or Vimeo player address, or the address itself when Wagtail's
    oEmbed finders know its provider; None for anything else. Nothing is fetched."""
    from wagtail.embeds.finders import get_finders

    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    host = parsed.netloc.lower().removeprefix("www.")
    parts = [part for part in parsed.path.split("/") if part]
    if host in ("youtube.com", "youtube-nocookie.com") and len(parts) == 2 and parts[0] == "embed":
        url = f"https://www.youtube.com/watch?v={parts[1]}"
    elif host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        url = f"https://vimeo.com/{parts[1]}"
    elif host in ("youtube.com", "m.youtube.com") and parts == ["watch"] and not parse_qs(parsed.query).get("v"):
        return None
    return url if any(finder.accept(url) for finder in get_finders()) else None


class BodyConverter:
    """Walks the HTML of one post; `convert()` is the entry point."""

    def __init__(self):
        self.result = ConvertedBody()
        self.first_heading_seen = False

    def convert(self, content: str) -> ConvertedBody:
        content, unknown = shortcodes.expand(content or "")
        for name in unknown:
            self.result.note(f"Code court [{name}] inconnu : laissé tel quel dans le texte.")
        soup = BeautifulSoup(content, "html.parser")
        self._scan_attributes(soup)
        self._walk(list(soup.contents))
        self._merge_paragraphs()
        return self.result

    # --- Whole-document checks -------------------------------------------------------------------

    def _scan_attributes(self, soup) -> None:
        for tag in soup.find_all(True):
            if "style" in tag.attrs:
                self.result.note("Styles en ligne (attribut style) supprimés.")
            if any(EVENT_ATTRIBUTE.match(name) for name in tag.attrs):
                self.result.note("Attributs d'évènement (onclick, onload…) supprimés.")

    # --- The walk --------------------------------------------------------------------------------

    def _walk(self, nodes) -> None:
        run = []
        for node in nodes:
            if isinstance(node, Comment):  # Gutenberg's block delimiters: the HTML between them says it all
                continue
            if isinstance(node, NavigableString):
                if type(node) is NavigableString:  # not a doctype, CDATA or processing instruction
                    run.append(str(node))
                continue
            if node.name in INLINE and not node.find(["img", "iframe", *DROPPED]):
                run.append(str(node))
                continue
            self._flush(run)
            run = []
            self._element(node)
        self._flush(run)

    def _flush(self, run: list[str]) -> None:
        text = "".join(run)
        if text.strip():
            for paragraph in shortcodes.paragraphs(text):
                self._paragraph(BeautifulSoup(paragraph, "html.parser").p)

    def _element(self, tag: Tag) -> None:
        name = tag.name
        if name in DROPPED:
            if name == "iframe":
                self._iframe(tag)
            else:
                self.result.note(f"Élément supprimé : {DROPPED[name]}.")
        elif name == "p":
            self._paragraph(tag)
        elif re.fullmatch(r"h[1-6]", name):
            self._heading(tag)
        elif name in ("ul", "ol"):
            self._paragraph_html(str(tag))
        elif name == "blockquote":
            self._quote(tag)
        elif name == "figure":
            self._figure(tag)
        elif name == "img":
            self._image(tag, caption="")
        elif name == "wp-gallery":
            self._gallery_ids(tag.get("data-ids", ""))
        elif name == "wp-embed":
            self._embed(tag.get("data-url", ""), "")
        elif name == "table":
            self._table(tag)
        elif name == "pre":
            self.result.note("Bloc de code converti en paragraphe (mise en forme perdue).")
            self._paragraph_html("<p>" + "<br>".join(_escape(line) for line in tag.get_text().splitlines()) + "</p>")
        elif name == "hr":
            self.result.note("Séparateur horizontal supprimé.")
        elif name in ("dl", "address"):
            self._paragraph_html("<p>" + _escape(tag.get_text(" ", strip=True)) + "</p>")
        else:  # div, section, span wrapping an image… : their content counts, not the wrapper
            self._walk(list(tag.contents))

    # --- Paragraphs ------------------------------------------------------------------------------

    def _paragraph(self, tag: Tag) -> None:
        text = tag.get_text(strip=True)
        if not tag.find(["img", "iframe"]) and text and tag.find("a") is None and embed_url(text):
            self._embed(text, "")  # WordPress turns an address alone on its line into an embed
            return
        if tag.find(["img", "iframe", *DROPPED]) is None:
            self._paragraph_html(str(tag))
            return
        # Images and iframes inside a paragraph become blocks of their own, between its text parts.
        self._walk_paragraph_parts(tag)

    def _walk_paragraph_parts(self, tag: Tag) -> None:
        before = []
        for child in list(tag.contents):
            if isinstance(child, Tag) and (child.name in ("img", "iframe", *DROPPED) or child.find(["img", "iframe"])):
                self._paragraph_html("<p>" + "".join(before) + "</p>")
                before = []
                self._element(child if child.name != "a" else child.find(["img", "iframe"]) or child)
            elif not isinstance(child, Comment):
                before.append(str(child))
        self._paragraph_html("<p>" + "".join(before) + "</p>")

    def _paragraph_html(self, fragment: str) -> None:
        soup = BeautifulSoup(fragment, "html.parser")
        for tag in soup.find_all(list(DROPPED)):
            self.result.note(f"Élément supprimé : {DROPPED[tag.name]}.")
            tag.decompose()
        for tag in soup.find_all(["img"]):
            tag.decompose()
        if not soup.get_text(strip=True):
            return
        cleaned = _CONVERTER.to_database_format(_CONVERTER.from_database_format(str(soup)))
        if BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
            self.result.blocks.append({"type": "paragraph", "value": cleaned})

    def _merge_paragraphs(self) -> None:
        merged = []
        for block in self.result.blocks:
            if block["type"] == "paragraph" and merged and merged[-1]["type"] == "paragraph":
                merged[-1] = {"type": "paragraph", "value": merged[-1]["value"] + block["value"]}
            else:
                merged.append(block)
        self.result.blocks = merged

    # --- Headings, quotes, tables ----------------------------------------------------------------

    def _heading(self, tag: Tag) -> None:
        text = " ".join(tag.get_text(" ").split())
        if not text:
            return
        level = int(tag.name[1])
        if level == 1:
            self.result.note("Titre h1 dans le texte ramené à un intertitre h2.")
            level = 2
        elif level > 3:
            self.result.note(f"Intertitre h{level} ramené au niveau h3.")
            level = 3
        if level == 3 and not self.first_heading_seen:
            self.result.note("Premier intertitre en h3 (sans h2 avant lui) passé en h2.")
            level = 2
        self.first_heading_seen = True
        if len(text) > HEADING_MAX:
            self.result.note(f"Intertitre de plus de {HEADING_MAX} caractères raccourci.")
            text = _shorten(text, HEADING_MAX)
        self.result.blocks.append({"type": "heading", "value": {"text": text, "level": f"h{level}"}})

    def _quote(self, tag: Tag) -> None:
        if "twitter-tweet" in tag.get("class", []) or "instagram-media" in tag.get("class", []):
            links = [a.get("href", "") for a in tag.find_all("a")]
            url = next((embed_url(link) for link in reversed(links) if embed_url(link)), None)
            if url:
                self._embed(url, "")
                return
        cite = tag.find(["cite", "footer"])
        attribution = " ".join(cite.get_text(" ").split()) if cite else ""
        if cite:
            cite.extract()
        parts = [" ".join(p.get_text(" ").split()) for p in tag.find_all("p")] or [" ".join(tag.get_text(" ").split())]
        quote = "\n\n".join(part for part in parts if part)
        if not quote:
            return
        if len(quote) > QUOTE_MAX:
            self.result.note(f"Citation de plus de {QUOTE_MAX} caractères gardée comme paragraphe.")
            self._paragraph_html(
                "".join(f"<p>{_escape(part)}</p>" for part in parts) + (f"<p>{_escape(attribution)}</p>" if attribution else "")
            )
            return
        self.result.blocks.append({"type": "quote", "value": {"quote": quote, "attribution": _shorten(attribution, 200)}})

    def _table(self, tag: Tag) -> None:
        self.result.note("Tableau converti en paragraphes (une ligne par rangée).")
        rows = []
        for row in tag.find_all("tr"):
            cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
            if any(cells):
                rows.append("<p>" + _escape(" – ".join(cells)) + "</p>")
        if rows:
            self._paragraph_html("".join(rows))

    # --- Figures, images, embeds -----------------------------------------------------------------

    def _figure(self, tag: Tag) -> None:
        classes = " ".join(tag.get("class", []))
        caption_tag = tag.find("figcaption", recursive=False) or tag.find("figcaption")
        caption = " ".join(caption_tag.get_text(" ").split()) if caption_tag else ""
        if "wp-block-embed" in classes or (tag.find("iframe") and not tag.find("img")):
            wrapper = tag.find(class_="wp-block-embed__wrapper")
            url = wrapper.get_text(strip=True) if wrapper else ""
            iframe = tag.find("iframe")
            self._embed(url or (iframe.get("src", "") if iframe else ""), caption)
        elif tag.find("blockquote"):
            self._quote(tag.find("blockquote"))
        elif tag.find("table"):
            self._table(tag.find("table"))
        else:
            images = tag.find_all("img")
            if len(images) > 1:
                self.result.note("Galerie convertie en une suite d'images.")
            for image in images:
                inner = image.find_parent("figure")
                inner_caption = inner.find("figcaption") if inner is not None and inner is not tag else None
                own = " ".join(inner_caption.get_text(" ").split()) if inner_caption else ""
                self._image(image, caption=own or (caption if len(images) == 1 else ""))
            if not images:
                self._walk(list(tag.contents))

    def _gallery_ids(self, ids: str) -> None:
        numbers = [int(part) for part in re.findall(r"\d+", ids)]
        if numbers:
            self.result.note("Galerie convertie en une suite d'images.")
        for number in numbers:
            self.result.blocks.append({"type": "image", "value": ImageRef(number, "", "", "")})

    def _image(self, tag: Tag, *, caption: str) -> None:
        match = WP_IMAGE_CLASS.search(" ".join(tag.get("class", [])))
        attachment = match[1] if match else (tag.get("data-id") or "")
        src = tag.get("src") or ""
        if not attachment and not src:
            return
        self.result.blocks.append(
            {
                "type": "image",
                "value": ImageRef(
                    int(attachment) if str(attachment).isdigit() else None, src, _shorten(tag.get("alt", ""), ALT_MAX), caption
                ),
            }
        )
        if len(caption) > CAPTION_MAX:
            self.result.note(f"Légende de plus de {CAPTION_MAX} caractères raccourcie.")

    def _iframe(self, tag: Tag) -> None:
        src = tag.get("src", "")
        if embed_url(src):
            self._embed(src, "")
        else:
            host = urlparse(src).netloc or "adresse inconnue"
            self.result.note(f"Iframe d'un service inconnu supprimée ({host}).")

    def _embed(self, url: str, caption: str) -> None:
        target = embed_url(url)
        if target is None:
            self.result.note(f"Contenu intégré d'un service inconnu supprimé ({urlparse(url).netloc or url[:60]}).")
            return
        self.result.blocks.append({"type": "embed", "value": {"embed": target, "caption": _shorten(caption, CAPTION_MAX)}})


def convert_body(content: str) -> ConvertedBody:
    """Our blocks for a WordPress post's `content:encoded`, with the list of approximations."""
    return BodyConverter().convert(content)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"
