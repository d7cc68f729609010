"""The content model: what editors may write in ``content/``, declared once.

Keys are Swedish (the editors are Swedish); attribute names are English. Every field has a
Swedish description, which ``build.py schema`` publishes as JSON Schema for editors' tools.
Models check the shape and the type of single values; facts that involve several values or
files (sums, ranks, county against national figures) are checked in ``checks.py``.
"""
from __future__ import annotations

import re

from typing import Annotated

from . import sv
from .fields import fail
from .fields import (Amount, BaseUrl, Count, CountyChoice, Day, Email, Flag, HttpsUrl, Key, KommunRef, LanRef, Markdown,
                     Phone, Text, Url, When, Year)
from .model_base import Field, Matching, Model, field_validator


# Unknown keys are refused, keys are the Swedish aliases, values are frozen (model_base).
class _Model(Model):
    pass


class Contact(_Model):
    """A press contact as printed under the heading "Presskontakt"."""

    name: Text = Field(alias="namn", description="Kontaktpersonens för- och efternamn.")
    title: Text | None = Field(None, alias="titel", description="Titel med liten bokstav, till exempel 'presschef'.")
    organisation: Text | None = Field(None, alias="organisation", description="Organisation om den inte är avsändaren.")
    email: Email | None = Field(None, alias="e-post", description="E-postadress.")
    phone: Phone | None = Field(None, alias="telefon", description="Telefonnummer med riktnumret markerat, till exempel 010-140 77 10.")


class ActorType(_Model):
    """What an actor type is called in running text (the words change over the years)."""

    singular: Text = Field(alias="singular", description="Singular, till exempel 'kommun eller region'.")
    plural: Text = Field(alias="plural", description="Plural, till exempel 'kommuner och regioner'.")
    sender: Text | None = Field(None, alias="från", description="Efter 'ansökningar från …', till exempel 'kommuner'. Standard: pluralformen.")
    gender: str = Field("en", alias="genus", pattern="^(en|ett)$", description="'en' eller 'ett' (en kommun, ett förbund).")
    covers: tuple[Text, ...] = Field((), alias="omfattar", description="Vilka typer i listan över beviljade (beviljade.csv) som räknas hit, till exempel kommun, fristående skola, aktiebolag. Listan tar emot dessa typer och inga andra.")


class Noun(_Model):
    """A noun with the forms the templates need: "aktör"/"aktörer", en; "projekt"/"projekt", ett."""

    singular: Text = Field(alias="singular", description="Singular obestämd form, till exempel 'projekt' eller 'skolhuvudman'.")
    plural: Text = Field(alias="plural", description="Plural obestämd form, till exempel 'projekt' eller 'skolhuvudmän'.")
    gender: str = Field(alias="genus", pattern="^(en|ett)$", description="'en' eller 'ett' (en skolhuvudman, ett projekt).")


class MoneyWord(Noun):
    """The word for the money: "statsbidrag", "bidrag", "stöd", "ersättning"."""

    definite_plural: Text = Field(alias="bestämd-plural", description="Plural bestämd form, till exempel 'bidragen' eller 'stöden'.")


# What a count of granted actors stands for in running text: "31 kommuner" (mottagare),
# "fem cykelvägar" (åtgärder) or "sju ansökningar från kommuner" (ansökningar).
COUNTS_PATTERN = "^(mottagare|ansökningar|åtgärder)$"
# Which figure the headline of a decision leads with: the count, or the money.
ANGLE_PATTERN = "^(antal|belopp)$"
# The words an agency rounds a figure with in its own text ("drygt 25 miljoner kronor").
ROUNDING_PATTERN = "^(drygt|knappt|cirka|nästan|omkring|över)$"
# A part of a whole may also be a share of it (approx.FRACTIONS): "hälften från kommuner".
PART_PATTERN = "^(drygt|knappt|cirka|nästan|omkring|över|hälften|en tredjedel|två tredjedelar|en fjärdedel|tre fjärdedelar|en femtedel)$"
WORD = "drygt, knappt, cirka, nästan, omkring eller över"
PartWord = Annotated[str, Matching(PART_PATTERN)]
RoundingWord = Annotated[str, Matching(ROUNDING_PATTERN)]  # a rounding word as a dict value


