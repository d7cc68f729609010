"""The content model of a round's folder: ``round.yaml`` and the county files ``lan/<län>.yaml``.

A round's figures are typed once, each with its approximation word where the agency states it
roughly (a sibling ``-ord`` field, ``approx.py``); its release occasions are modelled in
``release_models.py``, the site's words it may override in ``site_models.py``.
"""
from __future__ import annotations

from .approx import ROUNDING_PATTERN, WORD, PartWord, RoundingWord
from .fields import Amount, Count, CountyChoice, Day, Flag, Key, KommunRef, LanRef, Markdown, Text, Year, Email
from .model_base import Field
from .release_models import Announcement, Quote
from .site_models import ActorType, Contact, GrantWordsOverride, Organisation, _Model


class MeasureValue(_Model):
    """A measure's figure in a round or a county (``mått`` in round.yaml or a county file)."""

    count: Count = Field(alias="antal", description="Talet, med siffror.")
    word: str | None = Field(None, alias="ord", pattern=ROUNDING_PATTERN, description="Ord före talet när det är avrundat: drygt, knappt, cirka, nästan, omkring eller över.")


class RoundSender(_Model):
    """``avsändare`` in round.yaml: the organisation's name that year, when it was another than
    site.yaml's (the agency renamed, or before it existed); the newsroom stays site.yaml's."""

    name: Text = Field(alias="namn", description="Avsändarens namn det året, till exempel 'Delegationen mot segregation i bostadsområden'.")
    short_name: Text | None = Field(None, alias="kortnamn", description="Kortnamnet det året, bara om avsändaren hade ett ('(Delmos)' skrivs då efter namnet första gången). Utan kortnamn skrivs hela namnet varje gång; site.yaml:s kortnamn gäller inte.")
    about: Markdown | None = Field(None, alias="om", description="Text under rubriken 'Om …' i omgångens pressmeddelanden (Markdown). Standard: site.yaml:s om-text.")


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
    granted_words: dict[Key, RoundingWord] = Field({}, alias="beviljade-ord", description=f"Ord före ett ungefärligt antal under bidragets beviljade, per aktörstyp: {WORD} ('inom bidraget får drygt 40 kommuner bidrag'). Bara när omgången inte har någon lista över beviljade (beviljade.csv), vars antal är exakta.")


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
    commitments_word: str | None = Field(None, alias="åtaganden-ord", pattern=ROUNDING_PATTERN, description=f"Ord före antalet åtaganden när det är ungefärligt: {WORD} ('till drygt 40 aktörer med fleråriga bidrag').")
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


# The county files (lan/<län>.yaml).


class Sender(Organisation):
    """``avsändare`` in a county file: another organisation (a länsstyrelse) sends the county's
    local releases under its own name, contacts and "Om" text; the grant stays site.yaml's."""

    email: Email | None = Field(None, alias="e-post", description="Allmän e-postadress.")
    about: Markdown = Field(alias="om", description="Text under rubriken 'Om …' i länets lokala pressmeddelanden (Markdown).")
    contacts: tuple[Contact, ...] = Field(alias="presskontakter", min_length=1, description="Presskontakter som står i länets lokala pressmeddelanden (om länsfilen inte har egna kontakter).")


class NationalQuote(_Model):
    """A quote of the national release repeated in a local one (``nationella-citat`` in a county file)."""

    number: Count = Field(alias="nummer", description="Vilket av det nationella pressmeddelandets citat (1 = det första under citat i round.yaml).")
    after: Key = Field("ingress", alias="efter", description="Var citatet står i det lokala pressmeddelandet: efter 'ingress' eller efter ett namngivet stycke i mallen.")


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
    granted_words: dict[Key, RoundingWord] = Field({}, alias="beviljade-ord", description=f"Ord före ett ungefärligt antal under länets beviljade, per aktörstyp: {WORD} ('drygt 10 kommuner'). Bara när antalen skrivs här, inte med en lista över beviljade (beviljade.csv) eller mottagare, vars antal är exakta. Länets pressmeddelande säger då inte hur stor andel av landets beviljade länet har, vilken plats det har bland länen eller hur antalet står sig mot fjolåret, och kontrollerna jämför antalet som ungefärligt.")
    granted_total_word: str | None = Field(None, alias="beviljade-totalt-ord", pattern=ROUNDING_PATTERN, description=f"Ord före länets beviljade-totalt när antalet är ungefärligt: {WORD}. Bara utan lista över beviljade och utan mottagare. Delarna under beviljade behöver då inte bli exakt antalet.")
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
