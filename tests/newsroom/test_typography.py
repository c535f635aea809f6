import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.typography import _french_typography_strict, french_typography

NBSP = "\u00a0"
NNBSP = "\u202f"

HEADLINE = "De l'achat d'entreprises à la création d'emplois : l'approche de Meta pour atteindre la \"superintelligence\""
HEADLINE_TYPOGRAPHED = (
    f"De l’achat d’entreprises à la création d’emplois{NBSP}: l’approche de Meta pour atteindre la «{NNBSP}superintelligence{NNBSP}»"
)


# --- punctuation spacing ---------------------------------------------------------------


def test_colon_gets_no_break_space():
    assert french_typography("Attention: travaux") == f"Attention{NBSP}: travaux"


def test_space_before_colon_becomes_no_break_space():
    assert french_typography("Attention : travaux") == f"Attention{NBSP}: travaux"


@pytest.mark.parametrize("mark", [";", "!", "?"])
def test_semicolon_exclamation_and_question_get_narrow_no_break_space(mark):
    assert french_typography(f"Vraiment{mark} oui") == f"Vraiment{NNBSP}{mark} oui"
    assert french_typography(f"Vraiment {mark} oui") == f"Vraiment{NNBSP}{mark} oui"


def test_repeated_marks_get_a_single_space():
    assert french_typography("Quoi ?! Non !!") == f"Quoi{NNBSP}?! Non{NNBSP}!!"


def test_punctuation_at_end_of_text_is_spaced():
    assert french_typography("Et maintenant ?") == f"Et maintenant{NNBSP}?"


# --- quotes and apostrophes ------------------------------------------------------------


def test_straight_double_quotes_become_guillemets_with_narrow_spaces():
    assert french_typography('la "superintelligence"') == f"la «{NNBSP}superintelligence{NNBSP}»"


def test_quoted_phrase_becomes_guillemets():
    assert french_typography('Il a dit "nous verrons bien" hier') == f"Il a dit «{NNBSP}nous verrons bien{NNBSP}» hier"


def test_guillemets_typed_with_spaces_get_narrow_no_break_spaces():
    assert french_typography("« mot » et «\u00a0mot\u00a0»") == f"«{NNBSP}mot{NNBSP}» et «{NNBSP}mot{NNBSP}»"


def test_nested_quotes_use_curly_quotes_inside_guillemets():
    assert french_typography("Il a dit : \"elle a dit 'non'\".") == f"Il a dit{NBSP}: «{NNBSP}elle a dit “non”{NNBSP}»."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("l'IA", "l’IA"),
        ("d'emplois", "d’emplois"),
        ("qu'il", "qu’il"),
        ("jusqu'à", "jusqu’à"),
        ("lorsqu'on", "lorsqu’on"),
        ("aujourd'hui", "aujourd’hui"),
        ("C'est", "C’est"),
        ("L'Oréal", "L’Oréal"),
    ],
)
def test_french_elision_apostrophe_becomes_typographic(raw, expected):
    assert french_typography(raw) == expected


def test_launch_headline_example():
    assert french_typography(HEADLINE) == HEADLINE_TYPOGRAPHED


# --- escaped input ---------------------------------------------------------------------


def test_escaped_launch_headline_is_typographed_like_the_raw_one():
    escaped = html.escape(HEADLINE)
    assert "&#x27;" in escaped and "&quot;" in escaped
    assert french_typography(escaped) == HEADLINE_TYPOGRAPHED


@pytest.mark.parametrize("quote", ["&quot;", "&#34;", "&#x22;", "&QUOT;"])
def test_escaped_double_quotes_become_guillemets(quote):
    assert french_typography(f"la {quote}superintelligence{quote}") == f"la «{NNBSP}superintelligence{NNBSP}»"


@pytest.mark.parametrize("apostrophe", ["&#x27;", "&#39;", "&apos;", "&#X27;"])
def test_escaped_apostrophe_becomes_typographic(apostrophe):
    assert french_typography(f"l{apostrophe}approche") == "l’approche"


def test_escaped_markup_characters_stay_escaped():
    text = "Tom &amp; Jerry : &lt;em&gt;pas une balise&lt;/em&gt; &amp;quot;"
    assert french_typography(text) == f"Tom &amp; Jerry{NBSP}: &lt;em&gt;pas une balise&lt;/em&gt; &amp;quot;"


def test_escaped_quote_left_straight_keeps_its_reference():
    assert french_typography("un &quot; seul, 5&#x27; : fin") == f"un &quot; seul, 5&#x27;{NBSP}: fin"


def test_escaped_text_stays_attribute_safe():
    out = french_typography(html.escape('Le "test" d\'<b>Apple</b> : 5\' & "x'))
    assert not set(out) & set("<>\"'")
    assert html.unescape(out) == f"Le «{NNBSP}test{NNBSP}» d’<b>Apple</b>{NBSP}: 5' & \"x"


