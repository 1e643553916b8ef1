"""Who makes the claims: one row per claimant named in events.claimants and estimates.claimant.

`family` is the group a claimant is shown with (the chart colours); `party` is `yes` for a party to the war
(Ukraine, Russia, North Korea, their officials and state media). build.py checks that every claimant used in
the events and estimates is listed here and that no listed claimant is unused.
"""

CLAIMANTS: list[dict] = [
    dict(
        claimant="Ukraine President",
        family="Ukraine",
        party="yes",
        note="Volodymyr Zelensky and his office.",
    ),
    dict(
        claimant="Ukraine officials",
        family="Ukraine",
        party="yes",
        note="Unnamed Ukrainian officials as reported by the media (CNN, the NYT).",
    ),
    dict(
        claimant="Ukraine GUR",
        family="Ukraine",
        party="yes",
        note="Defence Intelligence of Ukraine (HUR), including Kyrylo Budanov.",
    ),
    dict(
        claimant="Ukraine SSO",
        family="Ukraine",
        party="yes",
        note="Special Operations Forces, including spokesman Col. Oleksandr Kindratenko.",
    ),
    dict(
        claimant="Ukraine SBU",
        family="Ukraine",
        party="yes",
        note="Security Service of Ukraine.",
    ),
    dict(
        claimant="Ukraine MoD",
        family="Ukraine",
        party="yes",
        note="Ministry of Defence of Ukraine.",
    ),
    dict(
        claimant="Ukraine Armed Forces",
        family="Ukraine",
        party="yes",
        note="The General Staff and commanders, including Oleksandr Syrskyi.",
    ),
    dict(
        claimant="Ukraine CCD",
        family="Ukraine",
        party="yes",
        note="Centre for Countering Disinformation (National Security and Defence Council).",
    ),
    dict(
        claimant="Russia MoD",
        family="Russia",
        party="yes",
        note="Ministry of Defence of the Russian Federation.",
    ),
    dict(
        claimant="Russia General Staff",
        family="Russia",
        party="yes",
        note="Including Gen. Valery Gerasimov.",
    ),
    dict(
        claimant="Russia Kremlin",
        family="Russia",
        party="yes",
        note="President Putin and spokesman Dmitry Peskov.",
    ),
    dict(
        claimant="Russia Security Council", family="Russia", party="yes", note="Including its secretary Sergei Shoigu."
    ),
    dict(
        claimant="Russia State Duma",
        family="Russia",
        party="yes",
        note="The lower house of Russia's parliament.",
    ),
    dict(
        claimant="Russia Akhmat",
        family="Russia",
        party="yes",
        note="Chechen Akhmat forces' commander Apti Alaudinov, fighting for Russia.",
    ),
    dict(
        claimant="KCNA",
        family="North Korea",
        party="yes",
        note="North Korea's state news agency.",
    ),
    dict(
        claimant="South Korea NIS",
        family="South Korea",
        party="no",
        note="National Intelligence Service; its closed briefings usually reach the public through lawmakers.",
    ),
    dict(
        claimant="South Korea JCS",
        family="South Korea",
        party="no",
        note="Joint Chiefs of Staff.",
    ),
    dict(
        claimant="US DoD",
        family="United States",
        party="no",
        note="The Pentagon.",
    ),
    dict(
        claimant="US State Dept",
        family="United States",
        party="no",
        note="The State Department.",
    ),
    dict(
        claimant="US officials", family="United States", party="no", note="Unnamed US officials as reported by the NYT."
    ),
    dict(
        claimant="UK MoD",
        family="United Kingdom",
        party="no",
        note="Ministry of Defence, including Defence Intelligence updates.",
    ),
    dict(
        claimant="NATO",
        family="other governments",
        party="no",
        note="The alliance's secretary general and spokespeople.",
    ),
    dict(
        claimant="Western officials",
        family="other governments",
        party="no",
        note="Unnamed Western officials briefing the BBC; their governments are not named.",
    ),
    dict(
        claimant="Western intelligence",
        family="other governments",
        party="no",
        note="Western intelligence as cited by CNN alongside Ukrainian officials; the agencies are not named.",
    ),
    dict(
        claimant="ISW",
        family="analysts",
        party="no",
        note="Institute for the Study of War, a US think tank.",
    ),
    dict(
        claimant="Media reports",
        family="media",
        party="no",
        note="Newspapers and agencies citing unnamed military sources (JoongAng, Yonhap).",
    ),
    dict(
        claimant="The Independent",
        family="media",
        party="no",
        note="The British newspaper, on its own account.",
    ),
    dict(
        claimant="Indian Defence News",
        family="media",
        party="no",
        note="indiandefensenews.in, a low-reliability site that attributes its figures to the NIS.",
    ),
    dict(
        claimant="Anonymous sources",
        family="media",
        party="no",
        note="Unattributed Ukrainian-linked channels relayed by the media with no sourcing; "
        "no official of either side stands behind them.",
    ),
]
