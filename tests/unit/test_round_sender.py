"""The round's own sender name (round.yaml ``avsändare``): site.yaml's organisation under the
name the agency had that year, with a short name only where the round gives one."""
from __future__ import annotations

import pytest

from pressrum.counting_rules import round_organisation
from pressrum.round_models import RoundSender
from pressrum.site_models import Organisation

SITE = Organisation.model_validate({"namn": "Delegationen mot segregation", "kortnamn": "Delmos",
                                    "webbplats": "https://www.delmos.se", "om": "Om Delmos."})


@pytest.mark.parametrize("own, introduced, called, about", [
    (None, None, None, None),  # no override: site.yaml's, unchanged
    ({"namn": "Delegationen mot segregation i bostadsområden"},
     "Delegationen mot segregation i bostadsområden", "Delegationen mot segregation i bostadsområden", "Om Delmos."),
    ({"namn": "Delegationen för bostadsområden", "kortnamn": "DBO", "om": "Om DBO."},
     "Delegationen för bostadsområden (DBO)", "DBO", "Om DBO."),
])
def test_round_organisation(own, introduced, called, about):
    org = round_organisation(SITE, RoundSender.model_validate(own) if own else None)
    if own is None:
        assert org is None
        return
    assert (org.introduced, org.called, org.about, str(org.website)) == (introduced, called, about,
                                                                          str(SITE.website))
