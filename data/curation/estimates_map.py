"""Curation decisions for each dossier estimate (keyed by the dossier's id, X001 ... X056).

Fields: id, claimant (controlled list), force, metric, role, conf (re-judged), as_of/prec where the
dossier's date changes, low/high where they change (never derived: only to split a row or to
empty an open bound), scope, note (kept from the dossier, with relays and doubts), doubtful.
`split` lists extra rows made from one dossier row. Unlisted fields keep the dossier's values.
"""

ESTIMATES: dict[str, dict] = {
    "X001": dict(id="nis-2024-10-18-first-contingent", claimant="South Korea NIS", metric="deployed", conf="reported"),
    "X002": dict(
        id="nis-2024-10-18-planned-12000",
        claimant="South Korea NIS",
        metric="deployed",
        role="planned",
        conf="reported",
        note="Relayed by Yonhap (via AFP); the NIS declined to confirm the figure to AFP. "
        "Planned total of four brigades.",
    ),
    "X003": dict(
        id="nis-2024-10-23-in-russia-3000",
        claimant="South Korea NIS",
        metric="deployed",
        conf="reported",
        note="Relayed by lawmaker Park Sun-won. NIS expected about 10,000 by December.",
    ),
    "X004": dict(
        id="usdod-2024-10-28-eastern-russia-10000",
        claimant="US DoD",
        metric="deployed",
        conf="reported",
        note="Pentagon spokeswoman Sabrina Singh. Up from a US estimate of about 3,000 the previous week.",
    ),
    "X005": dict(
        id="zelensky-2024-10-28-on-russian-territory",
        claimant="Ukraine President",
        metric="present",
        low="3000",
        high="3000",
        conf="claimed",
        scope="On Russian territory at the time",
        note="Dossier row X005 gave 3,000-12,000 (current count and expected total); "
        "split into the count (this row) and the expectation (next row).",
        split=[
            dict(
                id="zelensky-2024-10-28-expected-12000",
                metric="deployed",
                role="planned",
                low="12000",
                high="12000",
                scope="Expected total soon",
                note="Second half of dossier row X005: the total Zelensky expected.",
            )
        ],
    ),
    "X006": dict(
        id="usstate-2024-10-31-kursk-8000",
        claimant="US State Dept",
        metric="present",
        conf="reported",
        note="Blinken: 'as many as' 8,000 of about 10,000 in Russia; entered as a point.",
    ),
    "X007": dict(id="zelensky-2024-11-04-kursk-11000", claimant="Ukraine President", metric="present", conf="claimed"),
    "X008": dict(
        id="umerov-2024-11-05-projected-15000",
        claimant="Ukraine MoD",
        metric="deployed",
        role="planned",
        conf="claimed",
        note="Rustem Umerov: a projection of five units of about 3,000, not a count.",
    ),
    "X009": dict(
        id="usstate-2024-11-12-over-10000",
        claimant="US State Dept",
        metric="deployed",
        conf="reported",
        note="Vedant Patel: 'over 10,000', no upper bound.",
    ),
    "X010": dict(
        id="usdod-2024-11-18-kursk-11000",
        claimant="US DoD",
        metric="present",
        conf="reported",
        note="DoD News article; assessed as 'likely'.",
    ),
    "X011": dict(
        id="anon-2024-11-24-marino-500-killed",
        claimant="Anonymous sources",
        metric="killed",
        conf="claimed",
        doubtful="yes",
        as_of="2024-11-24",
        note="Doubtful: anonymous Ukrainian-linked rumour (Global Defense / Telegram) "
        "relayed by KBS with no sourcing; the NIS said only that it was monitoring.",
    ),
    "X012": dict(
        id="gur-2024-12-16-joint-units-200",
        claimant="Ukraine GUR",
        metric="killed_or_wounded",
        conf="claimed",
        doubtful="yes",
        note="Doubtful as a North Korean figure: LIGA says about 200 casualties among joint "
        "Russian-North Korean units, Delo says about 200 North Korean soldiers killed, so the "
        "figure may include Russian troops. Shown apart from the North Korean figures.",
    ),
    "X013": dict(
        id="gur-2024-12-16-three-villages-30",
        claimant="Ukraine GUR",
        metric="killed_or_wounded",
        conf="claimed",
        note="'At least 30'.",
    ),
    "X014": dict(
        id="gur-2024-12-16-kurilovka-missing-3",
        claimant="Ukraine GUR",
        metric="missing",
        conf="claimed",
        note="'At least three' went missing (GUR Telegram, as quoted by ZeroHedge).",
    ),
    "X015": dict(
        id="usdod-2024-12-17-several-hundred",
        claimant="US DoD",
        metric="killed_or_wounded",
        conf="reported",
        note="'Several hundred' killed or wounded, no number given, so not charted. "
        "Senior US defence official speaking to The New York Times.",
    ),
    "X016": dict(
        id="nis-2024-12-19-killed-100",
        claimant="South Korea NIS",
        metric="killed",
        conf="reported",
        note="'At least 100'; relayed by lawmaker Lee Seong-kweun, who called the NIS "
        "analysis conservative next to the US 'several hundred'.",
    ),
    "X017": dict(
        id="nis-2024-12-19-wounded-1000",
        claimant="South Korea NIS",
        metric="wounded",
        conf="reported",
        note="'Approaching 1,000'; relayed by lawmaker Lee Seong-kweun.",
    ),
    "X018": dict(
        id="jcs-2024-12-23-casualties-1100",
        claimant="South Korea JCS",
        metric="killed_or_wounded",
        conf="reported",
        note="The Moscow Times page is dated 31 Dec but reports the JCS statement of Monday 23 Dec.",
    ),
    "X019": dict(
        id="zelensky-2024-12-23-over-3000",
        claimant="Ukraine President",
        metric="killed_or_wounded",
        conf="claimed",
        note="'Exceeded 3,000', preliminary data from Commander-in-Chief Syrskyi's report.",
    ),
    "X020": dict(
        id="nis-2024-12-27-captured-1",
        claimant="South Korea NIS",
        metric="captured",
        conf="reported",
        note="First North Korean captured alive (26 Dec); died of his wounds.",
    ),
    "X021": dict(
        id="ukmod-2025-01-casualties-4000",
        claimant="UK MoD",
        metric="killed_or_wounded",
        as_of="2025-01-01",
        as_of_prec="month",
        conf="reported",
        doubtful="yes",
        note="Doubtful: known only from one undated 112.ua page (the dossier: unverified), "
        "placed in January 2025 to the month only; no UK MoD update with this figure was "
        "found, and the page may repeat the BBC's 4,000 of 22 January. About a quarter killed.",
    ),
    "X022": dict(
        id="syrskyi-2025-01-about-half",
        claimant="Ukraine Armed Forces",
        metric="killed_or_wounded",
        as_of="2025-01-01",
        as_of_prec="month",
        conf="claimed",
        note="Commander-in-Chief Oleksandr Syrskyi: about half of the 11,000-12,000 "
        "contingent lost. No absolute figure, so not charted. Exact date of the remark "
        "not given (late January 2025).",
    ),
    "X023": dict(
        id="zelensky-2025-01-09-ramstein-4000",
        claimant="Ukraine President",
        metric="killed_or_wounded",
        conf="claimed",
        note="At Ramstein Zelensky said North Korea had 'lost 4,000'; Interfax-Ukraine "
        "glossed it as killed and wounded.",
    ),
    "X024": dict(
        id="zelensky-2025-01-11-captured-2",
        claimant="Ukraine President",
        metric="captured",
        conf="claimed",
        note="Announced by Zelensky with the SBU; captured alive on 9 Jan, held by the SBU in Kyiv.",
    ),
    "X025": dict(
        id="nis-2025-01-13-killed-300",
        claimant="South Korea NIS",
        metric="killed",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun.",
    ),
    "X026": dict(
        id="nis-2025-01-13-wounded-2700",
        claimant="South Korea NIS",
        metric="wounded",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun.",
    ),
    "X027": dict(
        id="zelensky-2025-01-21-davos-12000",
        stated="yes",
        claimant="Ukraine President",
        metric="present",
        conf="claimed",
        note="Davos speech; the article repeats the figure.",
        split=[
            dict(
                id="zelensky-2025-01-21-davos-russians-60000",
                force="russia",
                metric="present",
                low="60000",
                high="60000",
                scope="Russian troops in the Kursk area",
                note="Same Davos speech. The article says 'about 60,000', so it is filed as a point "
                "figure; the dossier's event row (E027) renders it 'more than 60,000'.",
            )
        ],
    ),
    "X028": dict(
        id="zelensky-2025-01-21-davos-4000",
        claimant="Ukraine President",
        metric="killed_or_wounded",
        conf="claimed",
        note="Zelensky said 4,000 were lost (the article: one-third 'lost'); Euromaidan Press and "
        "Censor.NET rendered it 'killed', other outlets killed or wounded. Filed as killed or "
        "wounded: a loss figure, not a death toll.",
    ),
    "X029": dict(
        id="western-2025-01-22-killed-1000",
        claimant="Western officials",
        metric="killed",
        conf="reported",
        note="Anonymous Western officials to the BBC; by mid-January 2025.",
    ),
    "X030": dict(
        id="western-2025-01-22-casualties-4000",
        claimant="Western officials",
        metric="killed_or_wounded",
        conf="reported",
        note="BBC 'battle casualties' include killed, wounded, missing and captured, of about 11,000 deployed.",
    ),
    "X031": dict(
        id="cnn-2025-01-31-sent-12000",
        stated="yes",
        claimant="Ukraine officials",
        metric="deployed",
        conf="claimed",
        note="CNN gives the figure as an estimate of Ukrainian officials and Western intelligence; "
        "this row is the Ukrainian officials' (a party's own figure, so claimed). One report chain "
        "(CNN, ANI/LatestLY, TVC News); the article repeats it. See cnn-2025-01-31-western-sent-12000.",
        split=[
            dict(
                id="cnn-2025-01-31-western-sent-12000",
                claimant="Western intelligence",
                conf="reported",
                note="CNN gives the figure as an estimate of Ukrainian officials and Western "
                "intelligence; this row is Western intelligence's (not a party, one report chain: "
                "reported). See cnn-2025-01-31-sent-12000.",
            )
        ],
    ),
    "X032": dict(
        id="cnn-2025-01-31-killed-or-injured-4000",
        stated="yes",
        claimant="Ukraine officials",
        metric="killed_or_wounded",
        conf="claimed",
        note="CNN gives the figure as an estimate of Ukrainian officials and Western intelligence; "
        "this row is the Ukrainian officials' (a party's own figure, so claimed). One report chain; "
        "the article says about 4,000 'killed or injured'. See cnn-2025-01-31-western-killed-or-injured-4000.",
        split=[
            dict(
                id="cnn-2025-01-31-western-killed-or-injured-4000",
                claimant="Western intelligence",
                conf="reported",
                note="CNN gives the figure as an estimate of Ukrainian officials and Western "
                "intelligence; this row is Western intelligence's (not a party, one report chain: "
                "reported). See cnn-2025-01-31-killed-or-injured-4000.",
            )
        ],
    ),
    "X033": dict(
        id="budanov-2025-01-31-still-at-front-8000",
        claimant="Ukraine GUR",
        metric="present",
        as_of="2025-01-31",
        conf="claimed",
        note="Kyrylo Budanov in a War Zone interview dated 31 Jan, reported 4 Feb. Disputes the withdrawal reports.",
    ),
    "X034": dict(
        id="budanov-2025-02-04-casualties-4000",
        claimant="Ukraine GUR",
        metric="killed_or_wounded",
        conf="claimed",
        note="Kyrylo Budanov.",
    ),
    "X035": dict(
        id="zelensky-2025-02-14-munich-over-4000",
        claimant="Ukraine President",
        metric="killed_or_wounded",
        conf="claimed",
        note="Munich: 'more than 4,000', of whom 'about two-thirds' died; no death "
        "figure was stated, so none is entered.",
    ),
    "X036": dict(
        id="zelensky-2025-02-14-more-2000-3000",
        claimant="Ukraine President",
        metric="deployed",
        conf="claimed",
        note="Munich: additional troops being transferred to Kursk.",
    ),
    "X037": dict(
        id="media-2025-02-27-second-wave",
        claimant="Media reports",
        metric="deployed",
        conf="reported",
        note="JoongAng and Yonhap citing South Korean military sources; the NIS itself "
        "said the scale was still being assessed.",
    ),
    "X038": dict(
        id="gur-2025-03-06-first-wave-12000",
        claimant="Ukraine GUR",
        metric="deployed",
        conf="claimed",
        note="Ukrainian military intelligence via KBS; the same report gives 1,500 more "
        "in early 2025 and about 3,500 training in the Russian Far East.",
    ),
    "X039": dict(
        id="gur-2025-03-06-additional-1500",
        claimant="Ukraine GUR",
        metric="deployed",
        conf="claimed",
        note="Via KBS. A third deployment may be in preparation (about 3,500 training in the Far East).",
    ),
    "X040": dict(
        id="gur-2025-03-06-killed-over-400",
        claimant="Ukraine GUR",
        metric="killed",
        conf="claimed",
        note="Via KBS: 'more than 400'.",
    ),
    "X041": dict(
        id="gur-2025-03-06-wounded-over-3600",
        claimant="Ukraine GUR",
        metric="wounded",
        conf="claimed",
        note="Via KBS: 'over 3,600'.",
    ),
    "X042": dict(
        id="jcs-2025-03-27-casualties-4000", claimant="South Korea JCS", metric="killed_or_wounded", conf="reported"
    ),
    "X043": dict(
        id="jcs-2025-03-27-additional-3000",
        claimant="South Korea JCS",
        metric="deployed",
        conf="reported",
        note="'3,000 or more', sent Jan-Feb 2025.",
    ),
    "X044": dict(
        id="ukmod-2025-04-02-over-5000",
        claimant="UK MoD",
        metric="killed_or_wounded",
        as_of_prec="approx",
        conf="reported",
        note="The update's own date is unknown; reported on 2 Apr 2025 (both pages rely "
        "on Yonhap). About one-third killed.",
    ),
    "X045": dict(
        id="nis-2025-04-30-casualties-4700",
        claimant="South Korea NIS",
        metric="killed_or_wounded",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun. About 2,000 wounded were repatriated Jan-Mar 2025.",
    ),
    "X046": dict(
        id="nis-2025-04-30-killed-600",
        claimant="South Korea NIS",
        metric="killed",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun.",
    ),
    "X047": dict(
        id="nis-2025-04-total-15000",
        claimant="South Korea NIS",
        metric="deployed",
        as_of="2025-04-01",
        as_of_prec="month",
        conf="reported",
        note="Lawmakers citing the NIS gave 15,000 'in April' (Reuters, Aug 2025, read on "
        "oafnation.com); Yonhap (Dec 2025) repeats about 15,000 combat troops. Day "
        "unknown.",
    ),
    "X048": dict(
        id="indiandefencenews-2025-04-30-15000-18000",
        claimant="Indian Defence News",
        metric="deployed",
        conf="disputed",
        doubtful="yes",
        note="Doubtful outlier: a single low-reliability page that attributes the range "
        "to the NIS; found nowhere else, and the NIS figure reported elsewhere is "
        "15,000.",
    ),
    "X049": dict(
        id="ukmod-2025-06-15-over-6000",
        claimant="UK MoD",
        metric="killed_or_wounded",
        conf="reported",
        note="UK Defence Intelligence: 'highly likely' (80-90% in UK usage); more than "
        "half of about 11,000 initially deployed.",
    ),
    "X050": dict(
        id="shoigu-2025-06-17-planned-6000",
        claimant="Russia Security Council",
        metric="deployed",
        role="planned",
        conf="claimed",
        note="Shoigu: 1,000 deminers and 5,000 military builders to Kursk. Announced, not yet sent; non-combat.",
    ),
    "X051": dict(
        id="nis-2025-08-22-wounded-4100",
        claimant="South Korea NIS",
        metric="wounded",
        conf="reported",
        note="KBS states it as the NIS estimate: a death toll of 600 with another 4,100 injured. "
        "The figure is KBS's own, not derived here; it matches the NIS's April totals (4,700 "
        "casualties, 600 killed), so it is probably those figures restated rather than a new briefing.",
    ),
    "X052": dict(
        id="independent-2025-08-22-over-20000",
        claimant="The Independent",
        metric="deployed",
        conf="disputed",
        doubtful="yes",
        note="Doubtful outlier: conflicts with every other estimate (10,000-15,000); probably an error.",
    ),
    "X053": dict(
        id="nis-2025-09-02-killed-2000",
        claimant="South Korea NIS",
        metric="killed",
        conf="reported",
        note="Relayed by lawmaker Lee Seong-kweun; revised up from 'at least 600' (April).",
    ),
    "X054": dict(
        id="nis-2025-11-04-builders-5000",
        claimant="South Korea NIS",
        metric="deployed",
        role="support",
        conf="reported",
        note="Military construction troops, moved in stages since September 2025; matches Shoigu's June announcement.",
    ),
    "X055": dict(
        id="nis-2025-11-04-near-border-10000",
        claimant="South Korea NIS",
        metric="present",
        conf="reported",
        note="Deployed near the Russia-Ukraine border in a security role.",
    ),
    "X056": dict(
        id="kcna-2025-12-13-engineers-killed",
        claimant="KCNA",
        metric="killed",
        role="support",
        conf="claimed",
        note="Kim Jong Un's speech: the only casualty figure Pyongyang has published. "
        "About 1,000 engineers were deployed per Yonhap.",
    ),
}