class MeasureWords(_Model):
    """A measure other than money and count (``mått`` under ``bidrag``): its unit and its sentence."""

    singular: Text = Field(alias="singular", description="Enheten i singular, till exempel 'elev' eller 'ton koldioxid per år'.")
    plural: Text = Field(alias="plural", description="Enheten i plural, till exempel 'elever' eller 'ton koldioxid per år'.")
    gender: str = Field("en", alias="genus", pattern="^(en|ett)$", description="'en' eller 'ett' (en elev, ett ton).")
    sentence: Text = Field(alias="mening", description="Meningen som talet står i. {antal} blir talet med enhet ('cirka 120 000 elever'), {plats} blir 'i Skåne' eller 'i hela landet'. Till exempel '{antal} {plats} får ta del av kulturen.'")

    @field_validator("sentence")
    @classmethod
    def _placeholders(cls, text: str) -> str:
        # Only the two names Python fills in; any other {…} would be printed as it stands.
        others = sorted(set(re.findall(r"\{([^{}]*)\}", text)) - {"antal", "plats"})
        if others:
            raise fail(f"okänt namn '{others[0]}' inom klammerparenteser i meningen", "skriv bara {antal} och {plats} inom klammerparenteser")
        if "{antal}" not in text:
            raise fail("meningen saknar platsen för talet", "skriv {antal} där talet ska stå, till exempel '{antal} {plats} får ta del av kulturen.'")
        return text


class MeasureValue(_Model):
    """A measure's figure in a round or a county (``mått`` in round.yaml or a county file)."""

    count: Count = Field(alias="antal", description="Talet, med siffror.")
    word: str | None = Field(None, alias="ord", pattern=ROUNDING_PATTERN, description="Ord före talet när det är avrundat: drygt, knappt, cirka, nästan, omkring eller över.")


class GrantWords(_Model):
    """``bidrag`` in site.yaml: the grant's words, which the templates put into their sentences."""

    name: Text = Field(alias="namn", description="Bidraget i löptext och rubriker, efter 'får' och 'ansökningar om', till exempel 'bidrag till kultur i skolan'.")
    headline_name: Text | None = Field(None, alias="rubriknamn", description="Bidraget kort i rubriker, efter 'får', till exempel 'bidrag mot segregation'. Standard: samma som namn.")
    purpose: Text = Field(alias="till", description="Vad pengarna går till, efter 'fördela 10 miljoner kronor till', till exempel 'kultur i skolan'.")
    purpose_for: Text | None = Field(None, alias="för", description="Efter 'har beviljats bidrag för', till exempel 'arbete mot segregation'. Standard: samma som till.")
    recipients_purpose: Text | None = Field(None, alias="för-mottagarna", description="Efter 'beslut om fördelning av bidrag till 58 kommuner för', till exempel 'deras arbete mot segregation'. Standard: samma som för.")
    unit: Noun = Field(alias="räknas", description="Vad som räknas i rubriker och text ('12 skolhuvudmän får …'), med singular, plural och genus.")
    word: MoneyWord | None = Field(None, alias="ord", description="Ordet för pengarna i 'har beviljat … till', till exempel 'statsbidrag' eller 'stöd'. Standard: bidrag.")
    short_word: Noun | None = Field(None, alias="kortord", description="Kort ord för pengarna i 'har beviljats …' och 'fleråriga …'. Standard: samma som ord.")
    title: Text | None = Field(None, alias="titel", description="Omgångssidans rubrik före året, till exempel 'Skapande skola'. Standard: ord med versal.")
    fact_heading: Text | None = Field(None, alias="faktarubrik", description="Rubriken över faktarutan i pressmeddelanden. Standard: 'Fakta om' och bidragets namn.")
    earmarked: Text | None = Field(None, alias="öronmärkt", description="Efter 'som' och före beloppet när en del av medlen är öronmärkt, till exempel 'regeringen avsatt'. Standard: 'det avsatts'.")
    counts: str = Field("mottagare", alias="antal-avser", pattern=COUNTS_PATTERN, description="Vad ett antal beviljade står för i text: mottagare ('31 kommuner och 20 friskolor'), åtgärder ('fem cykelvägar') eller ansökningar ('sju ansökningar från kommuner'). Standard: mottagare.")
    angle: str = Field("antal", alias="vinkel", pattern=ANGLE_PATTERN, description="Vad beslutets rubriker leder med: antal ('51 skolhuvudmän i Skåne får …') eller belopp ('Skåne får drygt 25 miljoner kronor till …'). Standard: antal.")
    measures: dict[Key, MeasureWords] = Field({}, alias="mått", description="Andra mått än pengar och antal, till exempel elever: enhet och mening. Talen står i omgångarna och länen under mått.")


