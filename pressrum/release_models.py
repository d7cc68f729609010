"""The content model of a release occasion (``tillfällen`` in round.yaml): its kind, time, quotes,
paragraphs and the figures of its kind (a call's dates, an early count, a report's figures).

Each typed figure may carry its approximation word, a sibling ``-ord`` field (``approx.py``).
"""
from __future__ import annotations

from .approx import ROUNDING_PATTERN, WORD, RoundingWord
from .fields import Amount, Count, CountyChoice, Flag, Key, Markdown, Text, When, Year
from .model_base import Field
from .site_models import Contact, _Model


class Quote(_Model):
    """A direct quote, printed as ``– Text, säger Namn, titel på Org.``; the preposition follows
    the organisation (one chairs *i* an association, works *vid* a university), so it is content."""

    text: Text = Field(alias="text", description="Själva citatet, utan tankstreck och citattecken.")
    name: Text = Field(alias="namn", description="Vem som säger det.")
    title: Text | None = Field(None, alias="titel", description="Titel med liten bokstav, till exempel 'direktör'.")
    organisation: Text | None = Field(None, alias="organisation", description="Organisation; standard är avsändarens kortnamn.")
    preposition: str = Field("på", alias="preposition", pattern="^(på|i|vid|för|hos)$", description="Ordet mellan titel och organisation: på, i, vid, för eller hos ('ordförande i Malmö mot segregation'). Standard: på.")
    after: Key = Field("ingress", alias="efter", description="Var citatet står: efter 'ingress' eller efter ett namngivet stycke i mallen.")
    example: Flag = Field(False, alias="exempeltext", description="ja om citatet är exempeltext och inte ett verkligt citat.")


class Correction(_Model):
    """A correction to a published release (shown as "Uppdaterad … – rättelse: …")."""

    time: When = Field(alias="tid", description="När rättelsen gjordes (svensk tid).")
    text: Text = Field(alias="text", description="Vad som rättades.")
    send: Flag = Field(False, alias="skicka", description="ja om rättelsen ska skickas med e-post till prenumeranterna igen.")


class Share(_Model):
    """A share in a report (``andelar`` under ``redovisning``): a count of a whole, stated as a
    fraction where it is exact ("en femtedel av landets kommuner"), else as a percentage."""

    kind: Key | None = Field(None, alias="typ", description="Aktörstypen (nyckel under aktörstyper) vars antal beviljade är delen; antalet räknas fram ur omgångens beslut och tillägg. Skriv typ eller antal.")
    count: Count | None = Field(None, alias="antal", description="Delen, med siffror, när den inte är ett antal beviljade av en aktörstyp. Skriv typ eller antal.")
    whole: Count = Field(alias="av", description="Helheten som delen räknas av, till exempel 290 (landets kommuner).")
    what: Text = Field(alias="vad", description="Vad helheten är, efter 'en femtedel av', till exempel 'landets kommuner'.")


