"""JSON Schema for the content files, generated from the same models the build validates with.

``python build.py schema --out schema`` writes ``site.schema.json``, ``round.schema.json`` and
``county.schema.json``. Each content file names its schema on its first line::

    # yaml-language-server: $schema=../schema/site.schema.json

so VS Code (with the YAML extension) and other editors using yaml-language-server complete
keys, show the Swedish description of every field and mark mistakes as the officer types.

The schema is a helper for editors, not the judge: ``python build.py check`` is. Where an
editor's tool reads YAML 1.2 (``0114`` is a number there, ``ja`` a text), the schema accepts
what the build accepts, and leaves to the build what only the build can check (sums, known
counties and municipalities, the county of a municipality).
"""
from __future__ import annotations

import json
from pathlib import Path

from .model_base import Model
from .round_models import CountyFile, RoundFile
from .site_models import SiteFile
from .reference_models import reference

DRAFT = "http://json-schema.org/draft-07/schema#"

# (file name, model, title, description) – one schema per kind of content file.
SCHEMAS = (
    ("site.schema.json", SiteFile, "site.yaml",
     "Nyhetsrummet och avsändaren: content/site.yaml. Gäller alla omgångar."),
    ("round.schema.json", RoundFile, "round.yaml",
     "En bidragsomgång: content/rounds/<omgång>/round.yaml. Medel, ansökningar, beviljade aktörer och "
     "pressmeddelandetillfällen. Varje siffra skrivs en gång; summor och rangordning räknas fram."),
    ("county.schema.json", CountyFile, "<län>.yaml",
     "Ett läns uppgifter i en omgång: content/rounds/<omgång>/lan/<län>.yaml, till exempel skane.yaml. "
     "Beviljade aktörer i länet, namngivna mottagare, citat och stycken till det lokala pressmeddelandet."),
)

