"""Read a WordPress eXtended RSS export (WXR 1.1 or 1.2) as a stream, safely.

The file is read in 64 KiB chunks through defusedxml's parser (no DTD, so no entity expansion and
no external reference: the « billion laughs » and its relatives stop at their DOCTYPE line), and
each `<item>` is handed out then dropped from the tree, so memory stays bounded whatever the size
of the export. A text node over `MAX_TEXT` characters or elements nested deeper than `MAX_DEPTH`
stop the reading too. Every refusal is a `WXRError` with a French message naming the line.
"""

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, TreeBuilder, XMLPullParser

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

CHUNK = 64 * 1024
MAX_DEPTH = 40
MAX_TEXT = 8 * 1024 * 1024  # characters of one text node: a post of 8 million characters is no post
WXR_NAMESPACES = {"http://wordpress.org/export/1.1/": "1.1", "http://wordpress.org/export/1.2/": "1.2"}
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
EXCERPT_NS_PREFIX = "http://wordpress.org/export/"  # excerpt:encoded lives in .../1.x/excerpt/
DC_NS = "http://purl.org/dc/elements/1.1/"


class WXRError(Exception):
    """The file cannot be imported at all: the message is French and names the line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"Ligne {line} : {message}" if line else message)


@dataclass
class Channel:
    """The site-level part of the export: where it comes from, its people and its terms."""

    version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict[str, dict] = field(default_factory=dict)  # login → display name, e-mail…
    categories: dict[str, dict] = field(default_factory=dict)  # nicename → name, term id, parent
    category_ids: dict[str, str] = field(default_factory=dict)  # term id → nicename

    @property
    def site_url(self) -> str:
        """The key of this WordPress site: its address, without a trailing slash, lower-cased host."""
        url = (self.base_site_url or self.base_blog_url or self.link).strip().rstrip("/")
        scheme, sep, rest = url.partition("://")
        if not sep:
            return url.lower()
        host, slash, path = rest.partition("/")
        return f"{scheme.lower()}://{host.lower()}{slash}{path}"


@dataclass
class Item:
    """One `<item>`: a post, a page, an attachment or anything else WordPress exports."""

    line: int
    wp_id: int | None
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    slug: str
    date_gmt: str
    date_local: str
    modified_gmt: str
    parent: int | None
    password: str
    attachment_url: str
    terms: list[tuple[str, str, str]]  # (domain, nicename, name)
    meta: dict[str, str]
    comments: int

    def fingerprint_data(self) -> dict:
        """Everything read from the item, for its fingerprint (the line number left out)."""
        data = dict(self.__dict__)
        data.pop("line")
        return data


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


class _CountingBuilder(TreeBuilder):
    """A tree builder that refuses an oversized text node as it grows, not once it is in memory."""

    def __init__(self, reader):
        super().__init__()
        self._reader = reader
        self._text = 0

    def start(self, tag, attrs):
        self._text = 0
        return super().start(tag, attrs)

    def end(self, tag):
        self._text = 0
        return super().end(tag)

    def data(self, data):
        self._text += len(data)
        if self._text > MAX_TEXT:
            raise WXRError("un texte dépasse 8 millions de caractères : le fichier est refusé.", self._reader.line())
        return super().data(data)


class WXRReader:
    """Stream the channel information, then each item, out of an export file."""

    def __init__(self, path):
        self.path = path
        self.channel = Channel()
        self._expat = None

    def line(self) -> int | None:
        return self._expat.CurrentLineNumber if self._expat is not None else None

    def items(self) -> Iterator[Item]:
        """Every item of the file, in order; `self.channel` is filled as its elements go by.

        Raises WXRError on a malformed file, a forbidden construct or a wrong format.
        """
        xml_parser = DefusedXMLParser(target=_CountingBuilder(self), forbid_dtd=True)
        self._expat = xml_parser.parser
        pull = XMLPullParser(events=("start", "end"), _parser=xml_parser)
        depth = 0
        stack = []
        try:
            with open(self.path, "rb") as stream:
                while chunk := stream.read(CHUNK):
                    pull.feed(chunk)
                    for event, element in pull.read_events():
                        if event == "start":
                            depth += 1
                            if depth > MAX_DEPTH:
                                raise WXRError("les éléments sont imbriqués trop profondément : le fichier est refusé.", self.line())
                            if depth == 1:
                                self._check_root(element)
                            stack.append(element)
                            continue
                        depth -= 1
                        stack.pop()
                        found = self._end(element, stack)
                        if found is not None:
                            yield found
                pull.close()
                for _event, _element in pull.read_events():
                    pass
        except WXRError:
            raise
        except DefusedXmlException as error:
            raise WXRError(
                "le fichier déclare une DTD ou des entités (ce qui permet les « bombes XML ») : il est refusé. "
                "Un export WordPress n'en contient pas.",
                self.line(),
            ) from error
        except ParseError as error:
            line = error.position[0] if getattr(error, "position", None) else self.line()
            raise WXRError(f"le fichier n'est pas un XML bien formé ({_expat_reason(error)}).", line) from error
        if not self.channel.version:
            raise WXRError("ce fichier n'est pas un export WordPress (WXR 1.1 ou 1.2) : aucune version WXR trouvée.")

    def _check_root(self, element) -> None:
        if _local(element.tag)[1] != "rss":
            raise WXRError(
                f"ce fichier n'est pas un export WordPress : il commence par <{_local(element.tag)[1]}> au lieu de <rss>.", self.line()
            )

    def _end(self, element, stack) -> Item | None:
        namespace, name = _local(element.tag)
        parent = _local(stack[-1].tag)[1] if stack else None
        if parent != "channel":
            return None
        item = None
        if name == "item":
            item = self._item(element)
        elif namespace in WXR_NAMESPACES or namespace.startswith(EXCERPT_NS_PREFIX):
            self._channel_element(namespace, name, element)
        elif name == "title":
            self.channel.title = (element.text or "").strip()
        elif name == "link":
            self.channel.link = (element.text or "").strip()
        # Done with it: the channel keeps no child, so the tree never grows with the file.
        stack[-1].remove(element)
        return item

    def _channel_element(self, namespace: str, name: str, element) -> None:
        channel = self.channel
        if name == "wxr_version":
            version = (element.text or "").strip()
            if version not in WXR_NAMESPACES.values():
                raise WXRError(f"version WXR « {version} » non prise en charge : seules les versions 1.1 et 1.2 le sont.", self.line())
            channel.version = version
        elif name == "base_site_url":
            channel.base_site_url = (element.text or "").strip()
        elif name == "base_blog_url":
            channel.base_blog_url = (element.text or "").strip()
        elif name == "author":
            values = _children(element)
            login = values.get("author_login", "").strip()
            if login:
                channel.authors[login] = values
        elif name == "category":
            values = _children(element)
            nicename = values.get("category_nicename", "").strip()
            if nicename:
                channel.categories[nicename] = values
                if values.get("term_id"):
                    channel.category_ids[values["term_id"].strip()] = nicename

    def _item(self, element) -> Item:
        if not self.channel.version:
            raise WXRError("ce fichier n'est pas un export WordPress (WXR 1.1 ou 1.2) : un article précède la version WXR.", self.line())
        fields, terms, meta, comments = {}, [], {}, 0
        guid = ""
        for child in element:
            namespace, name = _local(child.tag)
            if name == "category" and not namespace:
                terms.append((child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip()))
            elif name == "postmeta":
                values = _children(child)
                if values.get("meta_key"):
                    meta[values["meta_key"]] = values.get("meta_value", "")
            elif name == "comment":
                comments += 1
            elif name == "guid":
                guid = (child.text or "").strip()
            elif name == "encoded":
                fields["content" if namespace == CONTENT_NS else "excerpt"] = child.text or ""
            elif namespace == DC_NS and name == "creator":
                fields["creator"] = (child.text or "").strip()
            else:
                fields[name] = child.text or ""
        return Item(
            line=self.line() or 0,
            wp_id=_int(fields.get("post_id")),
            post_type=fields.get("post_type", "").strip(),
            status=fields.get("status", "").strip(),
            title=html.unescape(fields.get("title", "")).strip(),
            link=fields.get("link", "").strip(),
            guid=guid,
            creator=fields.get("creator", ""),
            content=fields.get("content", ""),
            excerpt=fields.get("excerpt", ""),
            slug=fields.get("post_name", "").strip(),
            date_gmt=fields.get("post_date_gmt", "").strip(),
            date_local=fields.get("post_date", "").strip(),
            modified_gmt=fields.get("post_modified_gmt", "").strip(),
            parent=_int(fields.get("post_parent")),
            password=fields.get("post_password", ""),
            attachment_url=fields.get("attachment_url", "").strip(),
            terms=terms,
            meta=meta,
            comments=comments,
        )


def _children(element) -> dict[str, str]:
    return {_local(child.tag)[1]: child.text or "" for child in element}


def _int(value) -> int | None:
    try:
        number = int((value or "").strip())
    except ValueError:
        return None
    return number if number > 0 else None


def _expat_reason(error: ParseError) -> str:
    text = str(error).split(":")[0]
    return {
        "mismatched tag": "une balise fermante ne correspond pas à la balise ouverte",
        "not well-formed (invalid token)": "caractère ou balise invalide",
        "unclosed token": "balise non fermée",
        "no element found": "le fichier est vide ou tronqué",
        "undefined entity": "entité inconnue",
        "junk after document element": "du contenu suit la fin du document",
        "syntax error": "erreur de syntaxe",
        "unclosed CDATA section": "section CDATA non fermée",
    }.get(text, text)
