"""Word-for-word quotes of the seed article (data/documents/seed-article.txt), one per seed claim.

The seed's apostrophes are typographic (’) and are kept. build.py checks every text against the
archived seed. The seed contains no direct speech, so every quote is `narration`: the article's own
words, even where it reports what a person said, and `speaker` stays empty.
"""

QUOTES: list[dict] = [
    dict(
        quote_id="seed-headline-withdraw",
        text="North Korean Troops Withdraw from Russian Frontlines Amid Heavy Losses",
        kind="narration",
        speaker="",
        event_id="kindratenko-not-seen-three-weeks",
        estimate_id="",
        location_id="",
        note="The article's headline.",
    ),
    dict(
        quote_id="seed-kursk-region",
        text="North Korean troops deployed in Russia’s Kursk region",
        kind="narration",
        speaker="",
        event_id="deployment-kursk-front",
        estimate_id="",
        location_id="kursk-oblast",
        note="",
    ),
    dict(
        quote_id="seed-kindratenko-three-weeks",
        text="According to Colonel Oleksandr Kindratenko, a spokesperson for Ukraine’s Special "
        "Operations Forces, North Korean soldiers have not been observed on the frontlines for "
        "approximately three weeks.",
        kind="narration",
        speaker="",
        event_id="kindratenko-not-seen-three-weeks",
        estimate_id="",
        location_id="",
        note="Article P1S1.",
    ),
    dict(
        quote_id="seed-absence-casualties",
        text="This absence is attributed to substantial casualties suffered by their forces.",
        kind="narration",
        speaker="",
        event_id="kindratenko-not-seen-three-weeks",
        estimate_id="",
        location_id="",
        note="Article P1S2: the reason the article gives for the absence Kindratenko reported (the NYT's "
        "officials spoke of two weeks, not three).",
    ),
    dict(
        quote_id="seed-12000-sent",
        text="Reports indicate that around 12,000 North Korean soldiers were sent to Russia",
        kind="narration",
        speaker="",
        event_id="cnn-12000-sent-4000-casualties",
        estimate_id="cnn-2025-01-31-sent-12000",
        location_id="",
        note="Article P2S0.",
    ),
    dict(
        quote_id="seed-4000-killed-or-injured",
        text="with estimates suggesting that approximately 4,000 of them have been killed or injured in combat",
        kind="narration",
        speaker="",
        event_id="cnn-12000-sent-4000-casualties",
        estimate_id="cnn-2025-01-31-killed-or-injured-4000",
        location_id="",
        note="Article P2S0.",
    ),
    dict(
        quote_id="seed-deployment-november",
        text="The deployment of these troops began in November, aimed at bolstering Russian "
        "defenses against Ukrainian advances in the southern border region.",
        kind="narration",
        speaker="",
        event_id="deployment-kursk-front",
        estimate_id="",
        location_id="",
        note="Article P2S1. Only partly right: shipments to Russia began in October 2024.",
    ),
    dict(
        quote_id="seed-davos-12000",
        text="Ukrainian President Volodymyr Zelensky recently highlighted the situation in "
        "Kursk, revealing that there are about 60,000 Russian troops and 12,000 North Koreans "
        "in the area.",
        kind="narration",
        speaker="",
        event_id="zelensky-davos",
        estimate_id="zelensky-2025-01-21-davos-12000",
        location_id="kursk-oblast",
        note="Article P3S0.",
    ),
    dict(
        quote_id="seed-davos-60000-russians",
        text="about 60,000 Russian troops",
        kind="narration",
        speaker="",
        event_id="zelensky-davos",
        estimate_id="zelensky-2025-01-21-davos-russians-60000",
        location_id="",
        note="Article P3S0, the Russian figure.",
    ),
    dict(
        quote_id="seed-davos-one-third-lost",
        text="He noted that one-third of the North Korean contingent has reportedly been lost.",
        kind="narration",
        speaker="",
        event_id="zelensky-davos",
        estimate_id="seed-davos-one-third-lost",
        location_id="",
        note="Article P3S1: a fraction with no number.",
    ),
    dict(
        quote_id="seed-davos-speech",
        text="Zelensky’s comments came during a speech at the World Economic Forum in Davos, Switzerland",
        kind="narration",
        speaker="",
        event_id="zelensky-davos",
        estimate_id="",
        location_id="davos",
        note="Article P3S2: names the venue only, so it supports the event and the place, not a figure.",
    ),
    dict(
        quote_id="seed-grenades",
        text="Some soldiers have resorted to detonating grenades rather than surrendering",
        kind="narration",
        speaker="",
        event_id="sso-grenade-self-detonation",
        estimate_id="",
        location_id="",
        note="Article P4S1.",
    ),
    dict(
        quote_id="seed-allegiance",
        text="others have been observed pledging allegiance to Kim Jong Un on the battlefield",
        kind="narration",
        speaker="",
        event_id="nis-300-killed-suicide-orders",
        estimate_id="",
        location_id="",
        note="Article P4S1: the NIS briefing of 13 Jan 2025 described a soldier about to be captured who "
        "called out Kim Jong Un's name (the event's summary says so).",
    ),
    dict(
        quote_id="seed-marksmanship-drones",
        text="Despite their training, which includes good marksmanship, North Korean troops "
        "appear ill-prepared for modern warfare, particularly against advanced technologies "
        "like drones.",
        kind="narration",
        speaker="",
        event_id="nis-100-killed-1000-wounded",
        estimate_id="",
        location_id="",
        note="Article P4S2: the NIS of 19 Dec 2024 blamed the losses on inexperience with drones and "
        "open terrain; no source read speaks to their marksmanship.",
    ),
    dict(
        quote_id="seed-6th-sso-1980s",
        text="A commander from the Ukrainian 6th Special Operations Forces regiment remarked on "
        "the North Korean soldiers’ youth and training but noted that their combat experience "
        "is outdated, likening it to the realities of warfare from the 1980s.",
        kind="narration",
        speaker="",
        event_id="sso-6th-regiment-1980s",
        estimate_id="",
        location_id="",
        note="Article P5S0. Found nowhere else: no independent source for this remark.",
    ),
    dict(
        quote_id="seed-isw-progress",
        text="Ukraine has reported advancements in the Kursk region, with the Institute for the "
        "Study of War indicating progress in recent operations.",
        kind="narration",
        speaker="",
        event_id="isw-ukrainian-advances",
        estimate_id="",
        location_id="",
        note="Article P6S0.",
    ),
    dict(
        quote_id="seed-nikolayevo-daryino",
        text="Meanwhile, the Russian Defense Ministry claimed to have recaptured the village of "
        "Nikolayevo-Daryino, which lies on the border with Ukraine.",
        kind="narration",
        speaker="",
        event_id="mod-claims-nikolayevo-daryino",
        estimate_id="",
        location_id="nikolayevo-daryino",
        note="Article P6S1.",
    ),
    dict(
        quote_id="seed-no-acknowledgement",
        text="neither Moscow nor Pyongyang has officially acknowledged the deployment of North Korean troops in Russia",
        kind="narration",
        speaker="",
        event_id="no-acknowledgement-jan-2025",
        estimate_id="",
        location_id="",
        note="Article P7S0. True at the time; no longer after 26 and 28 April 2025.",
    ),
    dict(
        quote_id="seed-defense-pact",
        text="This military collaboration follows a defense pact signed between Kim Jong Un and "
        "Vladimir Putin last year, marking a notable revival of Cold War-era ties between the "
        "two nations.",
        kind="narration",
        speaker="",
        event_id="treaty-signed",
        estimate_id="",
        location_id="pyongyang",
        note="Article P7S1.",
    ),
]