def test_other_references_keep_their_spelling():
    assert french_typography("mot&nbsp;: suite&#233; ; fin") == f"mot&nbsp;: suite&#233;{NNBSP}; fin"


# --- protected content -----------------------------------------------------------------


@pytest.mark.parametrize("element", ["code", "pre", "kbd", "samp", "var", "script", "style"])
def test_protected_elements_are_untouched(element):
    inner = 'a = "b"; c: d ? l\'x'
    assert (
        french_typography(f"<p>Voir : <{element}>{inner}</{element}> !</p>") == f"<p>Voir{NBSP}: <{element}>{inner}</{element}>{NNBSP}!</p>"
    )


def test_escaped_quotes_inside_code_stay_escaped():
    source = "<code>print(&quot;l&#x27;a : b&quot;)</code> : ok"
    assert french_typography(source) == f"<code>print(&quot;l&#x27;a : b&quot;)</code>{NBSP}: ok"


def test_attributes_are_untouched():
    source = '<a href="http://a.b/c?d=1&amp;e=\'f\'" title="Le &quot;titre&quot; : l\'IA ?">lien</a> : ok'
    assert french_typography(source) == source.replace("</a> : ok", f"</a>{NBSP}: ok")


@pytest.mark.parametrize(
    "url",
    [
        "http://a.b/c?d=1",
        "https://example.fr/a:b?c=d!e;f",
        "https://fr.wikipedia.org/wiki/L'Équipe",
        "https://example.fr/?a=1&amp;b=l&#x27;x:y!z;&amp;",
        "www.example.fr/page?x=1",
        "https://fr.wikipedia.org/wiki/Mercure_(planète)",
    ],
)
def test_bare_url_is_untouched(url):
    assert french_typography(f"Voir {url} pour en savoir plus") == f"Voir {url} pour en savoir plus"


def test_sentence_punctuation_after_url_is_still_spaced():
    assert (
        french_typography("Allez sur https://example.fr/a ! Puis https://example.fr/b?")
        == f"Allez sur https://example.fr/a{NNBSP}! Puis https://example.fr/b{NNBSP}?"
    )


def test_quoted_url_gets_guillemets_and_url_is_untouched():
    assert french_typography('le lien "https://example.fr/l\'a?b=1"') == f"le lien «{NNBSP}https://example.fr/l'a?b=1{NNBSP}»"


@pytest.mark.parametrize("text", ["à 10:30 précises", "12:30:45", "ratio 16:9", "std::vector et Foo::bar", "C:\\Windows"])
def test_times_ratios_and_code_like_tokens_are_untouched(text):
    assert french_typography(text) == text


# --- markup ----------------------------------------------------------------------------


def test_nested_tags_are_typographed_and_kept():
    source = '<p>Selon <strong>l\'<em>AMF</em></strong> : "<a href="/x">c\'est <em>fini</em></a>" !</p>'
    assert (
        french_typography(source)
        == f'<p>Selon <strong>l’<em>AMF</em></strong>{NBSP}: «{NNBSP}<a href="/x">c’est <em>fini</em></a>{NNBSP}»{NNBSP}!</p>'
    )


def test_quotes_around_inline_tag_get_narrow_spaces_outside_the_tag():
    assert french_typography('Il dit "<em>bonjour</em>"') == f"Il dit «{NNBSP}<em>bonjour</em>{NNBSP}»"


def test_punctuation_right_after_inline_tag_gets_space():
    assert (
        french_typography("<strong>Mise à jour</strong>: le <em>vrai</em>? <code>f()</code>; fin")
        == f"<strong>Mise à jour</strong>{NBSP}: le <em>vrai</em>{NNBSP}? <code>f()</code>{NNBSP}; fin"
    )


@pytest.mark.parametrize("source", ["<p>Note</p><p>: suite</p>", "Note<br>: suite", "Note</em>\n: suite", "«<br>mot"])
def test_no_space_is_added_across_a_block_or_line_boundary(source):
    assert french_typography(source) == source


def test_apostrophe_next_to_tag_boundary_becomes_typographic():
    assert french_typography("l'<em>IA</em> et <em>l</em>'IA") == "l’<em>IA</em> et <em>l</em>’IA"


def test_comments_and_doctype_are_untouched():
    source = '<!-- a : "b" --><p>x : y</p>'
    assert french_typography(source) == f'<!-- a : "b" --><p>x{NBSP}: y</p>'


# --- what is left alone ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        HEADLINE_TYPOGRAPHED,
        f"<p>«{NNBSP}<em>Bonjour</em>{NNBSP}», dit-il{NNBSP}; puis{NBSP}: «{NNBSP}au revoir{NNBSP}»{NNBSP}!</p>",
        "l’IA, aujourd’hui, qu’il",
        f"Quoi{NNBSP}?! 10:30{NBSP}: ok",
    ],
)
def test_already_typographed_input_is_unchanged(text):
    assert french_typography(text) == text


