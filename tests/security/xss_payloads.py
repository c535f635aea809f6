"""A catalogue of XSS payloads, each of which calls `window.__xss(N)` (or `alert(N)`) if it ever runs.

`payloads()` returns them numbered from 1; the number is written into the payload, so the browser
test knows which one fired. They cover the classic families (script tags, event handlers,
javascript:/data: URLs, SVG and MathML, attribute breakouts with ' and ", template injection,
</script> breakouts of JSON-LD, CSS, entity- and unicode-encoded variants, mutation XSS, markdown
links, control and bidirectional characters, a very long string). NUL characters are kept apart
(`NUL_PAYLOADS`): PostgreSQL cannot store them and Django's forms refuse them.
"""

TEMPLATES = [
    # script tags
    "<script>__xss({n})</script>",
    "<SCRIPT SRC=data:text/javascript,__xss({n})></SCRIPT>",
    "<scr<script>ipt>__xss({n})</scr</script>ipt>",
    "<script>/*</script><svg onload=__xss({n})>*/</script>",
    # event handlers
    "<img src=x onerror=__xss({n})>",
    "<img src=x onerror='__xss({n})'>",
    '<body onload="__xss({n})">',
    "<svg/onload=__xss({n})>",
    "<details open ontoggle=__xss({n})>",
    "<input autofocus onfocus=__xss({n})>",
    "<video><source onerror=__xss({n})></video>",
    "<iframe srcdoc='<script>parent.__xss({n})</script>'></iframe>",
    "<marquee onstart=__xss({n})>",
    "<object data=javascript:__xss({n})></object>",
    # javascript: and data: URLs
    "javascript:__xss({n})",
    "JaVaScRiPt:__xss({n})",
    " javascript:__xss({n})",
    "java\tscript:__xss({n})",
    "javascript&colon;__xss({n})",
    "data:text/html,<script>parent.__xss({n})</script>",
    "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMSk8L3NjcmlwdD4=#{n}",
    "<a href=javascript:__xss({n})>clic</a>",
    "[clic](javascript:__xss({n}))",
    "![image](x onerror=__xss({n}))",
    # SVG and MathML
    "<svg><script>__xss({n})</script></svg>",
    "<svg><animate onbegin=__xss({n}) attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:__xss({n})><text y=20>clic</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss({n})>",
    "<math href=javascript:__xss({n})>clic</math>",
    # attribute breakouts
    '" onmouseover="__xss({n})" x="',
    "' onmouseover='__xss({n})' x='",
    '"><script>__xss({n})</script>',
    "'><script>__xss({n})</script>",
    '" autofocus onfocus="__xss({n})',
    "`><img src=x onerror=__xss({n})>",
    # template injection
    "{{{{ __xss({n}) }}}}",
    "{{% debug %}}{{{{ request }}}} {n}",
    "{{{{constructor.constructor('__xss({n})')()}}}}",
    "${{__xss({n})}}",
    "#{{__xss({n})}}",
    # </script> breakouts (JSON-LD, inline data)
    "</script><script>__xss({n})</script>",
    '"}}</script><script>__xss({n})</script>',
    "<!--<script>__xss({n})</script>-->",
    "]]></script><script>__xss({n})</script>",
    # CSS
    "<style>@import 'javascript:__xss({n})';</style>",
    '<div style="background:url(javascript:__xss({n}))">x</div>',
    "expression(__xss({n}))",
    "<link rel=stylesheet href=data:text/css,*{{x:expression(__xss({n}))}}>",
    # encoded variants
    "&lt;script&gt;__xss({n})&lt;/script&gt;",
    "&#60;img src=x onerror=__xss({n})&#62;",
    "\\u003cscript\\u003e__xss({n})\\u003c/script\\u003e",
    "%3Cscript%3E__xss({n})%3C%2Fscript%3E",
    "\uff1cscript\uff1e__xss({n})\uff1c/script\uff1e",
    "<img src=x onerror=&#95;&#95;xss&#40;{n}&#41;>",
    # mutation XSS
    '<noscript><p title="</noscript><img src=x onerror=__xss({n})>">',
    '<svg></p><style><a id="</style><img src=1 onerror=__xss({n})>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss({n})>",
    # control, bidirectional and invisible characters
    "\u202egnp.exe<img src=x onerror=__xss({n})>",
    "<scr\u200bipt>__xss({n})</scr\u200bipt>",
    "<img\u000csrc=x\u000bonerror=__xss({n})>",
    "<img src=x onerror=__xss({n})>\r\n<script>__xss({n})</script>",
    # a plain alert, for the dialog listener
    "<img src=x onerror=alert({n})>",
]

# A very long string: the payload after 4,000 characters of text (fields cut it to their length).
LONG_PREFIX = "Texte très long " * 250

NUL_PAYLOADS = ["<scr\x00ipt>__xss(0)</scr\x00ipt>", "\x00<img src=x onerror=__xss(0)>"]


def payloads() -> list[str]:
    """Every payload, numbered from 1 (the number is the argument of its `__xss` call)."""
    numbered = [template.format(n=number) for number, template in enumerate(TEMPLATES, start=1)]
    numbered.append(LONG_PREFIX + f"<script>__xss({len(numbered) + 1})</script>")
    return numbered