class GrantWordsOverride(_Model):
    """``bidrag`` in round.yaml: the grant's words for one round, each replacing site.yaml's."""

    name: Text | None = Field(None, alias="namn", description="Bidraget i löptext och rubriker.")
    headline_name: Text | None = Field(None, alias="rubriknamn", description="Bidraget kort i rubriker.")
    purpose: Text | None = Field(None, alias="till", description="Vad pengarna går till.")
    purpose_for: Text | None = Field(None, alias="för", description="Efter 'har beviljats bidrag för'.")
    recipients_purpose: Text | None = Field(None, alias="för-mottagarna", description="Efter 'beslut om fördelning av bidrag till 58 kommuner för'.")
    unit: Noun | None = Field(None, alias="räknas", description="Vad som räknas, med singular, plural och genus.")
    word: MoneyWord | None = Field(None, alias="ord", description="Ordet för pengarna.")
    short_word: Noun | None = Field(None, alias="kortord", description="Kort ord för pengarna.")
    title: Text | None = Field(None, alias="titel", description="Omgångssidans rubrik före året.")
    fact_heading: Text | None = Field(None, alias="faktarubrik", description="Rubriken över faktarutan.")
    earmarked: Text | None = Field(None, alias="öronmärkt", description="Efter 'som' och före beloppet för öronmärkta medel.")
    counts: str | None = Field(None, alias="antal-avser", pattern=COUNTS_PATTERN, description="Vad ett antal beviljade står för: mottagare, åtgärder eller ansökningar.")
    angle: str | None = Field(None, alias="vinkel", pattern=ANGLE_PATTERN, description="Vad beslutets rubriker leder med: antal eller belopp.")
    measures: dict[Key, MeasureWords] | None = Field(None, alias="mått", description="Andra mått än pengar och antal (ersätter site.yaml:s).")


class Organisation(_Model):
    name: Text = Field(alias="namn", description="Organisationens fullständiga namn.")
    short_name: Text | None = Field(None, alias="kortnamn", description="Kortnamn, till exempel Delmos. Utan kortnamn används hela namnet.")
    website: Url | None = Field(None, alias="webbplats", description="Organisationens webbplats.")
    email: Email | None = Field(None, alias="e-post", description="Allmän e-postadress (används i tillgänglighetsredogörelsen).")
    about: Markdown = Field(alias="om", description="Text under rubriken 'Om organisationen' i varje pressmeddelande (Markdown).")

    @property
    def called(self) -> str:
        """What text calls the sender after the first mention: the short name, else the name."""
        return self.short_name or self.name

    @property
    def introduced(self) -> str:
        """The first mention: "Delegationen mot segregation (Delmos)", or the name alone."""
        return f"{self.name} ({self.short_name})" if self.short_name and self.short_name != self.name else self.name


class Sender(Organisation):
    """``avsändare`` in a county file: another organisation (a länsstyrelse) sends the county's
    local releases under its own name, contacts and "Om" text; the grant stays site.yaml's."""

    email: Email | None = Field(None, alias="e-post", description="Allmän e-postadress.")
    about: Markdown = Field(alias="om", description="Text under rubriken 'Om …' i länets lokala pressmeddelanden (Markdown).")
    contacts: tuple[Contact, ...] = Field(alias="presskontakter", min_length=1, description="Presskontakter som står i länets lokala pressmeddelanden (om länsfilen inte har egna kontakter).")


class RoundSender(_Model):
    """``avsändare`` in round.yaml: the organisation's name that year, when it was another than
    site.yaml's (the agency renamed, or before it existed); the newsroom stays site.yaml's."""

    name: Text = Field(alias="namn", description="Avsändarens namn det året, till exempel 'Delegationen mot segregation i bostadsområden'.")
    short_name: Text | None = Field(None, alias="kortnamn", description="Kortnamnet det året, bara om avsändaren hade ett ('(Delmos)' skrivs då efter namnet första gången). Utan kortnamn skrivs hela namnet varje gång; site.yaml:s kortnamn gäller inte.")
    about: Markdown | None = Field(None, alias="om", description="Text under rubriken 'Om …' i omgångens pressmeddelanden (Markdown). Standard: site.yaml:s om-text.")


class Newsroom(_Model):
    title: Text = Field(alias="titel", description="Nyhetsrummets namn, visas överst på varje sida och i flödena.")
    base_url: BaseUrl = Field(alias="bas-url", description="Adressen där releases/ publiceras, till exempel https://press.delmos.se/.")
    description: Text = Field(alias="beskrivning", description="En mening om nyhetsrummet (startsidan och flödena).")
    language: str = Field("sv", alias="språk", pattern="^sv$", description="Språk: alltid sv.")
    hub: HttpsUrl | None = Field(None, alias="websub-nav", description="Adressen till ett WebSub-nav (https://) som flödena anger och som får veta när de ändras, till exempel https://pubsubhubbub.appspot.com/.")


