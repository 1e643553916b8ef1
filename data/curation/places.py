"""The location rows: one point per place, and never a guess drawn as an exact point.

Rules: where a dossier town is also a town of the geo layer (Sudzha, Kursk, Korenevo, Glushkovo)
the row uses the geo layer's point, so the event marker and the town dot coincide and are drawn
once. Places without published coordinates get precision `area` at a stated anchor (the district
centre, or the named neighbour); the two villages placed from a text description keep that
estimate, but as `area`. Marino (district unknown) has no row.
"""

SUDZHA = ("51.1976", "35.2726")
GORNAL = ("51.0562", "35.2172")
SUDZHA_DISTRICT = "Sudzhansky District, Kursk Oblast, Russia"
ANCHOR_SUDZHA = (
    "No published coordinates were found; drawn as an area at Sudzha, the district centre, not at the village itself. "
)

LOCATIONS: list[dict] = [
    dict(
        location_id="sudzha",
        name="Sudzha",
        alt_names="Суджа;Sudja;Sudscha",
        lat=SUDZHA[0],
        lon=SUDZHA[1],
        admin=SUDZHA_DISTRICT + " (district centre)",
        precision="exact",
        note="Point of the geo layer's town (GeoNames, CC BY 4.0). The dossier's Wikipedia "
        "point (51.1914, 35.2706) lies 0.7 km away.",
        dossier="Sudzha",
    ),
    dict(
        location_id="kursk",
        name="Kursk",
        alt_names="Курск",
        lat="51.7400",
        lon="36.1900",
        admin="Kursk Oblast (administrative centre), Russia",
        precision="approximate",
        note="Point of the geo layer's town (Natural Earth, 0.01 degree). The dossier's "
        "Wikipedia point (51.7170, 36.1830, minute precision) lies 2.6 km away.",
        dossier="Kursk (city)",
    ),
    dict(
        location_id="korenevo",
        name="Korenevo",
        alt_names="Коренево;Korenewo",
        lat="51.4119",
        lon="34.9080",
        admin="Korenevsky District, Kursk Oblast, Russia",
        precision="exact",
        note="Point of the geo layer's town (GeoNames, CC BY 4.0). The dossier's point (51.40, "
        "34.90, minute precision) lies 1.4 km away, within its rounding.",
        dossier="Korenevo",
    ),
    dict(
        location_id="glushkovo",
        name="Glushkovo",
        alt_names="Глушково;Hlushkovo;Gluschkowo",
        lat="51.3392",
        lon="34.6328",
        admin="Glushkovsky District (centre), Kursk Oblast, Russia",
        precision="exact",
        note="Point of the geo layer's town (GeoNames, CC BY 4.0). The dossier's point (minute "
        "precision) lies 0.7 km away. No North Korea-specific event is tied to it.",
        dossier="Glushkovo",
    ),
    dict(
        location_id="plekhovo",
        name="Plekhovo",
        alt_names="Plyokhovo;Плёхово;Plekhove",
        lat="51.1000",
        lon="35.3300",
        admin=SUDZHA_DISTRICT,
        precision="approximate",
        note="Published only to 0.01 degree (about 1 km).",
        dossier="Plekhovo",
    ),
    dict(
        location_id="malaya-loknya",
        name="Malaya Loknya",
        alt_names="Малая Локня;Mala Loknia;Malaya Lokhnya",
        lat="51.3325",
        lon="35.2275",
        admin=SUDZHA_DISTRICT,
        precision="exact",
        note="Published to the arc-second.",
        dossier="Malaya Loknya",
    ),
    dict(
        location_id="tetkino",
        name="Tetkino",
        alt_names="Tyotkino;Тёткино;Tjotkino",
        lat="51.2725",
        lon="34.3033",
        admin="Glushkovsky District, Kursk Oblast, Russia",
        precision="approximate",
        note="Point of the railway station; German Wikipedia gives 51.2792, 34.2792 (1.8 km "
        "away). No North Korea-specific event is tied to it.",
        dossier="Tetkino",
    ),
    dict(
        location_id="martynovka",
        name="Martynovka",
        alt_names="Мартыновка;Martynivka;Martínovka",
        lat="51.2389",
        lon="35.3664",
        admin=SUDZHA_DISTRICT,
        precision="exact",
        note="Published to the arc-second.",
        dossier="Martynovka",
    ),
    dict(
        location_id="goncharovka",
        name="Goncharovka",
        alt_names="Гончаровка;Honcharivka",
        lat="51.1911",
        lon="35.2519",
        admin=SUDZHA_DISTRICT + " (western edge of Sudzha)",
        precision="exact",
        note="Published to the arc-second.",
        dossier="Goncharovka",
    ),
    dict(
        location_id="gornal",
        name="Gornal",
        alt_names="Горналь;Hornal",
        lat=GORNAL[0],
        lon=GORNAL[1],
        admin=SUDZHA_DISTRICT + " (on the border)",
        precision="approximate",
        note="Point of the St Nicholas Belogorsky monastery, not the village centre; another "
        "mirror gives 51.0661, 35.2325 (about 1.5 km away).",
        dossier="Gornal",
    ),
    dict(
        location_id="guevo",
        name="Guevo",
        alt_names="Guyevo;Гуево;Huieve",
        lat="51.0968",
        lon="35.2706",
        admin=SUDZHA_DISTRICT,
        precision="area",
        note="Estimated, not published: placed 10.5 km due south of Sudzha from a text "
        "description (on the Psel, 3.5 km from the border); uncertain by 2-3 km.",
        dossier="Guevo",
    ),
    dict(
        location_id="makhnovka",
        name="Makhnovka",
        alt_names="Махновка;Makhnivka",
        lat="51.1724",
        lon="35.3007",
        admin=SUDZHA_DISTRICT,
        precision="area",
        note="Estimated, not published: placed about 3 km south-east of Sudzha from two text "
        "descriptions; uncertain by 2-3 km.",
        dossier="Makhnovka",
    ),
    dict(
        location_id="nikolayevo-daryino",
        name="Nikolayevo-Daryino",
        alt_names="Nikolayevo-Darino;Николаево-Дарьино;Mykolaievo-Darino",
        lat=SUDZHA[0],
        lon=SUDZHA[1],
        admin=SUDZHA_DISTRICT + " (on the border, west of Sudzha)",
        precision="area",
        note=ANCHOR_SUDZHA + "The village lies directly on the border west of Sudzha. The article "
        "spells it Nikolayevo-Daryino, most reports Nikolayevo-Darino.",
        dossier="Nikolayevo-Darino",
    ),
    dict(
        location_id="sverdlikovo",
        name="Sverdlikovo",
        alt_names="Свердликово",
        lat=SUDZHA[0],
        lon=SUDZHA[1],
        admin=SUDZHA_DISTRICT + " (west of the Sumy-Sudzha road)",
        precision="area",
        note=ANCHOR_SUDZHA + "Described as west of the road from Sumy Oblast into Sudzha.",
        dossier="Sverdlikovo",
    ),
    dict(
        location_id="kurilovka",
        name="Kurilovka",
        alt_names="Куриловка",
        lat=SUDZHA[0],
        lon=SUDZHA[1],
        admin=SUDZHA_DISTRICT + " (border area near Sudzha)",
        precision="area",
        note=ANCHOR_SUDZHA + "Named in the August 2024 incursion reports and "
        "the GUR's December 2024 report of missing soldiers.",
        dossier="Kurilovka",
    ),
    dict(
        location_id="oleshnya",
        name="Oleshnya",
        alt_names="Олешня",
        lat=GORNAL[0],
        lon=GORNAL[1],
        admin=SUDZHA_DISTRICT + " (near Gornal)",
        precision="area",
        note="No published coordinates were found; drawn as an area at Gornal, the neighbour "
        "the reports name, not at the village itself.",
        dossier="Oleshnya",
    ),
    dict(
        location_id="vorobzha",
        name="Vorobzha",
        alt_names="Воробжа;Vorozhba (misspelling)",
        lat=SUDZHA[0],
        lon=SUDZHA[1],
        admin=SUDZHA_DISTRICT,
        precision="area",
        note=ANCHOR_SUDZHA + "Some English reports of the GUR statement of 16 Dec 2024 write "
        "'Vorozhba'; not to be confused with Vorozhba in Sumy Oblast, Ukraine.",
        dossier="Vorobzha",
    ),
    dict(
        location_id="kursk-oblast",
        name="Kursk Oblast",
        alt_names="Курская область",
        lat="51.6754",
        lon="36.0746",
        admin="Kursk Oblast, Russia",
        precision="area",
        note="The whole oblast, drawn at the centroid of its outline in the geo layer. Events "
        "placed only 'in Kursk Oblast' (or at a place that could not be located, such as "
        "Marino) point here.",
    ),
    dict(
        location_id="pyongyang",
        name="Pyongyang",
        alt_names="평양",
        lat="39.0194",
        lon="125.7381",
        admin="North Korea (capital)",
        precision="approximate",
        note="City-level point from common reference coordinates, not from a dossier source; "
        "outside the map's area of interest.",
    ),
    dict(
        location_id="vladivostok",
        name="Vladivostok",
        alt_names="Владивосток",
        lat="43.1333",
        lon="131.9000",
        admin="Primorsky Krai, Russian Far East",
        precision="approximate",
        note="City-level point from common reference coordinates, not from a dossier source; "
        "outside the map's area of interest.",
    ),
    dict(
        location_id="moscow",
        name="Moscow",
        alt_names="Москва",
        lat="55.7558",
        lon="37.6173",
        admin="Russia (capital)",
        precision="approximate",
        note="City-level point from common reference coordinates, not from a dossier source; "
        "outside the map's area of interest.",
    ),
    dict(
        location_id="davos",
        name="Davos",
        alt_names="",
        lat="46.8003",
        lon="9.8361",
        admin="Graubünden, Switzerland",
        precision="approximate",
        note="City-level point from common reference coordinates, not from a dossier source; "
        "outside the map's area of interest (World Economic Forum).",
    ),
    dict(
        location_id="munich",
        name="Munich",
        alt_names="München",
        lat="48.1375",
        lon="11.5755",
        admin="Bavaria, Germany",
        precision="approximate",
        note="City-level point from common reference coordinates, not from a dossier source; "
        "outside the map's area of interest (Munich Security Conference).",
    ),
]

