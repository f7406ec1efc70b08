"""Parallel Danish and English prose for the synthetic corpus: word lists, sentence templates and a
writer that turns one case's facts into a ~600-word story per language.

The words are chosen to behave like real case stories for search and rendering: a vocabulary of a
few thousand Danish and English words (compound nouns, names, towns, numbers), headings, lists and
bold text, and the terms the benchmark searches for ("mentorer", "mentoring") in the stories of
mentoring cases, as in the seed case ``ibm-nydansker-erhvervsmentorer``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

Pair = tuple[str, str]  # (Danish, English)

FIRST_NAMES = (
    "Anne", "Mette", "Hanne", "Susanne", "Lene", "Marianne", "Camilla", "Louise", "Pia", "Sanne", "Tina", "Maja",
    "Ida", "Freja", "Sofie", "Emma", "Laura", "Nadia", "Fatima", "Amina", "Leila", "Birgitte", "Karen", "Signe",
    "Jens", "Peter", "Lars", "Henrik", "Søren", "Niels", "Morten", "Anders", "Thomas", "Jesper", "Rasmus", "Mikkel",
    "Kasper", "Jonas", "Frederik", "Mads", "Ahmad", "Omar", "Yusuf", "Ali", "Bo", "Ole", "Torben", "Claus", "Kim",
    "Thorbjørn", "Jon", "Oda", "Liselotte", "Asger", "Esben", "Vibeke", "Dorthe", "Rikke", "Trine", "Malene",
)
SURNAMES = (
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen",
    "Holm", "Lund", "Bering", "Urbak", "Rønhøj", "Kiellberg", "Sejerøe", "Korsgaard", "Lautrop", "Bagøien", "Hustad",
    "Dahl", "Frost", "Skov", "Bech", "Krogh", "Vestergaard", "Mikkelsen", "Schmidt", "Friis", "Winther", "Juhl",
    "Kjær", "Bak", "Lauridsen", "Hedegaard", "Østergaard", "Nørgaard", "Aydin", "Hassan", "Yilmaz", "Khan",
)
TOWNS = (
    "København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding", "Horsens", "Vejle", "Roskilde",
    "Herning", "Hørsholm", "Silkeborg", "Næstved", "Fredericia", "Viborg", "Køge", "Holstebro", "Taastrup", "Slagelse",
    "Hillerød", "Sønderborg", "Svendborg", "Hjørring", "Holbæk", "Frederikshavn", "Nørresundby", "Ringsted",
    "Haderslev", "Skive", "Ølstykke", "Nykøbing Falster", "Farum", "Skanderborg", "Smørum", "Hedensted",
    "Kalundborg", "Helsingør",
    "Greve", "Ballerup", "Glostrup", "Lyngby", "Holte", "Vesterbro", "Nørrebro", "Valby", "Østerbro", "Amager",
    "Gellerup", "Vollsmose", "Tingbjerg", "Ishøj", "Brøndby", "Albertslund", "Thisted", "Ribe", "Tønder", "Rønne",
)
COMPANY_WORDS = (
    "Nordlys", "Havbro", "Skovgaard", "Lindholm", "Fjordkraft", "Kystlinje", "Bølgen", "Egeskov", "Solhverv",
    "Klitten", "Vadehav", "Granit", "Lysning", "Agerbo", "Bakkehus", "Stjerne", "Tårnby", "Vindeby", "Engholm",
    "Saltholm", "Mosegaard", "Sandvig", "Strandvejen", "Ravnsborg", "Højvang", "Kornmod", "Birkely", "Nordhavn",
)
COMPANY_TRADES = (
    "Rådgivning", "Data", "Bank", "Forsikring", "Ingeniører", "Logistik", "Energi", "Revision", "Software",
    "Byg", "Medico", "Transport", "Arkitekter", "Advokater", "Pharma", "Foods", "Telecom", "Consulting",
)
COMPANY_FORMS = ("A/S", "ApS", "Danmark", "Group", "")
NGO_PATTERNS = (
    "Foreningen {word}", "{town}s Frivilligcenter", "Lektiecafé {town}", "Netværket {word}", "{word}-huset",
    "Mødrenes {word}", "Ungdomsklubben {word}", "Boligsocial Indsats {town}", "Kvindenetværket {town}",
    "Seniorhjælpen {town}", "{word} Idrætsforening", "Fædregruppen {town}", "Sprogcaféen {word}",
)
FOUNDATION_PATTERNS = ("{surname}-Fonden", "Fonden for {cause}", "{word}fonden", "{town} Lokalfond")
CAUSES = ("Socialt Ansvar", "Frivillighed", "Lige Muligheder", "Unges Fremtid", "Lokal Udvikling", "Inklusion")
PUBLIC_PATTERNS = ("{town} Kommune", "Jobcenter {town}", "Borgerservice {town}",
                   "Ungdommens Uddannelsesvejledning {town}")
UNIVERSITIES = (
    "Roskilde Universitet", "Aarhus Universitet", "Københavns Universitet", "Aalborg Universitet",
    "Syddansk Universitet", "Copenhagen Business School", "Professionshøjskolen {word}", "Erhvervsakademi {town}",
)
NETWORK_PATTERNS = ("CSR-netværket {town}", "Erhvervsnetværk {town}", "{word}-netværket", "Virksomhedsforum {town}")
CONSULTANCY_PATTERNS = ("{surname} & Partnere", "{word} Consult", "{word} Impact", "Samskab {town}")

# Compound nouns: a Danish first part (with its joint) and an English modifier, times a head noun.
COMPOUND_FIRST: tuple[Pair, ...] = (
    ("integrations", "integration"), ("beskæftigelses", "employment"), ("uddannelses", "education"),
    ("frivilligheds", "volunteering"), ("lokal", "local"), ("børne", "children's"), ("ungdoms", "youth"),
    ("sundheds", "health"), ("kultur", "culture"), ("idræts", "sports"), ("miljø", "environmental"),
    ("klima", "climate"), ("erhvervs", "business"), ("forenings", "association"), ("samarbejds", "partnership"),
    ("lederudviklings", "leadership development"), ("digitaliserings", "digitalisation"), ("netværks", "network"),
    ("mentor", "mentor"), ("kommunikations", "communications"), ("økonomi", "finance"), ("strategi", "strategy"),
    ("rekrutterings", "recruitment"), ("trivsels", "well-being"), ("sprog", "language"), ("lektie", "homework"),
    ("familie", "family"), ("senior", "senior"), ("nabo", "neighbourhood"), ("iværksætter", "start-up"),
)
COMPOUND_HEAD: tuple[Pair, ...] = (
    ("indsats", "effort"), ("projekt", "project"), ("forløb", "programme"), ("møde", "meeting"), ("plan", "plan"),
    ("værksted", "workshop"), ("netværk", "network"), ("arbejde", "work"), ("tilbud", "service"),
    ("initiativ", "initiative"), ("kursus", "course"), ("dag", "day"), ("café", "café"), ("gruppe", "group"),
    ("platform", "platform"), ("partnerskab", "partnership"), ("program", "programme"), ("materiale", "material"),
    ("kampagne", "campaign"), ("undersøgelse", "survey"),
)
GROUPS: tuple[Pair, ...] = (
    ("flygtninge", "refugees"), ("unge ledige", "young unemployed people"), ("ældre borgere", "older residents"),
    ("børnefamilier", "families with children"), ("nyankomne kvinder", "newly arrived women"),
    ("skoleelever", "school pupils"), ("hjemløse", "homeless people"), ("ensomme seniorer", "lonely seniors"),
    ("langtidsledige", "long-term unemployed people"), ("studerende", "students"),
    ("sårbare unge", "vulnerable young people"), ("iværksættere", "entrepreneurs"), ("forældre", "parents"),
    ("fædre med minoritetsbaggrund", "fathers from minority backgrounds"), ("lokale frivillige", "local volunteers"),
)
SKILLS: tuple[Pair, ...] = (
    ("projektledelse", "project management"), ("økonomistyring", "financial management"),
    ("markedsføring", "marketing"), ("it-sikkerhed", "IT security"), ("jura", "law"),
    ("grafisk design", "graphic design"), ("programmering", "programming"), ("kommunikation", "communication"),
    ("personaleledelse", "people management"), ("salg", "sales"), ("logistik", "logistics"),
    ("dataanalyse", "data analysis"), ("ledelse", "leadership"), ("fundraising", "fundraising"),
    ("regnskab", "accounting"), ("forretningsudvikling", "business development"), ("rekruttering", "recruitment"),
)
ADJECTIVES: tuple[Pair, ...] = (
    ("konkret", "concrete"), ("lokal", "local"), ("praktisk", "practical"), ("langsigtet", "long-term"),
    ("fleksibel", "flexible"), ("tydelig", "clear"), ("ambitiøs", "ambitious"), ("realistisk", "realistic"),
    ("uformel", "informal"), ("fælles", "shared"), ("enkel", "simple"), ("overraskende", "surprising"),
    ("vedvarende", "lasting"), ("målrettet", "targeted"), ("grundig", "thorough"), ("åben", "open"),
)
SEASONS: tuple[Pair, ...] = (
    ("i foråret", "in spring"), ("i efteråret", "in autumn"), ("i sommeren", "in summer"),
    ("i vinteren", "in winter"), ("i januar", "in January"), ("i marts", "in March"), ("i maj", "in May"),
    ("i september", "in September"), ("i oktober", "in October"), ("i november", "in November"),
)
HEADINGS: tuple[tuple[Pair, ...], ...] = (
    (("Baggrund", "Background"), ("Udgangspunktet", "Where it started"),
     ("Hvorfor samarbejdet opstod", "Why it began")),
    (("Det skete", "What happened"), ("Sådan foregik det", "How it worked"), ("Forløbet", "The programme")),
    (("Resultater", "Results"), ("Det kom der ud af", "What came of it"), ("Effekten", "The effect")),
    (("Det kan andre lære", "What others can learn"), ("Gode råd", "Advice for others"), ("Erfaringer", "Lessons")),
)

# Sentences: {company} {ngo} {other} {town} {year} {n} {m} {season} {group} {skill} {adj} {thing} {thing2}
# {person} {topic}; the same slot values fill the Danish and the English sentence.
BACKGROUND: tuple[Pair, ...] = (
    ("{company} ville længe bruge medarbejdernes viden om {skill} til noget, der rækker ud over forretningen.",
     "{company} had long wanted to use its employees' knowledge of {skill} for something beyond the business."),
    ("Hos {ngo} lå der et konkret spørgsmål: hvordan kan et {thing} nå flere {group} i {town}?",
     "{ngo} had a specific question: how could a {thing} reach more {group} in {town}?"),
    ("Ideen opstod {season} {year}, da en medarbejder fra {company} mødte de frivillige fra {ngo} til et {thing2}.",
     "The idea came up {season} {year}, when an employee of {company} met the volunteers of {ngo} at a {thing2}."),
    ("Mange medarbejdere var allerede frivillige i deres fritid, men virksomheden manglede en {adj} ramme for det.",
     "Many employees already volunteered in their spare time, but the company lacked a {adj} framework for it."),
    ("{ngo} arbejder med {group} og har gennem flere år opbygget et stærkt {thing} i lokalområdet.",
     "{ngo} works with {group} and has spent several years building a strong {thing} in the area."),
    ("Ledelsen i {company} så samarbejdet som en del af virksomhedens arbejde med {topic}.",
     "The management of {company} saw the partnership as part of the company's work on {topic}."),
    ("Samtidig søgte {other} partnere, der kunne bidrage med viden om {skill} og et netværk i erhvervslivet.",
     "At the same time {other} was looking for partners who could bring knowledge of {skill} and business contacts."),
    ("Før samarbejdet begyndte, brugte parterne et par måneder på at afstemme forventninger og finde en {adj} opgave.",
     "Before the partnership began, the partners spent a few months aligning expectations and finding a {adj} task."),
    ("Udfordringen var velkendt: {group} i {town} har sværere ved at finde vej til job, uddannelse og fællesskaber.",
     "The challenge was familiar: {group} in {town} find it harder to get into work, education and communities."),
    ("{person} fra {company} tog kontakt til {ngo} og foreslog et {thing} med en klar begyndelse og slutning.",
     "{person} of {company} contacted {ngo} and proposed a {thing} with a clear beginning and end."),
)
EVENTS: tuple[Pair, ...] = (
    ("I alt {n} medarbejdere fra {company} meldte sig som frivillige, og de mødtes med {m} deltagere fra {ngo}.",
     "In all {n} employees of {company} volunteered, and they met {m} participants from {ngo}."),
    ("Forløbet begyndte med et {thing} i {town}, hvor alle parter præsenterede deres mål for samarbejdet.",
     "The programme started with a {thing} in {town}, where every partner presented its goals for the work."),
    ("De frivillige brugte deres erfaring med {skill} til at hjælpe {ngo} med et {adj} {thing2}.",
     "The volunteers used their experience of {skill} to help {ngo} with a {adj} {thing2}."),
    ("Hver uge mødtes små grupper i cirka to timer, og mellem møderne holdt de kontakt på mail og telefon.",
     "Small groups met for about two hours every week and kept in touch by email and phone in between."),
    ("{person} fortæller, at den vigtigste opgave var at lytte og først derefter komme med forslag.",
     "{person} says the most important task was to listen first and only then make suggestions."),
    ("{other} bidrog med lokaler og viden om {group}, så aktiviteterne passede til deltagernes hverdag.",
     "{other} provided rooms and knowledge of {group}, so the activities fitted the participants' daily lives."),
    ("Undervejs blev planen justeret to gange, fordi deltagerne havde brug for mere tid til {skill}.",
     "The plan was adjusted twice along the way, because the participants needed more time for {skill}."),
    ("En del af arbejdet foregik som et {thing}, hvor medarbejdere og frivillige arbejdede side om side.",
     "Part of the work took the form of a {thing}, with employees and volunteers working side by side."),
    ("{company} stillede desuden {n} bærbare computere og materialer til rådighed for {ngo}.",
     "{company} also gave {ngo} {n} laptops and materials."),
    ("Halvvejs holdt parterne et {thing2} for at gøre status og aftale de næste skridt.",
     "Halfway through, the partners held a {thing2} to take stock and agree the next steps."),
    ("Deltagerne fra {ngo} kom med ideer, som medarbejderne fra {company} ikke selv havde tænkt på.",
     "The participants from {ngo} came up with ideas that the employees of {company} had not thought of."),
    ("Forløbet sluttede {season} {year} med en fælles afslutning i {town}.",
     "The programme ended {season} {year} with a shared closing event in {town}."),
)
MENTORING: tuple[Pair, ...] = (
    ("Mentorerne fra {company} mødtes med deres mentees cirka en gang om måneden i {n} måneder.",
     "The mentors from {company} met their mentees about once a month for {n} months, a mentoring programme."),
    ("Som mentorer delte medarbejderne deres viden om arbejdsmarkedet, uddannelse og {skill}.",
     "As mentors the employees shared what they knew about working life, education and {skill}."),
    ("{ngo} matchede mentorer og mentees og fulgte hvert par undervejs.",
     "{ngo} matched mentors with mentees and followed each pair through the mentoring."),
    ("Flere mentorer fortæller, at de selv lærte lige så meget som deres mentees.",
     "Several mentors say that mentoring taught them as much as it taught their mentees."),
)
RESULTS: tuple[Pair, ...] = (
    ("Efter forløbet var {n} af {m} deltagere kommet i job, praktik eller uddannelse.",
     "After the programme {n} of {m} participants had found a job, an internship or a place in education."),
    ("{ngo} har siden brugt det nye {thing} i arbejdet med {group} i {town}.",
     "{ngo} has since used the new {thing} in its work with {group} in {town}."),
    ("For {company} gav samarbejdet medarbejderne et {adj} indblik i en anden hverdag.",
     "For {company} the partnership gave employees a {adj} insight into a different daily life."),
    ("En evaluering viste, at {n} procent af de frivillige ville deltage igen.",
     "An evaluation showed that {n} per cent of the volunteers would take part again."),
    ("Samarbejdet er fortsat, og {other} har inviteret flere virksomheder med i et {thing2}.",
     "The partnership has continued, and {other} has invited more companies to join a {thing2}."),
    ("Resultaterne blev præsenteret på et {thing} i {town} {season} {year}.",
     "The results were presented at a {thing} in {town} {season} {year}."),
    ("Foreningen fik en {adj} plan for, hvordan arbejdet kan bære sig økonomisk.",
     "The association gained a {adj} plan for how its work can pay its way."),
    ("Både medarbejdere og frivillige peger på det personlige møde som det vigtigste udbytte.",
     "Employees and volunteers alike point to the personal encounter as the main benefit."),
)
LESSONS: tuple[Pair, ...] = (
    ("**Tag udgangspunkt i partnerens behov.** Et {thing} virker bedst, når foreningen selv har formuleret opgaven.",
     "**Start from the partner's needs.** A {thing} works best when the NGO has defined the task itself."),
    ("**Begynd småt.** Et enkelt {thing2} kan være nok til at lære hinanden at kende.",
     "**Start small.** A single {thing2} can be enough to get to know each other."),
    ("**Brug medarbejdernes faglighed.** Viden om {skill} er ofte mere værd end en pengegave.",
     "**Use your employees' expertise.** Knowledge of {skill} is often worth more than a cash gift."),
    ("**Aftal rollerne tidligt.** Skriv ned, hvem der gør hvad, og hvornår I gør status.",
     "**Agree on roles early.** Write down who does what, and when you will take stock."),
    ("**Fortæl om det.** Når andre hører om samarbejdet, bliver det lettere at finde nye frivillige.",
     "**Talk about it.** When others hear about the partnership, new volunteers are easier to find."),
    ("**Byg videre på relationen.** Løbende kontakt gør det lettere at finde de næste opgaver.",
     "**Build on the relationship.** Regular contact makes it easier to find the next tasks."),
    ("**Inddrag deltagerne.** {group} ved selv bedst, hvad der gør en forskel.",
     "**Involve the participants.** {group} know best what makes a difference."),
)
TOPICS: tuple[Pair, ...] = (
    ("samfundsansvar", "corporate responsibility"), ("mangfoldighed", "diversity"), ("bæredygtighed", "sustainability"),
    ("medarbejderfrivillighed", "employee volunteering"), ("lokalsamfundet", "the local community"),
    ("inklusion på arbejdsmarkedet", "an inclusive labour market"),
)


_ARTICLE = re.compile(r"\b([aA]) (?=[aeiouAEIOU])")


@dataclass(frozen=True)
class Cast:
    """The names a story mentions."""

    company: str
    ngo: str
    other: str
    person: str
    town: str
    year: int
    mentoring: bool


def pick(rng: random.Random, pairs: tuple[Pair, ...]) -> Pair:
    return pairs[rng.randrange(len(pairs))]


def compound(rng: random.Random) -> Pair:
    """A compound noun and its English rendering: ("integrationsværksted", "integration workshop")."""
    first, head = pick(rng, COMPOUND_FIRST), pick(rng, COMPOUND_HEAD)
    return first[0] + head[0], f"{first[1]} {head[1]}"


def _fill(rng: random.Random, template: Pair, cast: Cast) -> Pair:
    n = rng.choice((3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40))
    slots_da: dict[str, object] = {"company": cast.company, "ngo": cast.ngo, "other": cast.other,
                                   "person": cast.person, "town": cast.town, "year": cast.year, "n": n,
                                   "m": n + rng.randrange(1, 30)}
    slots_en = dict(slots_da)
    for name, pairs in (("season", SEASONS), ("group", GROUPS), ("skill", SKILLS), ("adj", ADJECTIVES),
                        ("topic", TOPICS)):
        slots_da[name], slots_en[name] = pick(rng, pairs)
    for name in ("thing", "thing2"):
        slots_da[name], slots_en[name] = compound(rng)
    da, en = template[0].format(**slots_da), _ARTICLE.sub(r"\1n ", template[1].format(**slots_en))
    return da[0].upper() + da[1:], en[0].upper() + en[1:]


def _paragraph(rng: random.Random, pools: tuple[tuple[Pair, ...], ...], cast: Cast, sentences: int) -> Pair:
    pool = [t for p in pools for t in p]
    chosen = [_fill(rng, template, cast) for template in rng.sample(pool, min(sentences, len(pool)))]
    return " ".join(d for d, _ in chosen), " ".join(e for _, e in chosen)


def write_story(rng: random.Random, cast: Cast, words: int) -> Pair:
    """A story of about ``words`` Danish words in four sections, and its English translation."""
    middle = (EVENTS, MENTORING) if cast.mentoring else (EVENTS,)
    section_pools: tuple[tuple[tuple[Pair, ...], ...], ...] = ((BACKGROUND,), middle, (RESULTS,))
    # Share of the words per section: background, what happened, results; the lessons take the rest.
    shares = (0.25, 0.4, 0.2)
    da_parts: list[str] = []
    en_parts: list[str] = []
    total = 0
    for index, (pools, share) in enumerate(zip(section_pools, shares, strict=True)):
        heading = pick(rng, HEADINGS[index])
        da_parts.append(f"## {heading[0]}")
        en_parts.append(f"## {heading[1]}")
        written = 0
        while written < share * words:
            da, en = _paragraph(rng, pools, cast, rng.randint(3, 5))
            da_parts.append(da)
            en_parts.append(en)
            written += len(da.split())
        total += written
    heading = pick(rng, HEADINGS[3])
    da_parts.append(f"## {heading[0]}")
    en_parts.append(f"## {heading[1]}")
    da_items: list[str] = []
    en_items: list[str] = []
    lessons = list(LESSONS)
    rng.shuffle(lessons)
    for template in lessons:
        if total >= words and len(da_items) >= 3:
            break
        da, en = _fill(rng, template, cast)
        da_items.append(f"- {da}")
        en_items.append(f"- {en}")
        total += len(da.split())
    da_parts.append("\n".join(da_items))
    en_parts.append("\n".join(en_items))
    return "\n\n".join(da_parts) + "\n", "\n\n".join(en_parts) + "\n"


def sentence(rng: random.Random, cast: Cast, pools: tuple[tuple[Pair, ...], ...] = (BACKGROUND, RESULTS)) -> Pair:
    """One sentence pair, for summaries, descriptions and quotes."""
    return _paragraph(rng, pools, cast, 1)


def summary(rng: random.Random, cast: Cast) -> Pair:
    """Two sentences, what happened and what came of it: a case's summary or an idea's description."""
    event, result = sentence(rng, cast, (EVENTS,)), sentence(rng, cast, (RESULTS,))
    return f"{event[0]} {result[0]}", f"{event[1]} {result[1]}"