@pytest.mark.parametrize(
    "text",
    ["Et alors...", "un -- deux - trois", "(c) 2024 (tm)", "2x3", "1990-2000", "e-mail", "Ctrl+Alt"],
)
def test_characters_other_than_spaces_quotes_and_apostrophes_are_not_changed(text):
    assert french_typography(text) == text


def test_number_and_unit_are_bound():
    assert french_typography("50 % des 10 km") == f"50{NBSP}% des 10{NBSP}km"


@pytest.mark.parametrize("empty", ["", None])
def test_empty_or_none_returns_empty_string(empty):
    assert french_typography(empty) == ""


def test_text_without_typographic_characters_is_returned_as_is():
    text = "<p>Une phrase sans rien à corriger</p>"
    assert french_typography(text) is text


def test_unparseable_fragments_do_not_raise():
    for source in ["<", "a < b : c", "<p", "&", "&#", "&#x;", "<!", "<![CDATA[x : y]]>", "</p>: x", '<a href=\'x>"y" : z']:
        out = french_typography(source)
        assert french_typography(out) == out


@pytest.mark.parametrize("text", [HEADLINE, html.escape(HEADLINE), 'Il dit "<em>bonjour</em>" : "oui" !', "« mot »"])
def test_idempotent_on_examples(text):
    once = french_typography(text)
    assert french_typography(once) == once


# --- properties ------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Meta",
        "IA",
        "approche",
        "été",
        "superintelligence",
        "l'IA",
        "d'emplois",
        "qu'il",
        "aujourd'hui",
        "C'est",
        "rock'n'roll",
        "10:30",
        "50",
        "%",
        "M.",
        "Dupont",
        "http://a.b/c?d=1",
        "www.x.fr/a'b",
        "std::vector",
        "1990-2000",
        "...",
    ]
)
PUNCTUATION = st.sampled_from([":", ";", "!", "?", ",", ".", "?!", "…", "(", ")", "-", "—"])
QUOTE_MARKS = st.sampled_from(['"', "'", "«", "»", "“", "”", "‘", "’", "&quot;", "&#x27;", "&#39;"])
SPACES = st.sampled_from([" ", " ", " ", "  ", NBSP, NNBSP, "\n"])
REFERENCES = st.sampled_from(["&amp;", "&lt;", "&gt;", "&nbsp;", "&#233;"])
TEXT = st.lists(st.one_of(WORDS, PUNCTUATION, QUOTE_MARKS, SPACES, REFERENCES, st.just("<br>")), max_size=12).map("".join)
HREFS = st.sampled_from(["/a", "http://a.b/c?d=1&amp;e=2", 'https://x.fr/l\'a?b="c"'.replace('"', "&quot;")])


def _wrap(children):
    return st.one_of(
        children.map(lambda inner: f"<em>{inner}</em>"),
        children.map(lambda inner: f"<strong>{inner}</strong>"),
        children.map(lambda inner: f"<p>{inner}</p>"),
        st.tuples(HREFS, children).map(lambda pair: f'<a href="{pair[0]}" title="a : &quot;b&quot; l\'x ?">{pair[1]}</a>'),
        TEXT.map(lambda inner: f"<code>{inner}</code>"),
        TEXT.map(lambda inner: f"<pre>{inner}</pre>"),
        st.lists(children, min_size=2, max_size=4).map("".join),
    )


HTML = st.recursive(TEXT, _wrap, max_leaves=12)

TAG = re.compile(r"<[^>]*>")
PROTECTED = re.compile(r"<(code|pre)>(.*?)</\1>", re.DOTALL)
FOLD = str.maketrans({" ": None, NBSP: None, NNBSP: None, **dict.fromkeys("'’\"«»“”‘", "'")})


def _text_skeleton(source):
    return html.unescape(TAG.sub("", source)).translate(FOLD)


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_property_idempotent(source):
    once = french_typography(source)
    assert french_typography(once) == once


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_property_markup_is_unchanged(source):
    assert TAG.findall(french_typography(source)) == TAG.findall(source)


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_property_text_changes_only_in_spaces_and_quotes(source):
    assert _text_skeleton(french_typography(source)) == _text_skeleton(source)


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_property_code_and_pre_are_unchanged(source):
    assert PROTECTED.findall(french_typography(source)) == PROTECTED.findall(source)


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_property_never_falls_back_and_fast_path_agrees(source):
    # The public function swallows errors and skips work on "nothing to do" input; the strict
    # pipeline must give the same answer, otherwise a fallback is hiding a bug.
    assert _french_typography_strict(source) == french_typography(source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, PUNCTUATION, QUOTE_MARKS, SPACES, st.sampled_from(["<b>", "&", "<", ">"])), max_size=12).map("".join))
def test_property_escaped_plain_text_stays_escaped(text):
    out = french_typography(html.escape(text))
    assert not set(out) & set("<>\"'")
    assert html.unescape(out).translate(FOLD) == text.translate(FOLD)
