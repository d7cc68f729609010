"""The lines ``check`` and ``build`` add about what waits for a later publication time."""
from __future__ import annotations

from . import sv


def _next(waiting) -> str:
    """`` (nästa: 17 maj 2021 kl. 10.00, Skåne och nationellt)``: the first waiting time and the
    places whose releases come out then (at most four named, the rest counted)."""
    places = waiting.places
    if len(places) > 4:
        places = (*places[:3], f"{sv.tal(len(places) - 3, 'ett')} till")
    named = f", {sv.lista(places)}" if places else ""
    return f" (nästa: {sv.datumtid(waiting.next)}{named})"


def _corrections(n: int) -> str:
    return sv.antal(n, "rättelse", "rättelser", "en")


def _waiting_in_check(waiting) -> str:
    """What ``check`` adds after ``N pressmeddelanden kan byggas`` (N counts the waiting ones):
    ``, varav två väntar på publicering (nästa: 16 maj 2022 kl. 10.00)``, and the corrections
    that wait; nothing when nothing waits."""
    if waiting.releases and waiting.corrections:
        return (f", varav {sv.tal(waiting.releases, 'ett')} väntar på publicering, "
                f"och {_corrections(waiting.corrections)} väntar{_next(waiting)}")
    if waiting.releases:
        return f", varav {sv.tal(waiting.releases, 'ett')} väntar på publicering{_next(waiting)}"
    if waiting.corrections:
        return f", och {_corrections(waiting.corrections)} väntar på publicering{_next(waiting)}"
    return ""


def _waiting_in_build(waiting, published: int) -> str:
    """What ``build`` adds after ``… filer i MAPP`` when something checked waits for its time:
    ``; ytterligare två pressmeddelanden väntar på publicering (nästa: 16 maj 2022 kl. 10.00)``
    ("ytterligare" only beside releases already out: after "inga pressmeddelanden" it is odd)."""
    what = []
    if waiting.releases:
        what.append(("ytterligare " if published else "") + sv.antal(waiting.releases, "pressmeddelande", "pressmeddelanden", "ett"))
    if waiting.corrections:
        what.append(_corrections(waiting.corrections))
    return f"; {' och '.join(what)} väntar på publicering{_next(waiting)}" if what else ""
