"""The default briefing: the seed article's storyline as presenter steps (data/briefing.csv).

Each view is a share link's query string using only the parameters of docs/ARCHITECTURE.md. The briefing opens
with the bottom line: an overview step with no as-of date shows the key judgments (data/judgments.csv) standing
today, each with its likelihood and confidence; the steps after it show the evidence in the order events happened.
"""

STEPS: list[dict] = [
    dict(
        step=1,
        title="Key judgments: some 15,000 troops sent, over 4,000 casualties",
        talking_points="Start with the bottom line, then show the evidence. Each judgment carries two labels: "
        "how likely we judge it (ICD 203 terms) and how good the evidence is (confidence). Casualty judgments are "
        "low confidence: the claimants count different things and none is verified.",
        view="page=overview",
    ),
    dict(
        step=2,
        title="The treaty: Russia and North Korea sign a mutual-defence pact",
        talking_points="19 June 2024, Pyongyang: Putin and Kim sign a strategic partnership "
        "treaty with a mutual-assistance clause. Russia ratifies it in October and November, "
        "North Korea on 11 November; it takes effect on 4 December. The article calls it the "
        "revival of Cold War-era ties.",
        view="page=timeline&event=treaty-signed",
    ),
    dict(
        step=3,
        title="The deployment: troops shipped to Russia from October 2024",
        talking_points="The NIS says about 1,500 special forces were shipped to Vladivostok on "
        "8-13 October. By late October the US and NATO place North Korean units in Kursk. The "
        "article says the deployment began in November: true only of the move to the front.",
        view="page=timeline&event=first-contingent-shipped",
    ),
    dict(
        step=4,
        title="How many were sent? Every claimant's count",
        talking_points="Counts run from 1,500 (first contingent) to about 11,000-12,000 in "
        "Kursk, and 15,000 combat troops in total by April 2025. Planned and non-combat "
        "deployments (deminers, builders) are shown apart. Two outliers (over 20,000; "
        "15,000-18,000) are doubtful.",
        view="page=forces&force=dprk&metric=size",
    ),
    dict(
        step=5,
        title="First combat and first losses, December 2024",
        talking_points="The US says North Koreans began combat in November; Ukraine's GUR reports "
        "the first losses near three villages of Sudzha district on 14-15 December, and the "
        "Pentagon confirms killed and wounded. Vorobzha has no published coordinates: it is drawn "
        "as an area at Sudzha, the district centre, not as a point.",
        view="page=map&place=plekhovo",
    ),
    dict(
        step=6,
        title="Casualties: the estimates do not agree",
        talking_points="Deaths by mid-January range from about 300 (NIS) and about 1,000 (Western "
        "officials via the BBC) to Ukraine's far higher figures. Definitions differ: 'lost', "
        "'casualties', 'battle casualties' including missing and captured. No figure is "
        "independently verified.",
        view="page=forces&force=dprk&metric=losses",
    ),
    dict(
        step=7,
        title="What was known in mid-January 2025",
        talking_points="Turning back the clock to 15 January: the NIS estimate of 13 January "
        "stands beside Zelensky's claims, and none of the later figures are shown.",
        view="page=overview&asof=2025-01-15",
    ),
    dict(
        step=8,
        title="Davos: 60,000 Russians, 12,000 North Koreans, one-third lost",
        talking_points="21 January 2025: Zelensky at the World Economic Forum. The 4,000 is "
        "written as 'killed' by two Ukrainian outlets and as 'lost' elsewhere, including the "
        "article: probably total losses.",
        view="page=timeline&event=zelensky-davos",
    ),
    dict(
        step=9,
        title="Withdrawal from the front, late January 2025",
        talking_points="SSO spokesman Kindratenko: not seen for about three weeks. US officials "
        "(via the NYT) and the NIS say the same; GUR chief Budanov says about 8,000 remain. By "
        "early February they are back in assaults.",
        view="page=timeline&event=kindratenko-not-seen-three-weeks",
    ),
    dict(
        step=10,
        title="Nikolayevo-Daryino: a claim made twice",
        talking_points="The article's one named village. Russia's MoD claims its recapture on "
        "27 January 2025, though an Akhmat commander had already claimed it in September 2024. "
        "No published coordinates: it is drawn as an area at Sudzha, the district centre.",
        view="page=map&place=nikolayevo-daryino",
    ),
    dict(
        step=11,
        title="The 6th SSO Regiment's '1980s' remark: found only in the article",
        talking_points="The article credits the remark to a regiment commander it does not name; "
        "no other source carries it. Treat it as the article's alone.",
        view="page=timeline&event=sso-6th-regiment-1980s",
    ),
    dict(
        step=12,
        title="April 2025: Moscow and Pyongyang acknowledge the deployment",
        talking_points="The article's 'no official acknowledgement' expires: Gerasimov praises the "
        "North Korean troops on 26 April, and KCNA confirms the deployment on 28 April. Russia "
        "declares Kursk retaken; Ukraine denies it.",
        view="page=timeline&event=russia-acknowledges-nk-troops",
    ),
]