# Swedish names and descriptions of the parts (the models' docstrings are for programmers).
PARTS = {
    "Accessibility": ("Tillgänglighet", "Tillgänglighetsredogörelsens status, brister, datum och kontakt, som DIGG kräver."),
    "ActorType": ("Aktörstyp", "Vad en aktörstyp heter i löpande text."),
    "Announcement": ("Tillfälle", "Ett pressmeddelandetillfälle i omgången, till exempel beslutet."),
    "Contact": ("Presskontakt", "En presskontakt som står under rubriken 'Presskontakt' i pressmeddelandet."),
    "Correction": ("Rättelse", "En rättelse efter publicering; visas som 'Uppdaterad … – rättelse: …'."),
    "EarlyCount": ("Antalen hittills", "Antalen ansökningar, intresseanmälningar och sökande aktörer hittills, innan ansökan har stängt; pressmeddelandet säger 'hittills'."),
    "CountyCall": ("Utlysningen i länet", "Utlysningens belopp och antal inbjudna i länet; med dem får länet ett lokalt pressmeddelande om utlysningen."),
    "Earmark": ("Öronmärkta medel", "En del av medlen som är avsatt till ett särskilt ändamål."),
    "Scheme": ("Bidrag", "Ett bidrag med egen förordning, egna medel och egna sökande. Beloppen läggs inte ihop med andra bidrag utan summera: ja."),
    "MailSender": ("Avsändare av e-post", "Namnet och adressen på Från-raden i e-postutskicken."),
    "Mailing": ("E-postutskick", "Vem som skickar pressmeddelandena med e-post, till vilka listor, och hur gamla de får vara."),
    "Newsroom": ("Nyhetsrum", "Nyhetsrummets namn, adress och beskrivning."),
    "Organisation": ("Avsändare", "Myndigheten eller organisationen som skickar pressmeddelandena."),
    "Sender": ("Länets avsändare", "En annan myndighet, till exempel länsstyrelsen, som skickar länets lokala pressmeddelanden under eget namn, med egna kontakter och egen 'Om'-text."),
    "RoundSender": ("Omgångens avsändare", "Avsändarens namn det året, när myndigheten hette något annat än i site.yaml: namn, kortnamn om den hade ett, och om-text."),
    "NationalQuote": ("Nationellt citat", "Ett citat ur det nationella pressmeddelandet som också står i länets lokala pressmeddelande."),
    "Quote": ("Citat", "Ett direkt citat, skrivet som '– Text, säger Namn, titel på Organisation.'"),
    "GrantWords": ("Bidragets ord", "Vad bidraget, pengarna och det som räknas heter i pressmeddelandenas meningar."),
    "GrantWordsOverride": ("Bidragets ord för omgången", "Ord som ersätter site.yaml:s bidrag: för den här omgången, var och en för sig."),
    "Noun": ("Ord", "Ett substantiv med singular, plural och genus, till exempel skolhuvudman, skolhuvudmän, en."),
    "MoneyWord": ("Ordet för pengarna", "Ordet för pengarna med singular, plural, bestämd plural och genus, till exempel stöd, stöd, stöden, ett."),
    "MeasureWords": ("Mått", "Ett annat mått än pengar och antal, till exempel elever: enhetens ord och meningen som talet står i."),
    "MeasureValue": ("Måttets tal", "Talet för ett mått i hela landet eller i länet, med ett ord före när det är avrundat (cirka, drygt …)."),
    "Recipient": ("Mottagare", "En namngiven mottagare av bidrag i länet."),
    "Graphics": ("Grafik", "Källan och villkoren som står i kartan och diagrammet per län som journalister kan ladda ner."),
    "Report": ("Redovisning", "Årets redovisning till regeringen: medel, fördelat, ansökningar, beviljade, utbetalt och andelar; det som inte skrivs räknas fram ur omgången."),
    "Share": ("Andel", "En andel i redovisningen: en aktörstyp eller ett antal av en helhet, som bråk när det är exakt, annars i procent."),
    "NoNewGrants": ("Inga nya bidrag", "Ett år utan nya bidrag: pengarna går till tidigare års fleråriga bidrag (utbetalt, åtaganden, från-år)."),
    "Cancelled": ("Inställd omgång", "En inställd omgång: pengarna flyttas någon annanstans (flyttas-till, belopp, beslutat-av, beslutat)."),
    "PressImage": ("Pressbild", "En bild (JPEG eller PNG) i samma mapp som filen, med alternativtext, fotograf, licens och bildtext."),
}


def schema_for(model: type[Model], title: str, description: str) -> dict:
    """The JSON Schema (draft-07) of one content file, with Swedish titles and descriptions."""
    raw = reference(model).model_json_schema(by_alias=True, mode="validation")
    defs = raw.pop("$defs", {})
    schema = {"$schema": DRAFT, **_tidy(raw), "title": title, "description": description}
    if defs:
        schema["definitions"] = {}
        for name in sorted(defs):
            # A new model needs a Swedish name and description here (tests/test_schema.py checks).
            part_title, part_description = PARTS.get(name, (name, ""))
            schema["definitions"][name] = {**_tidy(defs[name]), "title": part_title, "description": part_description}
    return schema


def _tidy(node):
    """Draft-07 references, field titles equal to the key an editor types, closed free-key maps."""
    if isinstance(node, list):
        return [_tidy(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "properties":
            out[key] = {name: {**_tidy(prop), "title": name} for name, prop in value.items()}
        else:
            out[key] = _tidy(value)
    if "patternProperties" in out and "properties" not in out:
        out["additionalProperties"] = False  # keys of free maps follow the key pattern, nothing else
    return out


def schemas() -> dict[str, dict]:
    """Every schema, by file name."""
    return {name: schema_for(model, title, description) for name, model, title, description in SCHEMAS}


def render(schema: dict) -> str:
    """The schema as committed: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path | None) -> str | list[str]:
    """Write every schema into the folder ``out`` (returns the paths written), or with no
    folder return all of them as one JSON text (for printing)."""
    if out is None:
        return render(schemas()).rstrip("\n")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path.as_posix())
    return written
