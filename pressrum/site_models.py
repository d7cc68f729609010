"""The content model of ``content/site.yaml``: the sender, the newsroom, the grant's words.

Keys are Swedish (the editors are Swedish); attribute names are English. Every field has a
Swedish description, which ``build.py schema`` publishes as JSON Schema for editors' tools.
Models check the shape and the type of single values; facts that involve several values or
files (sums, ranks, county against national figures) are checked in ``checks.py``. A round's
files are modelled in ``round_models.py``, its releases in ``release_models.py``.
"""
from __future__ import annotations

import re

from . import sv
from .field_readers import fail
from .fields import BaseUrl, Count, Day, Email, Flag, HttpsUrl, Key, Markdown, Phone, Text, Url
from .model_base import Field, Model, field_validator


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