class Accessibility(_Model):
    """``tillgänglighet`` in site.yaml: what the accessibility statement says of the site's
    compliance (DIGG's wording), since when, and where problems are reported."""

    status: str = Field(alias="status", pattern="^(helt|delvis|inte)$", description="Hur väl webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service: helt, delvis eller inte (förenlig).")
    shortcomings: tuple[Text, ...] = Field((), alias="brister", validate_default=True, description="De brister som gör webbplatsen delvis eller inte förenlig, en mening var. Krävs när status är delvis eller inte.")
    made: Day = Field(alias="upprättad", description="Datum då redogörelsen upprättades, till exempel 2021-05-10.")
    reviewed: Day = Field(alias="granskad", description="Datum då webbplatsen senast granskades och redogörelsen sågs över, till exempel 2026-11-02.")
    email: Email | None = Field(None, alias="e-post", description="Adress dit man rapporterar brister. Standard: organisationens e-postadress.")

    @property
    def fully(self) -> bool:
        """The site is fully compliant (status helt)."""
        return self.status == "helt"

    @property
    def partly(self) -> bool:
        """The site is partly compliant (status delvis)."""
        return self.status == "delvis"

    @field_validator("shortcomings")
    @classmethod
    def _reasons(cls, shortcomings, info):
        status = info.data.get("status")
        # plain Swedish, the fields named only as lines to write (issue 15, messages)
        if status in ("delvis", "inte") and not shortcomings:
            raise fail(f"redogörelsen säger att webbplatsen är {status} förenlig med lagen, men den räknar inte upp "
                       "några brister",
                       "skriv varje brist på en egen rad under 'brister:', till exempel "
                       "'- Diagrammen saknar textalternativ.', eller skriv 'status: helt' om inga brister finns")
        if status == "helt" and shortcomings:
            raise fail("redogörelsen säger att webbplatsen är helt förenlig med lagen, men den räknar ändå upp brister",
                       "skriv 'status: delvis' om bristerna finns kvar, eller ta bort de brister som är åtgärdade")
        return shortcomings

    @field_validator("reviewed")
    @classmethod
    def _after_made(cls, reviewed, info):
        made = info.data.get("made")
        if made and reviewed < made:
            raise fail(f"enligt redogörelsen granskades webbplatsen den {sv.datum(reviewed)}, före den dag "
                       f"redogörelsen upprättades ({sv.datum(made)})",
                       "skriv dagen för den senaste granskningen efter 'granskad:', samma dag som "
                       "redogörelsen upprättades eller senare")
        return reviewed


class MailSender(_Model):
    name: Text = Field(alias="namn", description="Avsändarens namn i e-postens Från-rad.")
    email: Email = Field(alias="e-post", description="Avsändarens e-postadress.")


class Mailing(_Model):
    """``e-postutskick`` in site.yaml: who sends the releases by e-mail, and to which lists."""

    sender: MailSender = Field(alias="avsändare", description="Från-raden i utskicken.")
    national_to_counties: Flag = Field(False, alias="nationellt-till-länslistor", description="ja om det nationella pressmeddelandet också skickas till alla länslistor.")
    max_age_days: Count = Field(7, alias="högsta-ålder-dagar", description="Pressmeddelanden som publicerades för fler dagar sedan skickas aldrig (till exempel ett importerat arkiv).")
    signup: Url | None = Field(None, alias="anmälan", description="Adressen till anmälningssidan för e-post (länssidorna länkar dit när den finns).")
    unsubscribe_email: Email | None = Field(None, alias="avregistrering-e-post", description="Adress som tar emot avregistreringar per e-post (List-Unsubscribe).")
    signup_kinds: dict[Key, Text] = Field({}, alias="anmälan-typer", description="Typer av pressmeddelanden som den som anmäler sig kan välja bland, med vad de heter på anmälningssidan, till exempel beslut: Beslut om bidrag. Utan det får alla anmälda alla typer.")


DEFAULT_GRAPHIC_LICENCE = "Fri att använda med källan angiven."


class Graphics(_Model):
    """``grafik`` in site.yaml: the words drawn into the county graphic journalists download."""

    credit: Text | None = Field(None, alias="källa", description="Källan som står i bilden efter 'Källa:', till exempel 'Delmos'. Standard: organisationens namn.")
    licence: Text = Field(DEFAULT_GRAPHIC_LICENCE, alias="licens", description="Villkoren för att använda bilden, en mening, till exempel 'Fri att använda med källan angiven.' (standard) eller 'CC BY 4.0.'")


class SiteFile(_Model):
    """``content/site.yaml``."""

    organisation: Organisation = Field(alias="organisation", description="Avsändaren.")
    newsroom: Newsroom = Field(alias="nyhetsrum", description="Nyhetsrummet.")
    contacts: tuple[Contact, ...] = Field(alias="presskontakter", min_length=1, description="Presskontakter som står i varje pressmeddelande.")
    actor_types: dict[Key, ActorType] = Field(alias="aktörstyper", min_length=1, description="Aktörstyper och vad de heter i text. Nyckeln används i omgångarnas och länens filer.")
    grant: GrantWords = Field(alias="bidrag", description="Bidragets ord: namn, ändamål, ordet för pengarna och vad som räknas.")
    accessibility: Accessibility | None = Field(None, alias="tillgänglighet", description="Tillgänglighetsredogörelsens status, brister, datum och kontakt (DIGG:s krav).")
    mailing: Mailing | None = Field(None, alias="e-postutskick", description="E-post till journalister: avsändare och listor. Utan det skickas inget.")
    graphics: Graphics = Field(Graphics(), alias="grafik", description="Källan och villkoren som står i kartan och diagrammet per län (bilden att ladda ner).")


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