class Report(_Model):
    """``redovisning`` under a release of the kind redovisning: the year's report to the government.

    A figure left out is derived from the round where it can be (the budget from ``medel``,
    what was distributed and granted from the decisions and supplements published before the
    report, the applications from ``ansökningar``); a typed one is checked against them."""

    budget: Amount | None = Field(None, alias="medel", description="Beloppet att fördela enligt redovisningen, i kronor. Standard: omgångens medel.")
    budget_word: str | None = Field(None, alias="medel-ord", pattern=ROUNDING_PATTERN, description="Ord före medlen när beloppet är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    distributed: Amount | None = Field(None, alias="fördelat", description="Det som fördelades, i kronor. Standard: summan av besluten och tilläggen före redovisningen, när den är känd. Får inte vara mer än medlen.")
    distributed_word: str | None = Field(None, alias="fördelat-ord", pattern=ROUNDING_PATTERN, description="Ord före det fördelade beloppet när det är ungefärligt ('drygt 61 miljoner kronor'). Kontrollerna jämför då beloppet som ungefärligt.")
    applications: Count | None = Field(None, alias="ansökningar", description="Antal ansökningar. Standard: omgångens ansökningar.")
    applications_word: str | None = Field(None, alias="ansökningar-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet ansökningar när det är ungefärligt ('över 300 ansökningar').")
    granted: Count | None = Field(None, alias="beviljade", description="Antal beviljade aktörer. Standard: besluten och tilläggen före redovisningen. Får inte vara fler än ansökningarna.")
    granted_word: str | None = Field(None, alias="beviljade-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet beviljade när det är ungefärligt ('nära hundra' skrivs 'nästan' och 100).")
    paid: Amount | None = Field(None, alias="utbetalt", description="Det som betalades ut under året, i kronor (kan omfatta tidigare års fleråriga åtaganden).")
    paid_word: str | None = Field(None, alias="utbetalt-ord", pattern=ROUNDING_PATTERN, description="Ord före det utbetalda beloppet när det är ungefärligt.")
    paid_year: Year | None = Field(None, alias="utbetalt-år", description="Året då beloppet betalades ut. Standard: omgångens år.")
    to: Text = Field("regeringen", alias="lämnas-till", description="Vem redovisningen lämnas till, efter 'har lämnat sin redovisning av … till'. Standard: regeringen.")
    shares: tuple[Share, ...] = Field((), alias="andelar", description="Andelar som redovisningen nämner, till exempel hur stor del av landets kommuner som fick bidrag: typ eller antal, av och vad.")


class EarlyCount(_Model):
    """``hittills`` under an applications release: the intake counted so far, before the call closes
    ("Hittills har Delmos fått in över 150 ansökningar"); round.yaml's own counts are the final ones."""

    registrations: Count | None = Field(None, alias="intresseanmälningar", description="Antal intresseanmälningar hittills.")
    registrations_word: str | None = Field(None, alias="intresseanmälningar-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet intresseanmälningar när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    applications: Count | None = Field(None, alias="ansökningar", description="Antal ansökningar hittills.")
    applications_word: str | None = Field(None, alias="ansökningar-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet ansökningar när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    applicants: Count | None = Field(None, alias="sökande-aktörer", description="Antal aktörer som hittills har sökt (en aktör kan skicka flera ansökningar).")
    applicants_word: str | None = Field(None, alias="sökande-aktörer-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet sökande aktörer när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")


class Announcement(_Model):
    """One release occasion in a round (``tillfällen``), e.g. the decision."""

    kind: Key = Field("beslut", alias="typ", description="Vilket slags pressmeddelande: utlysning, ansokningar, beslut, tillagg, redovisning, inga-nya-bidrag, installd eller nyhet. Varje typ har mallar i templates/releases/<typ>/.")
    published: When = Field(alias="publiceras", description="Publiceringstid, svensk tid, till exempel 2021-05-17 10:00.")
    quotes: tuple[Quote, ...] = Field((), alias="citat", description="Citat i det nationella pressmeddelandet.")
    paragraphs: dict[Key, Markdown] = Field({}, alias="stycken", description="Fria stycken (Markdown), med valfria namn. Ett namn som mallen har (nytt, ideella, fakta) står där mallen sätter det, alla andra i den ordning de skrivs.")
    contacts: tuple[Contact, ...] | None = Field(None, alias="kontakter", description="Presskontakter om de ska vara andra än i site.yaml.")
    corrections: tuple[Correction, ...] = Field((), alias="rättelser", description="Rättelser efter publicering.")
    advance: tuple[Text, ...] = Field((), alias="förhandskopior", description="E-postadresser eller listor (nationellt, ett läns slug) som får pressmeddelandet under embargo före publiceringstiden.")
    schemes: tuple[Key, ...] = Field((), alias="ordningar", description="Vilka bidrag (nycklar under ordningar) pressmeddelandet handlar om. Standard: alla.")
    summed: Flag = Field(False, alias="summera", description="ja om pressmeddelandet får lägga ihop beloppen för flera bidrag.")
    granted: dict[Key, Count] = Field({}, alias="beviljade", description="För ett tillägg eller ett senare beslut: antal nya aktörer per aktörstyp (annars från beviljade.csv).")
    granted_words: dict[Key, RoundingWord] = Field({}, alias="beviljade-ord", description=f"För ett tillägg eller ett senare beslut: ord före ett ungefärligt antal nya aktörer under beviljade, per aktörstyp: {WORD} ('ytterligare drygt 20 ideella organisationer'). Bara när antalen skrivs här, inte med rader i beviljade.csv för tillfället, vars antal är exakta. Totalen efter tillfället blir då lika ungefärlig, och kontrollerna jämför den som ungefärlig.")
    granted_total: Count | None = Field(None, alias="beviljade-totalt", description="För ett beslut eller tillägg: totalt antal beviljade aktörer i omgången efter det här tillfället, som myndigheten anger det ('Totalt har 84 aktörer beviljats bidrag'). Kontrolleras mot besluten hittills och får aldrig vara lägre än efter ett tidigare beslut.")
    amount: Amount | None = Field(None, alias="belopp", description="Beloppet i beslutet, i kronor (annars från beviljade.csv, om det finns).")
    amount_word: str | None = Field(None, alias="belopp-ord", pattern=ROUNDING_PATTERN, description="Ord före beloppet när det är avrundat: drygt, knappt, cirka, nästan, omkring eller över. Kontrollerna jämför då beloppet som ungefärligt: efter drygt och över får listans summa vara större, efter knappt och nästan mindre, efter cirka och omkring både och.")
    opens: When | None = Field(None, alias="öppnar", description="För typen utlysning: när ansökan öppnar, svensk tid, till exempel 2025-03-02 08:00.")
    closes: When | None = Field(None, alias="stänger", description="För typen utlysning: när ansökan stänger, svensk tid, till exempel 2025-04-03 12:00. Efter öppnar.")
    may_apply: tuple[Key, ...] = Field((), alias="får-söka", description="För typen utlysning: vilka aktörstyper (nycklar under aktörstyper) som får söka. Standard: alla omgångens aktörstyper.")
    caps: dict[Key, Amount] = Field({}, alias="högst", description="För typen utlysning: högsta belopp i kronor per aktörstyp ('högst 40 miljoner kronor till kommuner'). Inget tak får vara större än utlysningens belopp eller medel, utom när belopp-ord säger att beloppet är ungefärligt eller mer (cirka, omkring, drygt, över).")
    eligible: Count | None = Field(None, alias="behöriga", description="För typen utlysning: hur många aktörer som kan söka.")
    eligible_word: str | None = Field(None, alias="behöriga-ord", pattern=ROUNDING_PATTERN, description=f"Ord före antalet behöriga när det är ungefärligt: {WORD} ('omkring 290 aktörer').")
    invited: Count | None = Field(None, alias="inbjudna", description="För typen utlysning: hur många aktörer som har bjudits in att söka.")
    invited_word: str | None = Field(None, alias="inbjudna-ord", pattern=ROUNDING_PATTERN, description=f"Ord före antalet inbjudna när det är ungefärligt: {WORD}.")
    early: EarlyCount | None = Field(None, alias="hittills", description="För typen ansokningar: antalen hittills, innan ansökan har stängt. Pressmeddelandet säger då 'hittills' och använder dessa antal; omgångens egna antal (ansökningar, intresseanmälningar, sökande-aktörer) är de slutliga och får inte vara mindre.")
    label: Text | None = Field(None, alias="etikett", description="Vad pressmeddelandet kallas i dateringsraden och i listorna, till exempel Pressinbjudan eller Nyhet. Standard: Pressmeddelande (Lokalt pressmeddelande i listorna för ett läns).")
    local_counties: CountyChoice | None = Field(None, alias="lokala-pressmeddelanden", description="För ett beslut eller tillägg: vilka län som får ett lokalt pressmeddelande, till exempel [skane, stockholm], eller inga. Ersätter omgångens lokala-pressmeddelanden för det här tillfället. Standard: varje län med mottagare i tillfället. För en redovisning: vilka län som får ett eget pressmeddelande om redovisningen, med länets siffror ur beviljade.csv (mottagarna i besluten och tilläggen före redovisningen). Standard för en redovisning: inga.")
    headline: Text | None = Field(None, alias="rubrik", description="För typen nyhet: rubriken. För andra typer: egen rubrik för det nationella pressmeddelandet i stället för den genererade (högst 70 tecken).")
    lead: Markdown | None = Field(None, alias="ingress", description="För typen nyhet: ingressen (Markdown).")
    text: Markdown | None = Field(None, alias="text", description="För typen nyhet: brödtexten (Markdown).")
    report: Report | None = Field(None, alias="redovisning", description="För typen redovisning: redovisningens siffror (medel, fördelat, ansökningar, beviljade, utbetalt, andelar), var och en med sitt ord när den är ungefärlig.")
