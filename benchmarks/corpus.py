"""A synthetic Casebook project of N cases, and the same stories as a plain mkdocs-material site.

    from benchmarks.corpus import write_corpus, write_reference
    root = write_corpus(Path("benchmarks/.work/corpus-1000"), 1000, seed=0)   # a full project
    ref = write_reference(root, Path("benchmarks/.work/reference-1000"))        # plain Material

Or from the command line: ``.venv/bin/python -m benchmarks.corpus DIR --cases 1000 [--seed 0]``.

The project is complete and validates with no problems (``casebook validate --root DIR``): ``mkdocs.yml``
pointing at this checkout's ``overrides/`` and ``hooks/`` by absolute path, ``content/`` (the real
taxonomy and hand-written pages, generated organisations, idea catalogues, ``translations.yml``) and
``cases/``. The same seed gives the same bytes.

Proportions follow the four seed cases in ``cases/`` (per case, with some spread around them):

- 2-6 organisations (3.4 on average), the first a company, the second an NGO, a fifth one a participant
  and a sixth a host rather than partners (about 4% and 0.2% of the cases); organisations: 0.8 per case
  (the seeds have 3 per case, but a larger collection reuses them), companies and NGOs drawn with a
  Zipf-like skew, so a few big companies appear in many cases, like IBM in three of the four seeds; each
  organisation's description names its source;
- kinds event/partnership/programme 2:1:1; a date (year, month or day) or, for one case in ten, a period;
  undated for about 3% (the seeds: one in four);
  a programme for three cases in four;
- 2-4 formats, 1-4 themes, 2-5 sectors, 1-4 SDGs from ``content/taxonomy.yml``; 2-4 outcomes (some
  with DKK or duration units, some "8 of 25"), most with a measure of the taxonomy that fits their label
  and unit (months per participant: a range), one in ten of those an estimate, half naming source 1;
  about a third without a measure (those of labels no measure fits, and some at random). The measures
  are drawn with a random generator of their own, so the rest of the corpus is what it was without them;
- 0-5 people (public-role, some recorded, one in ten anonymised), a quote for about a third of the
  cases that name someone, 1-2 sources (those online with their publisher), 2 related cases;
- images, which the seeds lack but real cases have: none for 45%, one for 40%, two for 15%, small
  real JPEG and PNG files (2-30 KB);
- a Danish and an English story of about 600 words each (3% Danish only), translations recorded;
- idea catalogues: one per 100 cases (at most 10), seven ideas each with 1-3 example cases, like
  ``content/catalogues/kom-i-gang``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from benchmarks import storytext as text
from casebook.project.translations import fingerprint

ROOT = Path(__file__).resolve().parent.parent  # this checkout
# Bump when the generator changes what it writes, so a cached corpus is written again.
GENERATOR_VERSION = 3
MARKER = ".benchmark-corpus"

ORG_KINDS = ("company", "ngo", "public", "foundation", "consultancy", "network", "university")
ORG_SHARES = (0.25, 0.35, 0.12, 0.08, 0.10, 0.05, 0.05)
COMPANY_SIZES = (("micro", 0.15), ("small", 0.30), ("medium", 0.30), ("large", 0.25))
PARTNER_COUNTS = ((2, 0.30), (3, 0.30), (4, 0.25), (5, 0.10), (6, 0.05))
INVOLVED = {4: "participant", 5: "host"}  # the fifth and sixth organisation of a case: around it, not partners
PEOPLE_COUNTS = ((0, 0.25), (1, 0.25), (2, 0.20), (3, 0.15), (4, 0.10), (5, 0.05))
ROLES: tuple[text.Pair, ...] = (
    ("Projektleder", "Project manager"), ("CSR-chef", "Head of CSR"), ("Frivilligkoordinator", "Volunteer coordinator"),
    ("Direktør", "Director"), ("Konsulent", "Consultant"), ("HR-partner", "HR partner"), ("Formand", "Chair"),
    ("Mentor i programmet", "Mentor in the programme"), ("Leder af frivilligcentret", "Head of the volunteer centre"),
)
ANONYMOUS: tuple[tuple[str, text.Pair], ...] = (
    ("Mentee", ("Deltager og mentee i programmet", "Participant and mentee in the programme")),
    ("Deltager", ("Deltager i forløbet", "Participant in the programme")),
    ("Frivillig", ("Frivillig i foreningen", "Volunteer in the association")),
)
OUTCOME_LABELS: tuple[text.Pair, ...] = (
    ("frivillige medarbejdere", "employee volunteers"), ("deltagere i forløbet", "participants in the programme"),
    ("deltagere i job eller uddannelse", "participants in work or education"),
    ("workshops gennemført", "workshops held"), ("timer frivilligt arbejde", "hours of volunteering"),
    ("foreninger fik hjælp", "associations helped"), ("computere doneret", "computers donated"),
    ("materialepakker udviklet", "activity packs developed"),
)
# The measure an outcome of each label counts, when it is a count (by the label's English), and the
# measures a figure in each unit may have; a measure missing from the taxonomy is left out.
MEASURE_OF_LABEL = {"employee volunteers": ("volunteers",), "participants in the programme": ("people-reached",),
                    "participants in work or education": ("into-work-or-education",),
                    "associations helped": ("organisations-supported",), "computers donated": ("equipment",)}
MEASURE_OF_UNIT = {"DKK": ("cash-donated", "in-kind-value", "employee-time-value"),
                   "duration-month": ("support-months-per-person",), "duration-day": ("volunteer-days",),
                   "duration-hour": ("volunteer-hours",)}
UNITS = ((None, 0.70), ("DKK", 0.12), ("duration-month", 0.08), ("duration-day", 0.05), ("duration-hour", 0.05))
IMAGE_ALTS: tuple[text.Pair, ...] = (
    ("Frivillige og deltagere omkring et bord", "Volunteers and participants around a table"),
    ("En workshop i gang med post-its på væggen", "A workshop under way with sticky notes on the wall"),
    ("To mentorer i samtale", "Two mentors in conversation"),
    ("Gruppebillede fra afslutningen", "Group photo from the closing event"),
)


def _weighted(rng: random.Random, options: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _article(noun: str) -> str:
    return "An" if noun[0] in "aeiou" else "A"


def slugify(value: str) -> str:
    """An id as Casebook wants them: lowercase a-z, digits and hyphens (æ->ae, ø->oe, å->aa)."""
    value = value.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("&", "og")
    value = value.replace("é", "e").replace("ü", "u").replace("ö", "oe")
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-")


@dataclass
class Org:
    id: str
    name: str
    kind: str
    size: str | None
    weight: float


@dataclass
class _Pools:
    """Organisations by kind, with their cumulative weights for skewed drawing."""

    by_kind: dict[str, list[Org]] = field(default_factory=dict)
    cumulative: dict[str, list[float]] = field(default_factory=dict)

    def add(self, org: Org) -> None:
        orgs = self.by_kind.setdefault(org.kind, [])
        orgs.append(org)
        weights = self.cumulative.setdefault(org.kind, [])
        weights.append((weights[-1] if weights else 0.0) + org.weight)

    def draw(self, rng: random.Random, kind: str) -> Org:
        return rng.choices(self.by_kind[kind], cum_weights=self.cumulative[kind])[0]


class _Dumper(yaml.SafeDumper):
    """YAML without anchors (Casebook refuses them) and with Unicode as it is."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _bilingual(pair: text.Pair) -> dict[str, str]:
    return {"da": pair[0], "en": pair[1]}