class NationalQuote(_Model):
    """A quote of the national release repeated in a local one (``nationella-citat`` in a county file)."""

    number: Count = Field(alias="nummer", description="Vilket av det nationella pressmeddelandets citat (1 = det första under citat i round.yaml).")
    after: Key = Field("ingress", alias="efter", description="Var citatet står i det lokala pressmeddelandet: efter 'ingress' eller efter ett namngivet stycke i mallen.")


class Correction(_Model):
    """A correction to a published release (shown as "Uppdaterad … – rättelse: …")."""

    time: When = Field(alias="tid", description="När rättelsen gjordes (svensk tid).")
    text: Text = Field(alias="text", description="Vad som rättades.")
    send: Flag = Field(False, alias="skicka", description="ja om rättelsen ska skickas med e-post till prenumeranterna igen.")


class Earmark(_Model):
    amount: Amount = Field(alias="belopp", description="Belopp i kronor.")
    amount_word: str | None = Field(None, alias="belopp-ord", pattern=ROUNDING_PATTERN, description=f"Ord före beloppet när det är avrundat: {WORD} ('cirka 160 miljoner kronor').")
    purpose: Text = Field(alias="till", description="Vem pengarna är avsatta till, till exempel 'vissa kommuner med socioekonomiskt eftersatta områden'.")


class Scheme(_Model):
    """A grant scheme (``ordningar``): its own ordinance, money and applicants. Totals of two
    schemes are never added together unless a release says ``summera: ja``."""

    name: Text = Field(alias="namn", description="Bidragets namn i löptext, till exempel 'statsbidrag för insatser mot segregation'.")
    ordinance: Text | None = Field(None, alias="förordning", description="Förordningen, till exempel 'förordningen (2018:151) om statsbidrag för insatser mot segregation'.")
    budget: Amount = Field(alias="medel", description="Belopp att fördela inom bidraget, i kronor.")
    budget_word: str | None = Field(None, alias="medel-ord", pattern=ROUNDING_PATTERN, description=f"Ord före beloppet när det är avrundat: {WORD}. Kontrollerna jämför det då som ungefärligt.")
    applicants: Text | None = Field(None, alias="sökande", description="Vilka som kan söka, till exempel 'kommuner, regioner och ideella organisationer'.")
    granted: dict[Key, Count] = Field({}, alias="beviljade", description="Antal beviljade aktörer per aktörstyp inom bidraget (kontrolleras mot beviljade.csv).")


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


class PressImage(_Model):
    """A press image beside the file that declares it (``pressbild:``): the file and its credit."""

    file: Text = Field(alias="fil", description="Bildfilens namn i samma mapp som filen, till exempel kessling.jpg (JPEG eller PNG).")
    alt: Text = Field(alias="alt", description="Alternativtext: vad bilden visar, för den som inte ser den, till exempel 'Anders Kessling står vid ett fönster'.")
    photographer: Text = Field(alias="fotograf", description="Fotografen, som krediteras 'Foto: …', till exempel 'Anna Berg/Delmos'.")
    licence: Text = Field(alias="licens", description="Villkoren för att använda bilden, till exempel 'Fri att använda i samband med detta pressmeddelande' eller 'CC BY 4.0'.")
    caption: Text = Field(alias="bildtext", description="Bildtexten under bilden, till exempel 'Anders Kessling, direktör för Delmos.'")


