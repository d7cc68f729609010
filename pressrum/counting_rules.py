"""The counting rules that derive and the checks share, so both apply them the same way: a round's
actor types, its sender, which announcements are its decisions, and which figure wins when an
editor typed one and the recipient list gives another.

They live apart from :mod:`pressrum.derive` so that the checks can read them without importing it
(derive calls the checks).
"""
from __future__ import annotations

from collections import Counter

from .facts import DECISION
from .grants import Grant, actors_by_type
from .round_models import CountyFile, RoundFile, RoundSender
from .site_models import ActorType, Organisation


def actor_types(site_types: dict[str, ActorType], round_types: dict[str, ActorType]) -> dict[str, ActorType]:
    """The round's actor types: site.yaml's, with the round's own words where it has them. A
    round's type without ``omfattar`` keeps site.yaml's legal types; with it (even ``[]``) its own."""
    own = {key: t if "covers" in t.model_fields_set or key not in site_types
           else t.model_copy(update={"covers": site_types[key].covers})
           for key, t in round_types.items()}
    return {**site_types, **own}


def round_organisation(site: Organisation, own: RoundSender | None) -> Organisation | None:
    """site.yaml's organisation under the round's own name (round.yaml's ``avsändare``), or None
    when the round has none. The round's short name only: site.yaml's is another name's."""
    if own is None:
        return None
    return site.model_copy(update={"name": own.name, "short_name": own.short_name, "about": own.about or site.about})


def decision_of(data: RoundFile) -> str | None:
    """The key of the round's decision (the first announcement of that kind), or None."""
    return next((k for k, a in data.announcements.items() if a.kind == DECISION), None)


def decisions_of(data: RoundFile) -> tuple[str, ...]:
    """The keys of the round's decisions in round.yaml order, the first being :func:`decision_of`'s;
    the checks hold that they are published in that order."""
    return tuple(k for k, a in data.announcements.items() if a.kind == DECISION)


def national_counts(data: RoundFile, decided: tuple[Grant, ...]) -> dict[str, int]:
    """Granted actors per type key in the whole country: as typed, else counted in the list.

    Unknown type keys are kept, so a check can compare them and report them where they are.
    """
    return dict(data.granted) if data.granted else dict(actors_by_type(decided))


def county_counts(data: CountyFile, grants: tuple[Grant, ...]) -> dict[str, int]:
    """Granted actors per type key in a county: typed figures win; without them the county
    file's recipients are the figure, and without those the recipient list's rows."""
    if data.granted:
        return dict(data.granted)
    if grants and not data.recipients:
        return dict(actors_by_type(grants))
    return dict(Counter(r.kind for r in data.recipients))
