"""Curation decisions for each dossier event (keyed by the dossier's id, E001 ... E056).

Fields: id, date/prec (when it happened, or when a statement was made), end/end_prec (spans),
cat, actors, locs (location ids), claimants (controlled list), conf (re-judged), note (relays,
caveats, cross-references). title/summary are given only where the dossier's own-words text had to
change (re-dating, a split); otherwise the dossier's title and summary are kept. `doubtful` marks
the rumour the dossier flags as doubtful. `split` lists extra rows made from one dossier row.
"""

EVENTS: dict[str, dict] = {
    "E001": dict(
        id="treaty-signed",
        date="2024-06-19",
        cat="diplomacy",
        actors="Russia;DPRK",
        locs="pyongyang",
        claimants="Russia Kremlin",
        conf="confirmed",
        note="Dossier claimant: Kremlin / Russian news agencies (Putin's press remarks). "
        "The signing is reported as fact by AFP and Business Today.",
    ),
    "E002": dict(
        id="kursk-incursion",
        date="2024-08-06",
        end="2025-04-26",
        end_prec="approx",
        cat="combat",
        actors="Ukraine",
        locs="sudzha;kurilovka;goncharovka",
        claimants="Russia MoD",
        conf="confirmed",
        title="Ukrainian incursion into Kursk Oblast (August 2024 – April 2025)",
        summary="Ukrainian forces crossed the border into Kursk Oblast towards Sudzha on 6 August "
        "2024; Russia's Defence Ministry first reported the attack while Kyiv stayed silent. "
        "The end date is Russia's declaration of 26 April 2025 that the region was retaken, "
        "which Ukraine's General Staff disputed.",
        note="Dossier claimant: Russian MoD / Russian officials (Ukraine initially silent). "
        "date_end comes from the event kursk-declared-retaken.",
    ),
    "E003": dict(
        id="alaudinov-claims-nikolayevo-daryino",
        date="2024-09-19",
        cat="territory",
        actors="Russia",
        locs="nikolayevo-daryino",
        claimants="Russia Akhmat",
        conf="disputed",
        note="Maj. Gen. Apti Alaudinov, relayed by TASS. Disputed: the Russian MoD announced the "
        "same village's recapture again on 27 Jan 2025, and reports then said Ukraine had held it "
        "since August.",
    ),
    "E004": dict(
        id="first-contingent-shipped",
        date="2024-10-08",
        end="2024-10-13",
        cat="deployment",
        actors="DPRK;Russia",
        locs="vladivostok",
        claimants="South Korea NIS",
        conf="reported",
        title="First ~1,500 North Korean special forces shipped to Russia",
        summary="According to South Korea's NIS, Russian navy ships carried about 1,500 North "
        "Korean special-forces troops to Vladivostok between 8 and 13 October 2024, the start of "
        "the deployment. The NIS made this public on 18 October.",
        note="Re-dated from the NIS announcement (18 Oct) to the shipments (8-13 Oct).",
    ),
    "E005": dict(
        id="nis-3000-in-russia",
        date="2024-10-23",
        cat="deployment",
        actors="DPRK",
        locs="",
        claimants="South Korea NIS;US DoD",
        conf="confirmed",
        note="NIS briefing relayed by lawmakers (Park Sun-won); Defense Secretary Lloyd Austin "
        "spoke the same day. Place: the Russian Far East (no location row). Confirmed: two "
        "non-party governments report North Korean troops in Russia; the 3,000 figure is the NIS's.",
    ),
    "E006": dict(
        id="duma-ratifies-treaty",
        date="2024-10-24",
        cat="diplomacy",
        actors="Russia",
        locs="moscow",
        claimants="Russia State Duma",
        conf="confirmed",
        note="Reported as fact by Reuters and News.az; TASS relays Zakharova.",
    ),
    "E007": dict(
        id="pentagon-10000-nato-kursk",
        date="2024-10-28",
        cat="deployment",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="US DoD;NATO",
        conf="confirmed",
        note="Pentagon spokeswoman Sabrina Singh; NATO Secretary General Mark Rutte.",
    ),
    "E008": dict(
        id="blinken-8000-kursk",
        date="2024-10-31",
        cat="deployment",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="US State Dept",
        conf="reported",
        note="Secretary of State Antony Blinken. One claimant, repeated by several outlets.",
    ),
    "E009": dict(
        id="deployment-kursk-front",
        date="2024-11-01",
        prec="month",
        end="2025-04-26",
        end_prec="approx",
        cat="deployment",
        actors="DPRK;Russia",
        locs="kursk-oblast",
        claimants="Media reports",
        conf="confirmed",
        title="North Korean troops on the Kursk front (November 2024 – April 2025)",
        more_sources=[
            "https://www.defense.gov/News/News-Stories/Article/Article/3968230/north-korean-troops-enter-kursk-where-"
            "ukrainians-are-fighting/",
            "https://japannews.yomiuri.co.jp/news-services/reuters/20241113-222216/",
        ],
        summary="From November 2024 reporting increasingly placed North Korean units on the Kursk "
        "front, where they fought until Russia declared the region retaken in late April 2025. "
        "The article dates the start to November; shipments to Russia had begun in October "
        "and large-scale combat is reported from December.",
        note="Dossier claimant: media synthesis (Krone/APA, Forces News) and the article. Start month "
        "is contested (October shipments vs November move to the front); the US DoD, State Dept "
        "and NATO (non-parties) placed the troops in Kursk. date_end is approximate: engineers "
        "and builders came later (see shoigu-deminers-builders, engineers-return). The last two "
        "sources (DoD News, 18 Nov; Reuters, 13 Nov) come from the dossier's rows E014 and X010, so "
        "that the event is dated by November reporting, not only by the January reports.",
    ),
    "E010": dict(
        id="zelensky-11000-kursk",
        date="2024-11-04",
        cat="deployment",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine President",
        conf="claimed",
        note="Zelensky's evening address, citing Ukrainian intelligence.",
    ),
    "E011": dict(
        id="first-clash-umerov",
        date="2024-11-04",
        prec="approx",
        cat="combat",
        actors="Ukraine;DPRK",
        locs="kursk-oblast",
        claimants="Ukraine MoD",
        conf="claimed",
        title="First small-scale clash with North Korean troops, Umerov says",
        summary="Ukraine's Defence Minister Rustem Umerov told KBS that a first, localised clash "
        "with North Korean troops had taken place in Kursk, marking the official start of their "
        "part in the fighting. The clash's own date was not given; this is the interview date "
        "(4 Nov, published 5 Nov).",
        note="KBS's Indonesian service gives the interview as 4 Nov; published 5 Nov.",
    ),
    "E012": dict(
        id="putin-ratifies-treaty",
        date="2024-11-09",
        cat="diplomacy",
        actors="Russia",
        locs="moscow",
        claimants="Russia Kremlin",
        conf="confirmed",
        note="Reported via TASS and others; the pages read are about the North Korean "
        "ratification and mention Putin's signature.",
    ),
    "E013": dict(
        id="kim-ratifies-treaty",
        date="2024-11-11",
        cat="diplomacy",
        actors="DPRK",
        locs="pyongyang",
        claimants="KCNA",
        conf="confirmed",
        summary="Kim Jong Un signed a decree ratifying the treaty on 11 November, as KCNA "
        "reported the next day; it was to take effect when the instruments were exchanged.",
        note="Vietnam.vn gives 12 Nov, probably KCNA's report date.",
    ),
    "E014": dict(
        id="us-combat-operations-begun",
        date="2024-11-12",
        cat="combat",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="US State Dept",
        conf="reported",
        note="Deputy spokesman Vedant Patel.",
    ),
    "E015": dict(
        id="storm-shadow-marino-rumour",
        date="2024-11-20",
        prec="approx",
        cat="combat",
        actors="Ukraine",
        locs="kursk-oblast",
        claimants="Anonymous sources",
        conf="claimed",
        doubtful="yes",
        title="Rumoured Storm Shadow strike near Marino with mass North Korean casualties",
        summary="Ukrainian-linked outlets claimed that a Storm Shadow strike on underground "
        "facilities at Marino around 20 November killed about 500 North Korean soldiers; KBS "
        "noted the claim had no sourcing and the NIS said only that it was monitoring.",
        note="Doubtful: anonymous rumour (Global Defense / Telegram) relayed by KBS on 24 Nov. "
        "Marino could not be located (district unknown), so the event sits on Kursk Oblast.",
    ),
    "E016": dict(
        id="treaty-in-force",
        date="2024-12-04",
        cat="diplomacy",
        actors="Russia;DPRK",
        locs="moscow",
        claimants="KCNA",
        conf="confirmed",
        note="KCNA statement relayed by Interfax and Reuters.",
    ),
    "E017": dict(
        id="zelensky-nk-in-assaults",
        date="2024-12-14",
        cat="combat",
        actors="DPRK;Russia",
        locs="kursk-oblast",
        claimants="Ukraine President",
        conf="claimed",
    ),
    "E018": dict(
        id="first-losses-sudzha-villages",
        date="2024-12-14",
        end="2024-12-15",
        cat="casualties",
        actors="DPRK;Ukraine",
        locs="plekhovo;vorobzha;martynovka",
        claimants="Ukraine GUR;US DoD",
        conf="reported",
        title="North Korean losses near Plekhovo, Vorobzha and Martynovka; Pentagon confirms casualties",
        summary="Ukraine's military intelligence said North Korean units lost at least 30 killed "
        "or wounded in fighting on 14-15 December near three villages of Sudzha district. On "
        "16 December Pentagon spokesman Pat Ryder said North Korean troops had been killed and "
        "wounded in combat.",
        note="Re-dated from the 16 Dec reports to the fighting (14-15 Dec). Losses corroborated by "
        "one non-party (US DoD); the figure is the GUR's own. Some English reports write "
        "'Vorozhba' for Vorobzha.",
    ),
    "E019": dict(
        id="nis-100-killed-1000-wounded",
        date="2024-12-19",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="South Korea NIS",
        conf="reported",
        note="NIS assessment relayed by lawmaker Lee Seong-kweun.",
    ),
    "E020": dict(
        id="zelensky-3000-jcs-1100",
        date="2024-12-23",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine President;South Korea JCS",
        conf="disputed",
        note="Zelensky cited a report by Commander-in-Chief Oleksandr Syrskyi. The two figures "
        "given the same day differ almost threefold.",
    ),
    "E021": dict(
        id="first-captive-dies",
        date="2024-12-26",
        cat="casualties",
        actors="Ukraine;DPRK",
        locs="kursk-oblast",
        claimants="South Korea NIS",
        conf="reported",
        title="First North Korean soldier captured alive, then dies of wounds",
        summary="Ukrainian special forces captured a wounded North Korean soldier on 26 December; "
        "the NIS said on 27 December that he had died shortly afterwards. The day of death was "
        "not given.",
        note="Re-dated from the NIS statement (27 Dec) to the capture (26 Dec). The NIS cited "
        "intelligence from a 'friendly nation'.",
    ),
    "E022": dict(
        id="sso-6th-regiment-1980s",
        date="2025-01-01",
        prec="month",
        cat="statement",
        actors="Ukraine",
        locs="kursk-oblast",
        claimants="Ukraine SSO",
        conf="claimed",
        title="6th SSO Regiment commander likens North Korean combat experience to the 1980s "
        "(found only in the article)",
        summary="The article attributes to a commander of Ukraine's 6th Special Operations Forces "
        "regiment, whom it does not name, the view that the North Korean soldiers were young and "
        "trained but had combat experience comparable to warfare of the 1980s. Found nowhere "
        "else: no other source names the speaker, the date or the remark.",
        note="Only source: the article. Dated to January 2025 (month) by the dossier from "
        "the article's context; the article gives no date. The 6th Regiment does appear in the SSO "
        "grenade report (sso-grenade-self-detonation).",
    ),
    "E023": dict(
        id="makhnovka-battalion-lost",
        date="2025-01-04",
        cat="combat",
        actors="DPRK;Russia;Ukraine",
        locs="makhnovka",
        claimants="Ukraine President",
        conf="claimed",
        note="Zelensky citing Commander-in-Chief Syrskyi.",
    ),
    "E024": dict(
        id="two-soldiers-captured",
        date="2025-01-09",
        cat="casualties",
        actors="Ukraine;DPRK",
        locs="kursk-oblast",
        claimants="Ukraine President;Ukraine SBU",
        conf="claimed",
        title="Ukraine captures two wounded North Korean soldiers",
        summary="Ukrainian special-operations and airborne troops captured two wounded North "
        "Korean soldiers in Kursk Oblast on 9 January, according to the SBU; Zelensky announced "
        "it on 11 January and said they were being questioned by the SBU in Kyiv.",
        note="Re-dated from Zelensky's announcement (11 Jan) to the capture (9 Jan, per the SBU). "
        "Units named: SSO Tactical Group 84 and airborne troops.",
    ),
    "E025": dict(
        id="nis-300-killed-suicide-orders",
        date="2025-01-13",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="South Korea NIS",
        conf="reported",
        summary="Lawmakers briefed by the NIS said about 300 North Korean soldiers had died and 2,700 "
        "were wounded, that memos found on bodies suggested troops were pressed to kill themselves "
        "rather than be captured, and that one soldier about to be captured called out Kim Jong Un's "
        "name and reached for a grenade.",
        note="NIS briefing relayed by lawmaker Lee Seong-kweun; the dossier's summary leaves out the "
        "soldier who called out Kim Jong Un's name, which its notes on the article record (E025).",
    ),
    "E026": dict(
        id="sso-grenade-self-detonation",
        date="2025-01-13",
        prec="approx",
        cat="combat",
        actors="Ukraine;DPRK",
        locs="kursk-oblast",
        claimants="Ukraine SSO",
        conf="claimed",
        summary="Ukraine's Special Operations Forces said that after a battle in Kursk a surviving "
        "North Korean soldier set a failed trap for 6th Regiment rangers and then blew himself up "
        "with a grenade. Reported about 13 January; the day of the incident was not given.",
        note="The SSO post said 'this week'; date is the report date, approximate. Sky News's "
        "source 'Puls' gave a similar account.",
    ),
    "E027": dict(
        id="zelensky-davos",
        date="2025-01-21",
        cat="statement",
        actors="Ukraine",
        locs="davos;kursk-oblast",
        claimants="Ukraine President",
        conf="claimed",
        note="The 4,000 figure is worded as 'killed' by Euromaidan Press and Censor.NET and as "
        "'lost' elsewhere, including the article (one-third of the contingent).",
    ),
    "E028": dict(
        id="bbc-western-officials-1000-killed",
        date="2025-01-22",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Western officials",
        conf="reported",
        note="Anonymous Western officials speaking to the BBC (Frank Gardner); the BBC text was "
        "read on a copy (snapbard.com). BBC 'battle casualties' include missing and captured.",
    ),
    "E029": dict(
        id="isw-ukrainian-advances",
        date="2025-01-26",
        cat="territory",
        actors="Ukraine",
        locs="kursk-oblast",
        claimants="ISW",
        conf="reported",
        note="The 26 Jan assessment is known only through CNN as relayed by ANI. ISW also noted "
        "Ukrainian advances on 5 Jan and 6-7 Feb 2025 (the last two sources).",
    ),
    "E030": dict(
        id="mod-claims-nikolayevo-daryino",
        date="2025-01-27",
        cat="territory",
        actors="Russia",
        locs="nikolayevo-daryino",
        claimants="Russia MoD",
        conf="claimed",
        title="Russian MoD claims recapture of Nikolayevo-Daryino",
        summary="Russia's Defence Ministry said units of its 'North' group had retaken the small "
        "border village of Nikolayevo-Daryino (also spelled Nikolayevo-Darino), held by Ukraine "
        "since the August incursion.",
        note="Units of the 'North' group. Alaudinov had already claimed the village on "
        "19 Sep 2024 (alaudinov-claims-nikolayevo-daryino).",
    ),
    "E031": dict(
        id="sso-pullback-one-axis",
        date="2025-01-27",
        cat="statement",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine SSO",
        conf="claimed",
        note="Sky News quoted SSO commander 'Puls'; spokesman Kindratenko then told the Kyiv "
        "Independent. The axis is where the 73rd Naval SSO Center operates.",
    ),
    "E032": dict(
        id="nyt-pulled-off-front",
        date="2025-01-30",
        cat="statement",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="US officials;Ukraine officials",
        conf="confirmed",
        note="Via The New York Times. Confirmed as to the absence from the front: the NIS said "
        "on 4 Feb there had been no combat since mid-January (nis-no-combat-budanov-8000).",
    ),
    "E033": dict(
        id="cnn-12000-sent-4000-casualties",
        date="2025-01-31",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine officials;Western intelligence",
        conf="reported",
        note="One report chain: CNN, relayed by ANI/LatestLY and TVC News; the article repeats it. "
        "Presidential adviser Mykhailo Podolyak also commented on the withdrawal reports.",
    ),
    "E034": dict(
        id="kindratenko-not-seen-three-weeks",
        date="2025-01-31",
        cat="statement",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine SSO",
        conf="disputed",
        note="Col. Oleksandr Kindratenko, SSO spokesman, to AFP, Reuters, CNN, BBC and Ukrainska "
        "Pravda; the Kremlin declined to comment. A Reuters re-post (alpha-news.org) carries a "
        "'Jan 24' dateline, judged an error. US officials (via NYT) and the NIS said the same, but "
        "Budanov disputed it (about 8,000 still at the front): disputed by the contract's rule, "
        "as nis-no-combat-budanov-8000 is over the same contradiction.",
    ),
    "E035": dict(
        id="no-acknowledgement-jan-2025",
        date="2025-01-31",
        cat="acknowledgement",
        actors="Russia;DPRK",
        locs="",
        claimants="Media reports;Russia Kremlin",
        conf="confirmed",
        title="Neither Moscow nor Pyongyang acknowledges the deployment (status at end of January 2025)",
        summary="At the end of January 2025 neither Russia nor North Korea had officially "
        "acknowledged the deployment, and Kremlin spokesman Dmitry Peskov declined to comment on "
        "the withdrawal reports. This ended with the acknowledgements of 26 and 28 April 2025.",
        note="A status, not a happening; true as of the article. See "
        "russia-acknowledges-nk-troops and dprk-acknowledges-deployment.",
    ),
    "E036": dict(
        id="nis-no-combat-budanov-8000",
        date="2025-02-04",
        cat="statement",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="South Korea NIS;Ukraine GUR",
        conf="disputed",
        note="The two claimants contradict each other. Budanov spoke to The War Zone (interview "
        "dated 31 Jan, reported 4 Feb); the NIS was reported on 4 Feb.",
    ),
    "E037": dict(
        id="zelensky-nk-back-in-assaults",
        date="2025-02-07",
        cat="combat",
        actors="DPRK;Russia",
        locs="kursk-oblast",
        claimants="Ukraine President",
        conf="reported",
        note="Corroborated by one non-party: the NIS said on 27 Feb the troops had returned to "
        "the front in the first week of February.",
    ),
    "E038": dict(
        id="zelensky-munich",
        date="2025-02-14",
        cat="casualties",
        actors="DPRK",
        locs="munich;kursk-oblast",
        claimants="Ukraine President",
        conf="claimed",
        note="Munich Security Conference.",
    ),
    "E039": dict(
        id="mod-claims-sverdlikovo",
        date="2025-02-17",
        prec="approx",
        cat="territory",
        actors="Russia",
        locs="sverdlikovo",
        claimants="Russia MoD",
        conf="claimed",
        note="Seen only in RBC and TASS reprints on daytimenews.ru; the original MoD post was not "
        "read, so the day is approximate.",
    ),
    "E040": dict(
        id="nis-back-at-front-more-troops",
        date="2025-02-27",
        cat="deployment",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="South Korea NIS",
        conf="reported",
    ),
    "E041": dict(
        id="mod-claims-malaya-loknya",
        date="2025-03-09",
        cat="territory",
        actors="Russia",
        locs="malaya-loknya",
        claimants="Russia MoD",
        conf="claimed",
        note="Reuters via CNA, published 10 Mar.",
    ),
    "E042": dict(
        id="putin-visits-kursk",
        date="2025-03-12",
        cat="statement",
        actors="Russia",
        locs="kursk-oblast",
        claimants="Russia Kremlin;Russia General Staff",
        conf="claimed",
        note="Gerasimov's 86% figure is the Russian General Staff's own claim.",
    ),
    "E043": dict(
        id="mod-claims-sudzha",
        date="2025-03-13",
        cat="territory",
        actors="Russia",
        locs="sudzha",
        claimants="Russia MoD",
        conf="claimed",
        note="Reported by AP and Reuters as the ministry's claim.",
    ),
    "E044": dict(
        id="nk-central-to-kursk-advance",
        date="2025-03-18",
        cat="combat",
        actors="DPRK;Russia",
        locs="sudzha;kursk-oblast",
        claimants="Ukraine officials;Ukraine CCD",
        conf="claimed",
        note="Ukrainian soldiers and officials via the Washington Post (Stars and Stripes "
        "reprint); Andriy Kovalenko of the Centre for Countering Disinformation, c. 3-7 March.",
    ),
    "E045": dict(
        id="jcs-3000-more-sent",
        date="2025-03-27",
        cat="deployment",
        actors="DPRK",
        locs="",
        claimants="South Korea JCS",
        conf="reported",
        note="Place: Russia in general (no location row).",
    ),
    "E046": dict(
        id="mod-claims-oleshnya",
        date="2025-04-19",
        cat="territory",
        actors="Russia",
        locs="oleshnya;gornal",
        claimants="Russia MoD",
        conf="claimed",
    ),
    "E047": dict(
        id="russia-acknowledges-nk-troops",
        date="2025-04-26",
        cat="acknowledgement",
        actors="Russia",
        locs="kursk-oblast",
        claimants="Russia General Staff",
        conf="confirmed",
        title="Russia acknowledges North Korean troops for the first time",
        summary="Reporting to Putin, Chief of the General Staff Valery Gerasimov praised the part "
        "North Korean troops had played in the Kursk fighting: Moscow's first official "
        "acknowledgement of them.",
        note="Dossier row E047 was split in two: the acknowledgement (confirmed: Politico, Babel "
        "and AFP report it as fact) and the territorial claim (kursk-declared-retaken, disputed).",
        split=[
            dict(
                id="kursk-declared-retaken",
                date="2025-04-26",
                cat="territory",
                actors="Russia",
                locs="gornal;kursk-oblast",
                claimants="Russia General Staff;Ukraine Armed Forces",
                conf="disputed",
                title="Russia declares Kursk Oblast retaken; Ukraine denies",
                summary="Gerasimov told Putin that Gornal, the last settlement held by Ukrainian "
                "forces, had been retaken and the region freed; Ukraine's General Staff denied "
                "that its forces had been pushed out of Kursk Oblast.",
                note="Second half of dossier row E047.",
            )
        ],
    ),
    "E048": dict(
        id="dprk-acknowledges-deployment",
        date="2025-04-28",
        cat="acknowledgement",
        actors="DPRK;Russia",
        locs="pyongyang",
        claimants="KCNA;Russia Kremlin",
        conf="confirmed",
        summary="Through KCNA, the Workers' Party Central Military Commission said Kim Jong Un "
        "had ordered units to help retake Kursk under Article 4 of the treaty and announced a "
        "memorial in Pyongyang; Putin thanked North Korea publicly the same day.",
        note="Reported as fact by Politico, Babel and Ukrinform; TASS relays KCNA.",
    ),
    "E049": dict(
        id="nis-4700-casualties-600-dead",
        date="2025-04-30",
        cat="casualties",
        actors="DPRK",
        locs="",
        claimants="South Korea NIS",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun. Scope: all fronts (no single location).",
    ),
    "E050": dict(
        id="uk-di-6000-casualties",
        date="2025-06-15",
        cat="casualties",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="UK MoD",
        conf="reported",
        note="UK Defence Intelligence update; 'highly likely' in UK usage means 80-90%.",
    ),
    "E051": dict(
        id="shoigu-deminers-builders",
        date="2025-06-17",
        cat="deployment",
        actors="Russia;DPRK",
        locs="pyongyang;kursk-oblast",
        claimants="Russia Security Council",
        conf="claimed",
        note="Sergei Shoigu after meeting Kim in Pyongyang, via TASS, Interfax and RIA. A plan, "
        "not yet a deployment; non-combat troops.",
    ),
    "E052": dict(
        id="kim-decorates-kursk-troops",
        date="2025-08-22",
        cat="acknowledgement",
        actors="DPRK",
        locs="pyongyang",
        claimants="KCNA",
        conf="confirmed",
        note="The ceremony is reported as fact by AFP, Yonhap and Ukrainska Pravda.",
    ),
    "E053": dict(
        id="nis-2000-killed",
        date="2025-09-02",
        cat="casualties",
        actors="DPRK",
        locs="",
        claimants="South Korea NIS",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun; the second page may rely on the same wire.",
    ),
    "E054": dict(
        id="gur-rotation-building-defences",
        date="2025-09-07",
        cat="deployment",
        actors="DPRK",
        locs="kursk-oblast",
        claimants="Ukraine GUR",
        conf="claimed",
        note="Deputy GUR chief Vadym Skibitskyi, via Ukrinform as carried by Ukrainska Pravda.",
    ),
    "E055": dict(
        id="nis-5000-builders",
        date="2025-11-04",
        cat="deployment",
        actors="DPRK",
        locs="",
        claimants="South Korea NIS",
        conf="reported",
        note="Place: areas near the Russia-Ukraine border (no single location).",
    ),
    "E056": dict(
        id="engineers-return",
        date="2025-12-12",
        cat="acknowledgement",
        actors="DPRK",
        locs="pyongyang;kursk-oblast",
        claimants="KCNA",
        conf="confirmed",
        note="The ceremony is reported as fact by AFP and Yonhap; the nine deaths are KCNA's own "
        "figure (estimate kcna-2025-12-13-engineers-killed).",
    ),
}