class NoNewGrants(_Model):
    """``inga-nya-bidrag`` in round.yaml: a year without new grants, its money going to the
    multi-year grants of earlier years."""

    paid: Amount | None = Field(None, alias="utbetalt", description="Det som betalas ut till tidigare års fleråriga bidrag, i kronor. Får inte vara mer än omgångens medel.")
    paid_word: str | None = Field(None, alias="utbetalt-ord", pattern=ROUNDING_PATTERN, description="Ord före det utbetalda beloppet när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    commitments: Count | None = Field(None, alias="åtaganden", description="Hur många aktörer som har fleråriga bidrag från tidigare år.")
    from_years: tuple[Year, ...] = Field((), alias="från-år", description="Åren då de fleråriga bidragen beviljades, till exempel [2024, 2025].")


class Cancelled(_Model):
    """``inställd`` in round.yaml: a round that is cancelled, its appropriation moved elsewhere."""

    moved_to: Text = Field(alias="flyttas-till", description="Vem pengarna flyttas till, till exempel 'Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)'.")
    amount: Amount | None = Field(None, alias="belopp", description="Beloppet som flyttas, i kronor. Standard: omgångens medel. Får inte vara mer än medlen.")
    amount_word: str | None = Field(None, alias="belopp-ord", pattern=ROUNDING_PATTERN, description="Ord före beloppet när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    decided_by: Text = Field("regeringen", alias="beslutat-av", description="Vem som beslutade att flytta pengarna, efter 'beslutade att flytta'. Standard: regeringen.")
    decided: Day | None = Field(None, alias="beslutat", description="Dagen för beslutet, till exempel 2026-12-17.")


class RoundFile(_Model):
    """``content/rounds/<omgång>/round.yaml``."""

    year: Year = Field(alias="år", description="Bidragsåret.")
    # Typed Amount, not Optional: left out it is None, but "medel:" with no value is an error.
    budget: Amount = Field(None, alias="medel", description="Hela beloppet att fördela i kronor, om det är känt.")
    budget_word: str | None = Field(None, alias="medel-ord", pattern=ROUNDING_PATTERN, description=f"Ord före hela beloppet när det är avrundat: {WORD} ('cirka 64 miljoner kronor'). Kontrollerna jämför det då som ungefärligt.")
    compare_previous_year: Flag = Field(False, alias="jämför-med-fjolåret", description="ja om pressmeddelandena ska jämföra antalet beviljade med förra årets omgång ('färre än i fjol då 15 aktörer fick bidrag'), med förra årets slutliga antal efter alla tilläggsbeslut. Standard: nej, ingen jämförelse.")
    label: Text | None = Field(None, alias="etikett", description="Omgångens namn i text och rubriker när det inte är året, till exempel 'läsåret 2017/18'. Standard: året.")
    measures: dict[Key, MeasureValue] = Field({}, alias="mått", description="Talen för bidragets andra mått i hela landet (nycklar under mått i site.yaml).")
    earmarks: tuple[Earmark, ...] = Field((), alias="öronmärkt", description="Delar av medlen som är avsatta till ett särskilt ändamål.")
    applications: Count | None = Field(None, alias="ansökningar", description="Antal inkomna ansökningar.")
    applications_word: str | None = Field(None, alias="ansökningar-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet ansökningar när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över ('över 400 ansökningar'). Kontrollerna jämför då antalet som ungefärligt: delarna under ansökningar-per-typ behöver inte bli exakt antalet.")
    applications_by_type: dict[Key, Count] = Field({}, alias="ansökningar-per-typ", description="Antal inkomna ansökningar per aktörstyp.")
    applications_by_type_words: dict[Key, PartWord] = Field({}, alias="ansökningar-per-typ-ord", description="Ord före ett ungefärligt antal under ansökningar-per-typ, per aktörstyp: drygt, knappt, cirka, nästan, omkring, över, eller en andel av ansökningarna: hälften, en tredjedel, två tredjedelar, en fjärdedel, tre fjärdedelar eller en femtedel ('hälften från kommuner'). En andel ska vara den som ligger närmast antalet delat med ansökningarna.")
    registrations: Count | None = Field(None, alias="intresseanmälningar", description="Antal inkomna intresseanmälningar (före ansökningarna).")
    registrations_word: str | None = Field(None, alias="intresseanmälningar-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet intresseanmälningar när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över ('över 400 intresseanmälningar').")
    applicants: Count | None = Field(None, alias="sökande-aktörer", description="Antal aktörer som har sökt ('180 ansökningar från 171 aktörer'); en aktör kan skicka flera ansökningar, så de kan inte vara fler än ansökningarna.")
    applicants_word: str | None = Field(None, alias="sökande-aktörer-ord", pattern=ROUNDING_PATTERN, description="Ord före antalet sökande aktörer när det är ungefärligt: drygt, knappt, cirka, nästan, omkring eller över.")
    applicants_by_type: dict[Key, Count] = Field({}, alias="sökande-per-typ", description="Antal sökande aktörer per aktörstyp. Delarna behöver inte bli antalet ansökningar (en aktör kan söka flera gånger) och inte heller alla sökande (en typ kan saknas); de får bara inte bli fler än sökande-aktörer.")
    applicants_by_type_words: dict[Key, PartWord] = Field({}, alias="sökande-per-typ-ord", description="Ord före ett ungefärligt antal under sökande-per-typ, per aktörstyp: drygt, knappt, cirka, nästan, omkring, över, eller en andel av de sökande aktörerna: hälften, en tredjedel, två tredjedelar, en fjärdedel, tre fjärdedelar eller en femtedel. En andel ska vara den som ligger närmast antalet delat med sökande-aktörer.")
    applied_amount: Amount | None = Field(None, alias="sökt-belopp", description="Sammanlagt sökt belopp i kronor.")
    applied_amount_word: str | None = Field(None, alias="sökt-belopp-ord", pattern=ROUNDING_PATTERN, description=f"Ord före det sökta beloppet när det är avrundat: {WORD}. Utan ord avrundar pressmeddelandet själv ('drygt 610 miljoner kronor').")
    granted: dict[Key, Count] = Field({}, alias="beviljade", description="Antal aktörer som beviljats bidrag, per aktörstyp (kan i stället räknas fram ur beviljade.csv).")
    granted_total: Count | None = Field(None, alias="beviljade-totalt", description="Totalt antal beviljade aktörer (om det anges kontrolleras det mot delarna).")
    granted_words: dict[Key, RoundingWord] = Field({}, alias="beviljade-ord", description=f"Ord före ett ungefärligt antal under beviljade, per aktörstyp: {WORD} ('nära hundra föreningar' skrivs 'nästan' och 100). Bara när antalen skrivs här, inte med en lista över beviljade (beviljade.csv eller mottagare), vars antal är exakta. Pressmeddelandena säger då inte hur antalet står sig mot fjolåret eller hur stor andel ett län har, och kontrollerna jämför antalet som ungefärligt.")
    granted_total_word: str | None = Field(None, alias="beviljade-totalt-ord", pattern=ROUNDING_PATTERN, description=f"Ord före beviljade-totalt när antalet är ungefärligt: {WORD}. Bara utan lista över beviljade. Delarna under beviljade behöver då inte bli exakt antalet.")
    multi_year: dict[Key, Count] = Field({}, alias="fleråriga", description="Antal aktörer med flerårigt bidrag, per aktörstyp.")
    multi_year_words: dict[Key, RoundingWord] = Field({}, alias="fleråriga-ord", description=f"Ord före ett ungefärligt antal under fleråriga, per aktörstyp: {WORD}. Bara utan lista över beviljade (beviljade.csv). Länens pressmeddelanden säger då inte hur många av landets fleråriga bidrag länet har, och kontrollerna jämför antalet som ungefärligt.")
    top_county: LanRef | None = Field(None, alias="flest-beviljade-län", description="Länet med flest beviljade aktörer, om det inte framgår av länsfilerna.")
    actor_types: dict[Key, ActorType] = Field({}, alias="aktörstyper", description="Ersätter site.yaml:s ord för aktörstyper för den här omgången; utan omfattar gäller site.yaml:s typer.")
    grant: GrantWordsOverride | None = Field(None, alias="bidrag", description="Ersätter site.yaml:s ord för bidraget för den här omgången (varje nyckel för sig).")
    schemes: dict[Key, Scheme] = Field({}, alias="ordningar", description="Bidrag med egna förordningar och belopp, om omgången har flera.")
    announcements: dict[Key, Announcement] = Field(alias="tillfällen", min_length=1, description="Pressmeddelandetillfällen i omgången; nyckeln blir en del av adressen.")
    local_counties: CountyChoice | None = Field(None, alias="lokala-pressmeddelanden", description="Vilka län som får lokala pressmeddelanden om omgångens beslut och tillägg, till exempel [skane, stockholm], eller inga. Ett län får ett bara när det har mottagare i tillfället. Standard: varje län med mottagare.")
    sender: RoundSender | None = Field(None, alias="avsändare", description="Avsändarens namn för den här omgången när det var ett annat än i site.yaml (ett tidigare namn på myndigheten): namn, kortnamn om det fanns ett, och om-text.")
    decided_by: Text | None = Field(None, alias="beslutsfattare", description="Vem som fattade omgångens beslut, när det var någon annan än avsändaren, till exempel 'Delegationen mot segregation i bostadsområden'. Beslutspressmeddelandena skriver 'Beslutet fattades av …'.")
    press_image: PressImage | None = Field(None, alias="pressbild", description="En pressbild till omgångens nationella pressmeddelanden: en JPEG- eller PNG-fil i omgångens mapp, med alternativtext, fotograf, licens och bildtext.")
    no_new_grants: NoNewGrants | None = Field(None, alias="inga-nya-bidrag", description="Ett år utan nya bidrag: pengarna går till tidigare års fleråriga bidrag (utbetalt, åtaganden, från-år). Omgången har då inga beslut och inga beviljade; pressmeddelandet har typen inga-nya-bidrag.")
    cancelled: Cancelled | None = Field(None, alias="inställd", description="En inställd omgång: pengarna flyttas någon annanstans (flyttas-till, belopp, beslutat-av, beslutat). Omgången har då inga beslut och inga beviljade; pressmeddelandet har typen installd.")


class Recipient(_Model):
    name: Text = Field(alias="namn", description="Mottagarens namn.")
    municipality: KommunRef = Field(alias="kommun", description="Kommunen där arbetet görs, som SCB skriver den.")
    kind: Key = Field(alias="typ", description="Aktörstyp (en nyckel från aktörstyper).")
    multi_year: Flag = Field(False, alias="flerårigt", description="ja om bidraget är flerårigt.")
    description: Markdown | None = Field(None, alias="beskrivning", description="Vad mottagaren ska göra (Markdown).")
    amount: Amount | None = Field(None, alias="belopp", description="Mottagarens belopp i kronor, när pressmeddelandet ska nämna det (utan hela listan över beviljade).")
    example: Flag = Field(False, alias="exempeltext", description="ja om beskrivningen är exempeltext.")


class CountyCall(_Model):
    """``utlysning`` in a county file: the call's facts for the county, which give it a local
    release of the call (without them a call is the country's news alone)."""

    amount: Amount | None = Field(None, alias="belopp", description="Pengarna att söka i länet, i kronor (till exempel länets andel av utlysningen).")
    amount_word: str | None = Field(None, alias="belopp-ord", pattern=ROUNDING_PATTERN, description=f"Ord före beloppet när det är avrundat: {WORD}.")
    invited: Count | None = Field(None, alias="inbjudna", description="Hur många aktörer i länet som har bjudits in att söka.")
    invited_word: str | None = Field(None, alias="inbjudna-ord", pattern=ROUNDING_PATTERN, description=f"Ord före antalet inbjudna när det är ungefärligt: {WORD}.")


class CountyFile(_Model):
    """``content/rounds/<omgång>/lan/<län>.yaml``."""

    county: LanRef | None = Field(None, alias="län", description="Länet; måste stämma med filnamnet.")
    applications: Count | None = Field(None, alias="ansökningar", description="Antal ansökningar från länet.")
    applications_word: str | None = Field(None, alias="ansökningar-ord", pattern=ROUNDING_PATTERN, description=f"Ord före antalet ansökningar från länet när det är ungefärligt: {WORD}. Rangordningen av länen säger då bara det som säkert gäller.")
    call: CountyCall | None = Field(None, alias="utlysning", description="Utlysningens uppgifter för länet: belopp att söka i länet och antal inbjudna. Med dem får länet ett lokalt pressmeddelande om utlysningen.")
    headline: Text | None = Field(None, alias="rubrik", description="Egen rubrik för länets lokala pressmeddelande i stället för den genererade (högst 70 tecken).")
    granted: dict[Key, Count] = Field({}, alias="beviljade", description="Antal beviljade aktörer i länet, per aktörstyp.")
    granted_total: Count | None = Field(None, alias="beviljade-totalt", description="Totalt antal beviljade i länet (kontrolleras mot delarna).")
    amount: Amount | None = Field(None, alias="belopp", description="Beloppet till länet i kronor (annars från beviljade.csv, om det finns).")
    amount_word: str | None = Field(None, alias="belopp-ord", pattern=ROUNDING_PATTERN, description="Ord före beloppet när det är avrundat: drygt, knappt, cirka, nästan, omkring eller över. Kontrollerna jämför då beloppet som ungefärligt: efter drygt och över får listans summa vara större, efter knappt och nästan mindre, efter cirka och omkring både och.")
    measures: dict[Key, MeasureValue] = Field({}, alias="mått", description="Talen för bidragets andra mått i länet (nycklar under mått i site.yaml).")
    recipients: tuple[Recipient, ...] = Field((), alias="mottagare", description="Namngivna mottagare i länet.")
    quotes: tuple[Quote, ...] = Field((), alias="citat", description="Citat i det lokala pressmeddelandet.")
    national_quotes: tuple[NationalQuote, ...] = Field((), alias="nationella-citat", description="Citat ur det nationella pressmeddelandet som också står i det lokala, med nummer i round.yaml:s citat (som verkliga lokala pressmeddelanden ofta gör).")
    paragraphs: dict[Key, Markdown] = Field({}, alias="stycken", description="Fria stycken i det lokala pressmeddelandet (Markdown), med valfria namn, i den ordning de skrivs.")
    contacts: tuple[Contact, ...] | None = Field(None, alias="kontakter", description="Lokala presskontakter; annars avsändarens eller site.yaml:s.")
    sender: Sender | None = Field(None, alias="avsändare", description="En annan avsändare av länets lokala pressmeddelanden, till exempel länsstyrelsen: namn, kontakter och 'Om'-text. Det nationella pressmeddelandet och nyhetsrummet är site.yaml:s.")
    advance: tuple[Text, ...] = Field((), alias="förhandskopior", description="E-postadresser eller listor (ett läns slug, nationellt) som får länets lokala pressmeddelanden under embargo före publiceringstiden.")
    press_image: PressImage | None = Field(None, alias="pressbild", description="En pressbild till länets lokala pressmeddelanden: en JPEG- eller PNG-fil i mappen lan/, med alternativtext, fotograf, licens och bildtext.")


__all__ = ["SiteFile", "RoundFile", "CountyFile", "Contact", "Organisation", "Sender", "ActorType", "Quote", "NationalQuote", "Announcement", "EarlyCount", "Report", "Share", "NoNewGrants", "Cancelled", "GrantWords",
           "GrantWordsOverride", "MoneyWord", "Noun", "MeasureWords", "MeasureValue",
           "Recipient", "Correction", "Earmark", "Scheme", "PressImage"]
