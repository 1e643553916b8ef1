"""Each publisher's reliability on the NATO / Admiralty scale (AJP-2.1) and whether it is a party to the war.

The grade is the publisher's, never the site a copy was read on (`via`). It is a judgement of the publisher's
record, not of any one claim: a wire that accurately reports a party's figure is graded for its reporting.
`B` goes only to news agencies and broadcasters with a standing record of attributing what they report and
correcting errors; `C` to established national outlets and specialist sites; `D` where the dossier or the
outlet's own record gives a reason for doubt; `F` (cannot be judged) to sites with no record this curation could
assess and to the unsigned seed. No publisher is graded `A` or `E`. `party` is `yes` only for the state media of a
party to the war (the contract: a party's officials or its state media); Ukrainian and Russian private outlets are
not parties. Every row has a reason; `A`, `B` and `E` require one.
"""

_WIRE = "International news agency with a long record of attributing figures to their source and correcting errors."
_BROADCASTER = (
    "Public broadcaster with editorial standards and a corrections record; attributes figures to their source."
)
_NATIONAL = "Established national outlet with an editorial process; its record was not assessed further."
_UKRAINE = (
    "Established Ukrainian outlet; relays Ukrainian officials' statements, a party's, without independent checks."
)
_RUSSIA = "Russian outlet under wartime censorship; reliable on what officials said, not on contested facts."
_UNKNOWN = "Small or aggregating site with no record this curation could assess."

