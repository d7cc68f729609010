"""Text an editor marked ``exempeltext: ja``: never published, always labelled in a preview.

Example text (an invented quote, a recipient description written to show the format) may be
in the content while a newsroom is set up. A published build refuses it, with one located
problem per text; a ``--drafts`` or ``serve`` preview shows it with a visible label, in the
HTML and in the ``.txt`` and ``.md`` versions alike (the label is text, not styling, so a
screen reader reads it and a printout shows it).

The places a flag can be set today: a quote (an announcement's ``citat`` in round.yaml, a
county file's ``citat``) and a recipient's description (``mottagare`` in a county file).
"""

from __future__ import annotations

from dataclasses import replace

from . import markup
from .errors import Problem
from .facts import CountyFacts
from .release_models import Quote

# Markdown: bold, so the page, the .md download and the .txt version all show it first.
LABEL = markup.MarkdownText("**Exempeltext, inte verklig text:**")

def quote_problems(quotes: tuple[Quote, ...], paths: tuple, source) -> list[Problem]:
    """One located problem per quote marked as example text (``paths``: each quote's key path;
    a national quote repeated in a local release is refused there too, at the repetition)."""
    out = []
    for q, path in zip(quotes, paths):
        if not q.example:
            continue
        if path[0] == "nationella-citat":
            out.append(Problem(source.place(path + ("nummer",)),
                               f"det nationella citatet från {q.name} som upprepas här är exempeltext och får inte publiceras",
                               "byt det i round.yaml mot ett verkligt citat och ta bort raden 'exempeltext: ja', eller ta bort upprepningen här"))
        else:
            out.append(Problem(source.place(path + ("exempeltext",)),
                               f"citatet från {q.name} är exempeltext och får inte publiceras",
                               "byt det mot ett verkligt citat och ta bort raden 'exempeltext: ja', eller ta bort citatet"))
    return out


def recipient_problems(county: CountyFacts | None, source) -> list[Problem]:
    """One located problem per recipient whose description is marked as example text."""
    if county is None:
        return []
    return [Problem(source.place(("mottagare", i, "exempeltext")),
                    f"beskrivningen av {r.name} är exempeltext och får inte publiceras",
                    "byt den mot en verklig beskrivning och ta bort raden 'exempeltext: ja', eller ta bort beskrivningen")
            for i, r in enumerate(county.recipients) if r.example and r.description]


def labelled_county(county: CountyFacts | None) -> CountyFacts | None:
    """The county with every example description prefixed by the label (for a preview)."""
    if county is None or not any(r.example and r.description for r in county.recipients):
        return county
    recipients = tuple(r.model_copy(update={"description": markup.MarkdownText(f"{LABEL} {r.description}")})
                       if r.example and r.description else r for r in county.recipients)
    return replace(county, recipients=recipients)


def labelled_quote(paragraph: markup.MarkdownText) -> markup.MarkdownText:
    """A rendered quote paragraph with the label before it (for a preview)."""
    return markup.MarkdownText(f"{LABEL} {paragraph}")