class _Writer:
    def __init__(self, root: Path, n: int, seed: int) -> None:
        self.root = root
        self.n = n
        self.rng = random.Random(f"casebook-benchmark:{seed}:{n}")
        self.measure_rng = random.Random(f"casebook-benchmark-measures:{seed}:{n}")  # draws of its own
        self.taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
        self.measure_units = {m["id"]: m.get("unit") for m in self.taxonomy.get("measures", [])}
        self.terms = {v: [t["id"] for t in self.taxonomy[v]] for v in
                      ("formats", "themes", "sectors", "company_sizes", "costs")}
        self.pools = _Pools()
        self.orgs: list[Org] = []
        self.images = _image_pool(self.rng)
        self.translations: list[dict[str, str]] = []
        self.cases: dict[str, dict[str, Any]] = {}  # slug -> case.yml data

    # --- organisations ------------------------------------------------------------------------

    def _org_name(self, kind: str) -> str:
        rng = self.rng
        slots = {"word": rng.choice(text.COMPANY_WORDS), "town": rng.choice(text.TOWNS),
                 "surname": rng.choice(text.SURNAMES), "cause": rng.choice(text.CAUSES)}
        if kind == "company":
            return " ".join(p for p in (slots["word"], rng.choice(text.COMPANY_TRADES),
                                        rng.choice(text.COMPANY_FORMS)) if p)
        patterns = {"ngo": text.NGO_PATTERNS, "foundation": text.FOUNDATION_PATTERNS, "public": text.PUBLIC_PATTERNS,
                    "university": text.UNIVERSITIES, "network": text.NETWORK_PATTERNS,
                    "consultancy": text.CONSULTANCY_PATTERNS}[kind]
        return rng.choice(patterns).format(**slots)

    def write_organisations(self) -> None:
        count = max(12, round(0.8 * self.n))
        names: set[str] = set()
        ids: set[str] = set()
        entries = []
        for kind, share in zip(ORG_KINDS, ORG_SHARES, strict=True):
            for rank in range(max(1, round(count * share))):
                name = self._org_name(kind)
                while name in names:
                    name = f"{self._org_name(kind)} {self.rng.choice(text.TOWNS)}"
                    if name in names:
                        name = f"{name} {len(names)}"
                names.add(name)
                org_id = slugify(name)
                while org_id in ids:
                    org_id = f"{org_id}-{len(ids)}"
                ids.add(org_id)
                size = _weighted(self.rng, COMPANY_SIZES) if kind == "company" else None
                # Companies are drawn with a steep skew (a few appear in hundreds of cases), NGOs less so.
                skew = 1.0 if kind == "company" else 0.6
                org = Org(org_id, name, kind, size, 1.0 / (rank + 1) ** skew)
                self.orgs.append(org)
                self.pools.add(org)
                cast = text.Cast(name, name, name, "", self.rng.choice(text.TOWNS), 2020, False)
                entry: dict[str, Any] = {"id": org.id, "name": name, "kind": kind}
                if size:
                    entry["size"] = size
                if self.rng.random() < 0.66:
                    entry["website"] = f"https://www.{org.id}.dk"
                entry["description"] = _bilingual(text.sentence(self.rng, cast, (text.BACKGROUND,)))
                entry["source"] = {"title": f"Om {name}", "publisher": name}
                entries.append(entry)
        (self.root / "content" / "organisations.yml").write_text(
            "# Generated by benchmarks/corpus.py.\n" + _yaml({"organisations": entries}), encoding="utf-8")

    # --- cases --------------------------------------------------------------------------------

    def _slug(self, company: Org, ngo: Org, fmt: str) -> str:
        base = "-".join((company.id.split("-")[0], "-".join(ngo.id.split("-")[:2]), fmt.split("-")[0]))
        slug, k = base, 2
        while slug in self.cases:
            slug, k = f"{base}-{k}", k + 1
        return slug

    def _date(self) -> dict[str, Any]:
        rng = self.rng
        year = rng.randint(2012, 2024)
        if rng.random() < 0.1:
            period: dict[str, Any] = {"start": f"{year}-{rng.randint(1, 12):02d}"}
            if rng.random() < 0.7:
                period["end"] = f"{year + rng.randint(1, 3)}-{rng.randint(1, 12):02d}"
            return {"period": period}
        precision = rng.random()
        if precision < 0.03:
            return {"undated": True}
        if precision < 0.4:
            return {"date": year}
        if precision < 0.7:
            return {"date": f"{year}-{rng.randint(1, 12):02d}"}
        return {"date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}

    def _people(self, partners: list[Org]) -> list[dict[str, Any]]:
        rng = self.rng
        people: list[dict[str, Any]] = []
        names: set[str] = set()
        anonymous = list(ANONYMOUS)
        for _ in range(_weighted(rng, PEOPLE_COUNTS)):
            if rng.random() < 0.1 and anonymous:
                label, role = anonymous.pop(rng.randrange(len(anonymous)))
                people.append({"name": label, "role": _bilingual(role), "consent": "anonymised"})
                continue
            name = f"{rng.choice(text.FIRST_NAMES)} {rng.choice(text.SURNAMES)}"
            if name in names:
                continue
            names.add(name)
            org = rng.choice(partners)
            role = rng.choice(ROLES)
            people.append({"name": name, "role": {"da": f"{role[0]}, {org.name}", "en": f"{role[1]}, {org.name}"},
                           "org": org.id, "consent": "recorded" if rng.random() < 0.12 else "public-role"})
        return people

    def _outcomes(self) -> list[dict[str, Any]]:
        rng = self.rng
        outcomes = []
        for _ in range(rng.randint(2, 4)):
            unit = _weighted(rng, UNITS)
            value = {"DKK": rng.randrange(2_000, 500_000, 10), "duration-month": rng.randint(1, 24),
                     "duration-day": rng.randint(1, 10), "duration-hour": rng.randint(2, 400)}.get(unit)
            outcome: dict[str, Any] = {"value": value if value is not None else rng.randint(1, 250)}
            if unit is None and rng.random() < 0.12:
                outcome["of"] = outcome["value"] + rng.randint(1, 40)
            if unit is not None:
                outcome["unit"] = unit
            outcome["label"] = _bilingual(rng.choice(OUTCOME_LABELS))
            self._measure(outcome)
            outcomes.append(outcome)
        return outcomes

    def _measure(self, outcome: dict[str, Any]) -> None:
        """A measure that fits the outcome's label and unit, for most; an estimate and a source for some."""
        rng = self.measure_rng
        unit = outcome.get("unit")
        fitting = MEASURE_OF_UNIT.get(unit, ()) if unit else MEASURE_OF_LABEL.get(outcome["label"]["en"], ())
        fitting = tuple(m for m in fitting if m in self.measure_units and self.measure_units[m] == unit)
        if not fitting or rng.random() < 0.15:
            return  # told on its case's page only
        outcome["measure"] = rng.choice(fitting)
        if rng.random() < 0.1:
            outcome["estimate"] = True
        if rng.random() < 0.5:
            outcome["source"] = 1  # every case has at least one source

    def _case(self) -> tuple[str, text.Pair]:
        rng = self.rng
        company = self.pools.draw(rng, "company")
        ngo = self.pools.draw(rng, "ngo")
        partners = [company, ngo]
        others = [k for k in ORG_KINDS if k not in ("company", "ngo")]
        while len(partners) < _weighted(rng, PARTNER_COUNTS):
            kind = rng.choice([*others, "company", "ngo"])
            org = self.pools.draw(rng, kind)
            if org not in partners:
                partners.append(org)
            elif len(partners) >= 2 + len(self.orgs) // 2:
                break
        formats = rng.sample(self.terms["formats"], rng.randint(2, 4))
        themes = rng.sample(self.terms["themes"], rng.randint(1, 4))
        slug = self._slug(company, ngo, formats[0])
        mentoring = "mentoring" in formats
        people = self._people(partners)
        named = [p for p in people if p["consent"] != "anonymised"]
        year = rng.randint(2012, 2024)
        cast = text.Cast(company.name, ngo.name, partners[-1].name,
                         named[0]["name"] if named else rng.choice(text.FIRST_NAMES), rng.choice(text.TOWNS),
                         year, mentoring)
        activity = text.compound(rng)
        data: dict[str, Any] = {
            "title": {"da": f"{activity[0].capitalize()} med {ngo.name} og {company.name}",
                      "en": f"{_article(activity[1])} {activity[1]} with {ngo.name} and {company.name}"},
            "summary": _bilingual(text.summary(rng, cast)),
            "kind": _weighted(rng, (("event", 2), ("partnership", 1), ("programme", 1))),
            **self._date(),
        }
        if rng.random() < 0.75:
            data["programme"] = _bilingual(text.compound(rng))
        data["partners"] = [{"org": o.id, "role": INVOLVED.get(i, o.kind)} for i, o in enumerate(partners)]
        data["formats"] = formats
        data["themes"] = themes
        data["sectors"] = rng.sample(self.terms["sectors"], rng.randint(2, 5))
        data["sdgs"] = sorted({17, *rng.sample(range(1, 17), rng.randint(0, 3))})
        data["outcomes"] = self._outcomes()
        if people:
            data["people"] = people
        if named and rng.random() < 0.35:
            data["quotes"] = []
            for person in rng.sample(named, min(len(named), rng.choice((1, 1, 1, 2)))):
                da, en = text.sentence(rng, cast, (text.EVENTS, text.RESULTS))
                data["quotes"].append({"text": {"da": da} if rng.random() < 0.1 else {"da": da, "en": en},
                                       "by": person["name"]})
        sources = []
        for _ in range(rng.randint(1, 2)):
            source: dict[str, Any] = {"title": f"{text.compound(rng)[0].capitalize()}: {cast.company} og {cast.ngo}"}
            if rng.random() < 0.2:
                source["url"] = f"https://www.{company.id}.dk/nyheder/{slug}"
                source["publisher"] = company.name
            if rng.random() < 0.5:
                source["published"] = year
            sources.append(source)
        data["sources"] = sources
        images = []
        for k in range(_weighted(rng, ((0, 0.45), (1, 0.40), (2, 0.15)))):
            name, _ = self.images[rng.randrange(len(self.images))]
            image: dict[str, Any] = {"file": f"images/photo-{k + 1}{Path(name).suffix}",
                                     "alt": _bilingual(rng.choice(IMAGE_ALTS))}
            if rng.random() < 0.6:
                image["credit"] = company.name
            images.append((image, name))
        if images:
            data["images"] = [image for image, _ in images]
        self.cases[slug] = data
        words = rng.randint(480, 600)
        story = text.write_story(rng, cast, words)
        folder = self.root / "cases" / slug
        (folder / "images" if images else folder).mkdir(parents=True)
        for image, name in images:
            (folder / image["file"]).write_bytes(dict(self.images)[name])
        return slug, story

    def write_cases(self) -> None:
        stories: dict[str, text.Pair] = {}
        for _ in range(self.n):
            slug, story = self._case()
            stories[slug] = story
        slugs = list(self.cases)
        for slug, data in self.cases.items():
            related: set[str] = set()
            while len(related) < min(2, len(slugs) - 1):
                other = slugs[self.rng.randrange(len(slugs))]
                if other != slug:
                    related.add(other)
            data["related"] = sorted(related)
            folder = self.root / "cases" / slug
            (folder / "case.yml").write_text(_yaml(data), encoding="utf-8")
            story = stories[slug]
            (folder / "index.da.md").write_text(story[0], encoding="utf-8")
            if self.rng.random() >= 0.03:
                (folder / "index.en.md").write_text(story[1], encoding="utf-8")
                self._record(f"cases/{slug}/index.en.md", f"cases/{slug}/index.da.md", story[0])

    def _record(self, file: str, source: str, source_text: str) -> None:
        self.translations.append({"file": file, "source": source, "fingerprint": fingerprint(source_text)})

    # --- catalogues ---------------------------------------------------------------------------

    def write_catalogues(self) -> None:
        rng = self.rng
        slugs = list(self.cases)
        by_format: dict[str, list[str]] = {}
        for slug, data in self.cases.items():
            for fmt in data["formats"]:
                by_format.setdefault(fmt, []).append(slug)
        for number in range(min(10, max(1, self.n // 100))):
            slug = f"katalog-{number + 1}"
            folder = self.root / "content" / "catalogues" / slug
            folder.mkdir(parents=True)
            ids = [f"{slugify(text.compound(rng)[0])}-{number + 1}-{k + 1}" for k in range(7)]
            ideas = []
            for k, idea_id in enumerate(ids):
                formats = rng.sample(self.terms["formats"], rng.randint(1, 2))
                cast = text.Cast("virksomheden", "foreningen", "partneren", "en medarbejder",
                                 rng.choice(text.TOWNS), 2024, "mentoring" in formats)
                candidates = by_format.get(formats[0]) or slugs
                ideas.append({
                    "id": idea_id,
                    "title": _bilingual(text.compound(rng)),
                    "description": _bilingual(text.summary(rng, cast)),
                    "first_steps": [_bilingual(text.sentence(rng, cast, (text.LESSONS,)))
                                    for _ in range(rng.randint(2, 3))],
                    "effort": {"hours_per_employee": rng.choice((1, 3, 4, 8, 12, 15, 30)),
                               "duration": rng.choice(("one-off", "months", "ongoing"))},
                    "cost": rng.choice(self.terms["costs"]),
                    "company_sizes": sorted(rng.sample(self.terms["company_sizes"], rng.randint(1, 4))),
                    "formats": formats,
                    "themes": rng.sample(self.terms["themes"], rng.randint(1, 3)),
                    "sdgs": sorted(rng.sample(range(1, 18), rng.randint(1, 2))),
                    "examples": sorted(set(rng.sample(candidates, min(len(candidates), rng.randint(1, 3))))),
                    "see_also": [ids[(k + 1) % len(ids)]],
                })
            cast = text.Cast("virksomheder", "foreninger", "partnere", "", "Danmark", 2024, False)
            catalogue = {"title": {"da": f"Idékatalog {number + 1}", "en": f"Idea catalogue {number + 1}"},
                         "intro": _bilingual(text.sentence(rng, cast, (text.RESULTS,))),
                         "ideas": ideas}
            (folder / "catalogue.yml").write_text(_yaml(catalogue), encoding="utf-8")
            intro = text.write_story(rng, cast, 150)
            (folder / "index.da.md").write_text(intro[0], encoding="utf-8")
            (folder / "index.en.md").write_text(intro[1], encoding="utf-8")
            self._record(f"content/catalogues/{slug}/index.en.md", f"content/catalogues/{slug}/index.da.md",
                         intro[0])

    # --- the rest -------------------------------------------------------------------------------

    def write_project(self) -> None:
        content = self.root / "content"
        content.mkdir(parents=True)
        (self.root / "cases").mkdir()
        shutil.copy(ROOT / "content" / "taxonomy.yml", content / "taxonomy.yml")
        # The checkout's hand-written pages (front page, about, ...), which its mkdocs.yml may refer to.
        for page in sorted((ROOT / "content").glob("*.md")):
            shutil.copy(page, content / page.name)
            danish = content / page.name.replace(".en.md", ".da.md")
            if page.name.endswith(".en.md") and danish.is_file():
                self._record(f"content/{page.name}", f"content/{danish.name}", danish.read_text(encoding="utf-8"))
        (self.root / "mkdocs.yml").write_text(project_config(self.n), encoding="utf-8")
        self.write_organisations()
        self.write_cases()
        self.write_catalogues()
        (content / "translations.yml").write_text(
            "# Generated by benchmarks/corpus.py.\n"
            + _yaml({"translations": sorted(self.translations, key=lambda r: r["file"])}), encoding="utf-8")


def project_config(n: int) -> str:
    """This checkout's mkdocs.yml with the theme, hooks and watched folder given by absolute path."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {"custom_dir: overrides": f"custom_dir: {ROOT}/overrides",
                    "  - hooks/casebook_hooks.py": f"  - {ROOT}/hooks/casebook_hooks.py",
                    "watch:\n  - overrides": f"watch:\n  - {ROOT}/overrides",
                    "site_name: Casebook\n": f"site_name: Casebook benchmark ({n} cases)\n"}
    for old, new in replacements.items():
        if config.count(old) != 1:
            raise RuntimeError(f"mkdocs.yml has changed: expected {old!r} once; update benchmarks/corpus.py")
        config = config.replace(old, new)
    return "# Generated by benchmarks/corpus.py.\n" + config


def _image_pool(rng: random.Random) -> list[tuple[str, bytes]]:
    """A few small real images: JPEG 'photos' (shapes on a gradient, 10-30 KB) and PNG 'drawings'."""
    from PIL import Image, ImageDraw

    pool: list[tuple[str, bytes]] = []
    for k in range(8):
        photo = k % 2 == 0
        width, height = (480, 320) if photo else (320, 200)
        image = Image.new("RGB", (width, height), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
        draw = ImageDraw.Draw(image)
        for y in range(0, height, 4):
            shade = 80 + int(120 * y / height)
            draw.rectangle((0, y, width, y + 3), fill=(shade, (shade * 2) % 256, 255 - shade))
        for _ in range(60 if photo else 12):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(5, 60)
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r, x + r, y + r), fill=colour)
        buffer = io.BytesIO()
        if photo:
            image.save(buffer, "JPEG", quality=80)
        else:
            image.convert("P", palette=Image.Palette.ADAPTIVE, colors=32).save(buffer, "PNG", optimize=True)
        pool.append((f"pool-{k}.{'jpg' if photo else 'png'}", buffer.getvalue()))
    return pool


def _signature(n: int, seed: int) -> str:
    sources = b"".join(p.read_bytes() for p in (Path(__file__), Path(text.__file__),
                                                  ROOT / "content" / "taxonomy.yml", ROOT / "mkdocs.yml"))
    return f"{GENERATOR_VERSION} {n} {seed} {hashlib.sha256(sources).hexdigest()[:16]}"


def write_corpus(root: Path, n: int, seed: int = 0, reuse: bool = False) -> Path:
    """Write a Casebook project of ``n`` cases at ``root`` (replacing what is there) and return it.

    With ``reuse``, a corpus this generator already wrote there with the same ``n`` and ``seed`` is kept.
    """
    root = root.resolve()
    marker = root / MARKER
    if reuse and marker.is_file() and marker.read_text(encoding="utf-8") == _signature(n, seed):
        return root
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    _Writer(root, n, seed).write_project()
    marker.write_text(_signature(n, seed), encoding="utf-8")
    return root


# --- the reference: the same stories on plain mkdocs-material -------------------------------------


def reference_config(n: int) -> str:
    """Material with Casebook's theme settings and Markdown extensions, its own search, a flat nav."""
    return f"""# Generated by benchmarks/corpus.py: plain mkdocs-material, no Casebook.
site_name: Reference ({n} cases)
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: da
  font: false
  icon:
    logo: material/book-open-page-variant
  palette:
    scheme: default
    primary: teal
    accent: deep orange
  features:
    - navigation.top
plugins:
  - search:
      lang: [da, en]
# A flat nav: the front pages and the case lists; every case page is reachable from its list.
nav:
  - Forside: index.md
  - Cases: cases/index.md
  - English: en/index.md
  - Cases (English): en/cases/index.md
not_in_nav: |
  /cases/*
  /en/cases/*
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
  - admonition
  - fenced_code
  - tables
  - smarty:
      smart_quotes: false
"""


def write_reference(corpus: Path, root: Path) -> Path:
    """The stories of ``corpus`` as ordinary Markdown pages of a plain mkdocs-material site at ``root``."""
    root = root.resolve()
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    slugs = sorted(p.name for p in (corpus / "cases").iterdir() if p.is_dir())
    (root).mkdir(parents=True)
    (root / "mkdocs.yml").write_text(reference_config(len(slugs)), encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for lang, prefix in (("da", ""), ("en", "en/")):
        listing = [f"# {'Cases' if lang == 'da' else 'All cases'}", ""]
        (docs / prefix / "cases").mkdir(parents=True)
        for slug in slugs:
            folder = corpus / "cases" / slug
            data = yaml.load((folder / "case.yml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
            story = folder / f"index.{lang}.md"
            body = story.read_text(encoding="utf-8") if story.is_file() else ""
            title = data["title"][lang]
            (docs / prefix / "cases" / f"{slug}.md").write_text(
                f"# {title}\n\n*{data['summary'][lang]}*\n\n{body}", encoding="utf-8")
            listing.append(f"- [{title}]({slug}.md)")
        (docs / prefix / "cases" / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
        front = (corpus / "content" / f"index.{lang}.md").read_text(encoding="utf-8")
        (docs / prefix / "index.md").write_text(front, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic Casebook project of N cases.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reference", type=Path, help="also write the plain mkdocs-material site here")
    args = parser.parse_args()
    root = write_corpus(args.root, args.cases, args.seed)
    print(f"Wrote {args.cases} cases to {root}")  # noqa: T201
    if args.reference:
        print(f"Wrote the reference site to {write_reference(root, args.reference)}")  # noqa: T201


if __name__ == "__main__":
    main()