# How far from its point each approximate or area place may lie (km), and why: the extent the map draws.
RADIUS_KM: dict[str, tuple[str, str]] = {
    "kursk": ("3", "the geo layer's and the dossier's points for the city lie 2.6 km apart"),
    "plekhovo": ("1", "published only to 0.01 degree, about 1 km"),
    "tetkino": ("2", "the station's point and German Wikipedia's village point lie 1.8 km apart"),
    "gornal": ("2", "the monastery's point and another mirror's lie about 1.5 km apart"),
    "guevo": ("3", "estimated from a text description, uncertain by 2-3 km"),
    "makhnovka": ("3", "estimated from two text descriptions, uncertain by 2-3 km"),
    "nikolayevo-daryino": (
        "25",
        "the sources place it only on the border west of Sudzha, which the geo layer's border line passes "
        "12-15 km from Sudzha; 25 km covers that stretch of border",
    ),
    "sverdlikovo": (
        "25",
        "no source gives its position, only Sudzhansky District, whose centre is Sudzha: a wide allowance",
    ),
    "kurilovka": ("25", "no source gives its position, only the border area near Sudzha: a wide allowance"),
    "vorobzha": (
        "25",
        "no source gives its position, only Sudzhansky District, whose centre is Sudzha: a wide allowance",
    ),
    "oleshnya": ("5", "the sources place it only near Gornal"),
    "kursk-oblast": ("170", "the oblast's outline in the geo layer lies within 168 km of its centroid"),
    "pyongyang": ("10", "a city-level point for the city"),
    "vladivostok": ("10", "a city-level point for the city"),
    "moscow": ("20", "a city-level point for the city"),
    "davos": ("3", "a city-level point for the town"),
    "munich": ("10", "a city-level point for the city"),
}
