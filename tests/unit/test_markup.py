"""markup: which inputs take the fast paths, which Python-Markdown, HTMLParser; and a few outputs.

The goldens' blocks all take the fast paths, so this table keeps both routes in view; that the
routes give the same output is tests/test_fast_paths.py's job.
"""
from __future__ import annotations

import pytest

from pressrum import markup_html, markup_text


@pytest.mark.parametrize("block, fast", [
    ("Skåne är det län där flest aktörer beviljas bidrag.", True),
    ("Två rader\nav prosa med 1\u00a0500 kronor – och «citat».", True),
    ("Läs mer: [90 aktörer får bidrag](https://press.delmos.se/2021/beslut/).", True),
    ("## Fakta Delmos statsbidrag", True),
    ("#### Om Delmos", True),
    ("Anneli Tillberg  \nTelefon: 010-140 77 10", False),  # a hard line break
    ("- en punkt\n- en till", True),  # a list of plain one-line items (markup_html._plain_list)
    ("- en punkt\n- en *betonad*", False),
    ("- en punkt\n  fortsätter", False),  # an item over two lines
    ("1. första", False),
    ("Text med *betoning*", False),
    ("> ett citat", False),
    ("# Rubrik på nivå ett", False),  # h1 is not allowlisted: nh3 must see it
    ("## Rubrik med mellanslag sist\u00a0", False),
    ("<b>fet</b> text", False),
    ("[länk](https://x.se/?a=1)", False),  # '?' and '=' are outside the plain link
])
def test_a_block_takes_the_fast_path_or_python_markdown(block, fast):
    assert (markup_html._trusted_block(block) is not None) is fast
    assert markup_html.to_html(block) == markup_html.to_html_reference(block)


@pytest.mark.parametrize("text, independent", [
    ("Ett stycke.\n\nEtt till.", True),
    ("## Rubrik\n\nStycke.\n\n- punkt\n- punkt", True),
    ("Ett stycke.", False),  # one block: converted whole
    ("- punkt\n\n- punkt efter tom rad", False),  # a loose list
    ("> citat\n\n> citat", False),  # quotes merge
    ("Stycke\n\n    kod", False),  # indented
    ("[a][1]\n\n[1]: https://x.se", False),  # a reference defined elsewhere
    ("<div>\n\nx\n\n</div>", False),  # raw HTML
])
def test_text_is_split_into_blocks_only_when_they_are_independent(text, independent):
    assert (markup_html._independent_blocks(text) is not None) is independent
    assert markup_html.to_html(text) == markup_html.to_html_reference(text)


@pytest.mark.parametrize("fragment, fast", [
    ("<p>Ett stycke</p>\n<h2>Rubrik</h2>", True),
    ('<p>Läs <a href="https://press.delmos.se/">mer</a> &amp; se</p>', True),
    ("<ul>\n<li>ett</li>\n<li>två</li>\n</ul>", True),
    ("<p>rad<br>\nrad</p>", True),
    ("<P>versaler</P>", False),
    ('<a href="x" title="y">x</a>', False),
    ("<p>a < b</p>", False),
    ("<div>okänd tagg</div>", False),
])
def test_a_fragment_takes_the_fast_text_path_or_html_parser(fragment, fast):
    assert (markup_text._fast_text(fragment) is not None) is fast
    assert markup_text.to_text(fragment) == markup_text.to_text_reference(fragment)


@pytest.mark.parametrize("md, html", [
    ("Skåne får 1\u00a0500 kronor.", "<p>Skåne får 1&nbsp;500 kronor.</p>"),
    ("## Fakta", "<h2>Fakta</h2>"),
    ("[Delmos](https://www.delmos.se)", '<p><a href="https://www.delmos.se">Delmos</a></p>'),
    ("Ett.\n\n- a\n- b", "<p>Ett.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("Namn  \nTelefon", "<p>Namn<br>\nTelefon</p>"),
    ("*viktigt* & <script>x()</script>", "<p><em>viktigt</em> &amp; </p>"),
    ('[x](javascript:alert(1))', "<p><a>x</a></p>"),
    ("# Ett", "Ett"),
])
def test_to_html(md, html):
    assert markup_html.to_html(md) == html


@pytest.mark.parametrize("html, text", [
    ("<p>Ett</p>\n<p>Två</p>", "Ett\n\nTvå"),
    ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "• a\n• b"),
    ('<p>Se <a href="https://www.delmos.se">Delmos</a>.</p>', "Se Delmos (https://www.delmos.se)."),
    ('<p><a href="mailto:a@b.se">a@b.se</a> <a href="tel:+4610">ring</a></p>', "a@b.se (a@b.se) ring (+4610)"),
    ("<p>1&nbsp;500 &amp; mer</p>", "1\u00a0500 & mer"),
    ("<p>rad<br>\nrad</p>", "rad\n\nrad"),  # the <br> and the newline after it
])
def test_to_text(html, text):
    assert markup_text.to_text(html) == text