# publisher -> (reliability, party, reliability_note)
RELIABILITY: dict[str, tuple[str, str, str]] = {
    "AFP": ("B", "no", _WIRE),
    "AP": ("B", "no", _WIRE),
    "Reuters": ("B", "no", _WIRE),
    "Bloomberg": ("B", "no", "International news agency with a record of sourcing and corrections."),
    "PA Media": ("B", "no", "UK national news agency with a record of sourcing and corrections."),
    "Yonhap": ("B", "no", "South Korea's national news agency; the usual first relay of NIS and JCS briefings."),
    "BBC": ("B", "no", _BROADCASTER),
    "KBS": ("B", "no", _BROADCASTER + " South Korea's public broadcaster."),
    "KBS World": ("B", "no", _BROADCASTER + " KBS's international service, often relaying Yonhap."),
    "Washington Post": ("B", "no", "Major US newspaper with a record of sourcing and a corrections policy."),
    "NK News": ("B", "no", "Specialist North Korea outlet with a record of sourcing and correcting its reporting."),
    "Anadolu Agency": (
        "C",
        "no",
        "Turkish state news agency (not a party to the war); " + _NATIONAL[0].lower() + _NATIONAL[1:],
    ),
    "Interfax": ("C", "no", "Russian private news agency; reliable on what officials said, not on contested facts."),
    "Interfax-Ukraine": ("C", "no", _UKRAINE),
    "UPI": ("C", "no", "US news agency; " + _NATIONAL[0].lower() + _NATIONAL[1:]),
    "ANI": ("C", "no", "Indian news agency; relays others' reporting (here CNN's)."),
    "KUNA": ("C", "no", "Kuwait's state news agency (not a party to the war); relays others' reporting."),
    "Sky News": ("C", "no", _NATIONAL),
    "Politico Europe": ("C", "no", _NATIONAL),
    "Euractiv": ("C", "no", _NATIONAL),
    "The Independent": ("C", "no", _NATIONAL + " Its figure of over 20,000 sent is an outlier."),
    "Dong-A Ilbo": ("C", "no", _NATIONAL),
    "JoongAng Ilbo": ("C", "no", _NATIONAL),
    "Mint": ("C", "no", _NATIONAL),
    "Business Today": ("C", "no", _NATIONAL),
    "WION": ("C", "no", _NATIONAL),
    "t-online": ("C", "no", _NATIONAL),
    "Kronen Zeitung": ("C", "no", _NATIONAL),
    "Globalist": ("F", "no", _UNKNOWN),
    "Radio Free Asia": (
        "C",
        "no",
        "US government-funded broadcaster covering North Korea; sources named where it can.",
    ),
    "Radio Moldova": ("C", "no", "Moldova's public broadcaster; story based on Reuters."),
    "Novinite": ("C", "no", _NATIONAL),
    "i24NEWS": ("C", "no", _NATIONAL),
    "Forces News (BFBS)": ("C", "no", "British Forces Broadcasting Service news; close to the UK MoD, not a party."),
    "Army Technology": ("C", "no", "Defence trade publication; " + _NATIONAL[0].lower() + _NATIONAL[1:]),
    "The Defense Post": (
        "C",
        "no",
        "Defence news site that attributes its figures; its record was not assessed further.",
    ),
    "The Moscow Times": ("C", "no", "Independent Russian outlet in exile; " + _NATIONAL[0].lower() + _NATIONAL[1:]),
    "News.az": ("C", "no", "Azerbaijani outlet; " + _NATIONAL[0].lower() + _NATIONAL[1:]),
    "ISW": ("C", "no", "US think tank with sourced daily assessments; a stated pro-Ukrainian outlook, so not B."),
    "US Department of Defense": (
        "C",
        "no",
        "A government's own statements (not a party to the war): reliable on what it said.",
    ),
    "Kyiv Independent": ("C", "no", _UKRAINE),
    "Kyiv Post": ("C", "no", _UKRAINE),
    "Ukrainska Pravda": ("C", "no", _UKRAINE),
    "Euromaidan Press": ("C", "no", _UKRAINE),
    "Censor.NET": ("C", "no", _UKRAINE),
    "Espreso": ("C", "no", _UKRAINE),
    "Babel": ("C", "no", _UKRAINE),
    "24 Kanal": ("C", "no", _UKRAINE),
    "LIGA.net": ("C", "no", _UKRAINE),
    "Delo": ("C", "no", _UKRAINE),
    "RBC-Ukraine": ("C", "no", _UKRAINE),
    "UNN": ("C", "no", _UKRAINE),
    "Online.ua": ("C", "no", _UKRAINE),
    "112.ua": (
        "F",
        "no",
        "Ukrainian news site whose record this curation could not assess; its one page here is undated.",
    ),
    "Ukrinform": ("C", "yes", "Ukraine's state news agency (a party's state media): reliable on what officials said."),
    "TASS": ("D", "yes", "Russia's state news agency (a party's state media): relays official claims as fact."),
    "Sputnik": ("D", "yes", "Russian state media (a party's): relays official claims as fact."),
    "RBC": ("C", "no", _RUSSIA),
    "Fontanka.ru": ("C", "no", _RUSSIA),
    "Moskovsky Komsomolets": ("D", "no", _RUSSIA + " A pro-Kremlin tabloid."),
    "Indian Defence News": (
        "D",
        "no",
        "The dossier calls it a single low-reliability page; its range is found nowhere else.",
    ),
    "ZeroHedge": ("D", "no", "Blog with a record of unsourced and speculative posts."),
    "Devdiscourse": ("F", "no", _UNKNOWN),
    "Freespoke": ("F", "no", _UNKNOWN + " Aggregates BBC, CNN and AFP stories."),
    "Newser": ("F", "no", _UNKNOWN + " Summarises Washington Post and AP reporting."),
    "MENAFN": ("F", "no", _UNKNOWN),
    "MENA News": ("F", "no", _UNKNOWN),
    "A News": ("F", "no", _UNKNOWN),
    "Crunch Markets": ("F", "no", _UNKNOWN),
    "Emarat Al Youm": ("F", "no", _UNKNOWN),
    "Irangate News": ("F", "no", _UNKNOWN),
    "Main International News": ("F", "no", _UNKNOWN),
    "Ndokwa Vanguard": ("F", "no", _UNKNOWN),
    "Pledge Times": ("F", "no", _UNKNOWN + " Story based on EFE."),
    "Timeline Daily": ("F", "no", _UNKNOWN),
    "TVC News": ("F", "no", _UNKNOWN + " Nigerian broadcaster relaying the CNN report."),
    "VTC News": ("F", "no", _UNKNOWN),
    "Wikipedia (en)": ("F", "no", "Crowd-edited encyclopaedia read through mirror sites; used only for coordinates."),
    "Wikipedia (de)": ("F", "no", "Crowd-edited encyclopaedia read through mirror sites; used only for coordinates."),
    "Wikipedia (es)": ("F", "no", "Crowd-edited encyclopaedia read through mirror sites; used only for coordinates."),
    "Wikipedia (ru)": ("F", "no", "Crowd-edited encyclopaedia read through mirror sites; used only for coordinates."),
    "Unknown (unsigned, undated article)": (
        "F",
        "no",
        "Unsigned and undated; its content matches the CNN report chain.",
    ),
}
