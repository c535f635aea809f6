"""Rules that correct what a small French NER model gets wrong on tech and business news.

`fr_core_news_sm` finds most people but files many organisations as places or « MISC »
(« Mistral AI », « OpenAI », « Inria »), takes sentence-initial common nouns and words of headings
in capitals for names (« Documentation », « SOUVERAINETÉ ») and often calls a one-word company a
person (« Bpifrance »). The rules below look at the words themselves:

* organisation patterns: a suffix (« AI », « Labs », « Capital »…), a head word (« Commission »,
  « Banque »…), a word in camel case (« GitHub », « xAI »), an acronym that is not a common one
  (« CNIL » yes, « PDG » no), a title with an article (« Les Echos », « The Verge »);
* people: a known first name followed by capitalised words and particles (« Ursula von der
  Leyen », « Jean-Noël Barrot »);
* common words: a word of the French dictionary the model ships (its lemmatizer's tables) is not
  a name on its own at the start of a sentence or in capitals.

Everything here is pure Python over spaCy tokens; `entities.ner` applies it.
"""

import re
from functools import cache
from pathlib import Path

PERSON, ORGANISATION = "personne", "entreprise"

ORG_SUFFIXES = frozenset(
    {
        "AI",
        "IA",
        "Labs",
        "Lab",
        "Capital",
        "Partners",
        "Ventures",
        "Company",
        "Technologies",
        "Technology",
        "Group",
        "Groupe",
        "Systèmes",
        "Systems",
        "Inc",
        "Inc.",
        "Corp",
        "Corporation",
        "SA",
        "SAS",
        "SE",
        "Ltd",
        "Holding",
        "Holdings",
        "Media",
        "Médias",
        "Bank",
        "Research",
        "Foundation",
        "Institute",
        "Robotics",
        "Cloud",
        "Networks",
        "Studios",
        "Pharma",
        "Motors",
        "Airlines",
        "Telecom",
        "Télécom",
        "Paribas",
    }
)
ORG_HEADS = frozenset(
    {
        "Commission",
        "Assemblée",
        "Banque",
        "Université",
        "Fondation",
        "Institut",
        "Conseil",
        "Agence",
        "Autorité",
        "Parlement",
        "Ministère",
        "Cour",
        "Sénat",
        "Laboratoire",
        "Société",
        "Caisse",
        "École",
        "Union",
        "Comité",
        "Fédération",
        "Syndicat",
        "Association",
        "Office",
    }
)
# Acronyms a journalist writes that are not organisations.
COMMON_ACRONYMS = frozenset(
    {
        "IA",
        "AI",
        "PDG",
        "DG",
        "DRH",
        "USD",
        "EUR",
        "GBP",
        "PME",
        "ETI",
        "TPE",
        "API",
        "GPU",
        "CPU",
        "TPU",
        "NPU",
        "LLM",
        "RGPD",
        "UE",
        "TVA",
        "CDI",
        "CDD",
        "RH",
        "BTP",
        "PIB",
        "SMS",
        "PDF",
        "HTML",
        "AGI",
        "ASI",
        "IPO",
        "CEO",
        "CTO",
        "CFO",
        "COO",
        "VP",
        "IT",
        "TV",
        "PC",
        "QR",
        "VR",
        "AR",
        "IOT",
        "SAAS",
        "B2B",
        "B2C",
        "ETF",
        "OPA",
        "OPE",
        "CA",
        "OK",
        "USA",
        "UK",
        "RD",
        "R&D",
        "NB",
        "PS",
        "MM",
        "II",
        "III",
        "IV",
        "XXE",
        "XXIE",
    }
)
# Words that look like company names but name products.
NOT_ORGANISATIONS = frozenset({"chatgpt", "iphone", "ipad", "macbook", "playstation", "copilot", "gemini", "llama"})
ARTICLE_TITLES = frozenset({"Le", "La", "Les", "The", "L'", "L’"})
PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "dos",
        "bin",
        "ben",
        "le",
        "la",
        "Le",
        "La",
        "Van",
        "Von",
        "De",
    }
)
DEFINITE_BEFORE = frozenset({"l'", "l’", "L'", "L’", "le", "la", "Le", "La", "du", "au"})
SENTENCE_BREAKS = frozenset({".", "!", "?", ":", ";", "«", "»", "—", "–", "-", "\n", "\n\n", "…"})
CIVILITIES = frozenset({"M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Monsieur", "Madame"})

_CAMEL = re.compile(r"[a-zà-ÿ][A-Z]|^[A-Z]{2,}[a-z]{2,}")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")


@cache
def first_names() -> frozenset[str]:
    """The shipped list of first names (`ner_data/first_names.txt`)."""
    path = Path(__file__).with_name("ner_data") / "first_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_all_caps(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def is_first_name(word: str, extra: frozenset = frozenset()) -> bool:
    """« Jean-Noël » counts when « Jean » does."""
    head = word.split("-")[0]
    return word in extra or head in extra or word in first_names() or head in first_names()


def is_camel_case(word: str) -> bool:
    return bool(_CAMEL.search(word))


def is_acronym(word: str, dictionary) -> bool:
    """« CNIL », « NFDG », « SSI »: not a common acronym, not a word of a heading in capitals."""
    return bool(_ACRONYM.match(word)) and word.upper() not in COMMON_ACRONYMS and not dictionary(word)


def looks_like_organisation(words: list[str], dictionary) -> bool:
    """A suffix, a head word, camel case, an acronym or a title with an article."""
    if not words or " ".join(words).casefold() in NOT_ORGANISATIONS:
        return False
    if len(words) > 1 and (words[-1] in ORG_SUFFIXES or words[0] in ORG_HEADS):
        return True
    if len(words) > 1 and words[0] in ARTICLE_TITLES and all(is_capitalised(word) for word in words):
        return True
    return any(is_camel_case(word) or is_acronym(word, dictionary) for word in words)


def at_sentence_start(doc, index: int) -> bool:
    """The token opens the text or follows a sentence break (or a line break)."""
    if index == 0:
        return True
    previous = doc[index - 1]
    return previous.text in SENTENCE_BREAKS or "\n" in previous.text or previous.is_space


def person_spans(doc, extra_first_names: frozenset = frozenset()) -> list[tuple[int, int]]:
    """(start, end) token spans of « first name + capitalised words and particles »."""
    spans = []
    index = 0
    while index < len(doc):
        token = doc[index]
        if is_capitalised(token.text) and not is_all_caps(token.text) and is_first_name(token.text, extra_first_names):
            end = index + 1
            last_name_end = None
            while end < len(doc):
                word = doc[end].text
                if word in PARTICLES:
                    end += 1
                    continue
                if is_capitalised(word) and word.isalpha() or (is_capitalised(word) and "-" in word):
                    end += 1
                    last_name_end = end
                    continue
                break
            if last_name_end is not None:
                spans.append((index, last_name_end))
                index = last_name_end
                continue
        index += 1
    return spans
