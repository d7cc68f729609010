"""Felmeddelanden: every error text of ``pressrum.sv``, in one place.

Bad input raises :class:`ValueError` with one of these texts. Placeholders are filled with
str.format; ``{varde!r}`` shows the offending value exactly as given, quotes included.
"""

FEL_INTE_HELTAL = "{vad} måste vara ett heltal, inte {varde!r}"
FEL_TOM_GENITIV = "genitiv av en tom text går inte att bilda – ange ett namn"
FEL_NEGATIVT = "{vad} kan inte vara negativt: {varde!r}"
FEL_GENUS = "okänt genus: {varde!r} – använd 'en' eller 'ett'"
FEL_BELOPP_INTE_HELA_KRONOR = (
    "beloppet måste anges i hela kronor, inte {varde!r} – avrunda till hela kronor"
)
FEL_UNGEFAR_OCH_CIRKA = (
    "ange antingen ungefar=True eller cirka=True, inte båda – "
    "ungefar avrundar beloppet, cirka markerar en uppskattning"
)
FEL_INTE_TAL = "{vad} måste vara ett tal, inte {varde!r}"
FEL_INTE_DATUM = "{varde!r} är inte ett datum – ange en date eller datetime"
FEL_INTE_KLOCKSLAG = "{varde!r} är inte ett klockslag – ange en time eller datetime"
FEL_KLOCKSLAG_MED_TIDSZON = (
    "klockslaget {varde!r} har en tidszon men inget datum – "
    "ange en datetime så att tiden kan räknas om till svensk tid"
)
FEL_INTE_DATUMTID = "{varde!r} är inte en tidpunkt – ange en datetime med datum och klockslag"
FEL_KONJUNKTION = "okänd konjunktion: {varde!r} – använd 'och' eller 'eller'"
FEL_ORDNINGSTAL_NOLL = "ordningstalet måste vara minst 1, inte {varde!r}"
FEL_TELEFON_INTE_TEXT = "telefonnumret måste vara text, inte {varde!r}"
FEL_TELEFON_TECKEN = (
    "telefonnumret {varde!r} innehåller otillåtna tecken – använd bara siffror, "
    "mellanslag, ett bindestreck efter riktnumret och +46 för landsnumret"
)
FEL_TELEFON_OMARKERAT = (
    "telefonnumret {varde!r} saknar markerat riktnummer – skriv det med bindestreck "
    "efter riktnumret, till exempel 010-140 77 10"
)
FEL_TELEFON_FLERA_BINDESTRECK = (
    "telefonnumret {varde!r} har mer än ett bindestreck – skriv bindestreck bara "
    "efter riktnumret, till exempel 010-140 77 10"
)
FEL_TELEFON_UTLANDSKT = (
    "telefonnumret {varde!r} är inte ett svenskt nummer – bara +46 kan skrivas i "
    "svensk form"
)
FEL_TELEFON_INLEDANDE_NOLLA = (
    "telefonnumret {varde!r} har en nolla efter +46 – skriv riktnumret utan 0, "
    "till exempel +46 10 140 77 10"
)
FEL_TELEFON_RIKTNUMMER = (
    "riktnumret i telefonnumret {varde!r} ska börja med 0 och ha 2–4 siffror, "
    "till exempel 08, 010 eller 0159"
)
FEL_TELEFON_ABONNENTNUMMER = (
    "telefonnumret {varde!r} har {antal} siffror efter riktnumret – det ska vara 5–8"
)
FEL_OKANT_LAN = "okänt län: {varde!r} – ange länskod, namn eller kortnamn, till exempel '12' eller 'Skåne'"
FEL_OKANT_LAN_FORSLAG = "okänt län: {varde!r} – menade du {forslag!r}?"
FEL_OKAND_KOMMUN = "okänd kommun: {varde!r} – ange kommunkod eller kommunnamn, till exempel '1282' eller 'Landskrona'"
FEL_OKAND_KOMMUN_FORSLAG = "okänd kommun: {varde!r} – menade du {forslag!r}?"
FEL_TOM_SLUG = "kan inte skapa en slug av {varde!r} – texten saknar bokstäver och siffror"
