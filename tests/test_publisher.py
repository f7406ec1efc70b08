"""The publisher and the accessibility statement: the ``publisher`` setting's checks (exact messages in
English and Danish, at their line and column of mkdocs.yml), its warnings, the statement's date and the
warning when it is more than a year old, and what the built pages show from them: header, footer, the
about page, the statement's feedback and enforcement parts, and the /was/ page for a statement
published elsewhere."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, STATEMENT_SITE_DAY, SUB_PATH_URL, edit, problems
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from casebook.plugin.start import build_day
from casebook.project import load_project
from casebook.publish.share import sitemap_entries
from casebook.site.plan import SitePlan
from casebook.site.settings import PLUGIN_PLACE, Given, SiteConfig, read_config
from casebook.site.statement import statement_issues
from casebook.site.urls import Site

COMPLAINTS = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"
OWN = SiteConfig({"da": "tilgaengelighed/", "en": "en/tilgaengelighed/"})
URLS = {"", "en/", "kontakt/", "tilgaengelighed/", "en/tilgaengelighed/"}


def publisher_problems(tmp_path: Path, block: str, lang: str = "en", place: str = "extra.casebook",
                       assets: list[Path] | None = None) -> list[str]:
    """The problems of ``block`` (the lines below ``publisher:``) written in a mkdocs.yml, as printed."""
    config = tmp_path / "mkdocs.yml"
    text = "site_name: x\nextra:\n  casebook:\n    publisher:" + block
    config.write_text(text, encoding="utf-8")
    values = yaml.safe_load(text)["extra"]["casebook"]
    _, issues = read_config(Given(values, config, place), URLS, assets)
    return [issue.format(lang) for issue in issues]


# --- the setting's checks ----------------------------------------------------------------------

WRONG = """
      name: Eksempel Kommune
      fax: 33 12 34 56
      contact: redaktion@eksempel
      phone: 33 12 34 AB
      logo: https://eksempel.dk/logo.png
"""


def test_wrong_publisher_fields_are_errors_at_their_lines(tmp_path: Path) -> None:
    """An unknown name, an e-mail that is not one, a phone with letters and a logo on another host are
    each an error at its own line and column, in reading order."""
    assert publisher_problems(tmp_path, WRONG) == [
        "mkdocs.yml:6:7: extra.casebook.publisher.fax: the publisher has no setting 'fax' "
        "(its settings are name, contact, phone, logo and postal_address)",
        "mkdocs.yml:7:7: extra.casebook.publisher.contact: 'redaktion@eksempel' is not an e-mail address "
        "(write it as name@example.dk)",
        "mkdocs.yml:8:7: extra.casebook.publisher.phone: '33 12 34 AB' is not a phone number "
        "(write digits and spaces, with + and the country code first if you like: \"+45 12 34 56 78\")",
        "mkdocs.yml:9:7: extra.casebook.publisher.logo: the logo 'https://eksempel.dk/logo.png' is on another "
        "site, and the site loads nothing from other hosts (put the image in content/ and write its path from "
        "there, e.g. logo: images/logo.svg)"]


def test_wrong_publisher_fields_in_danish(tmp_path: Path) -> None:
    """The same problems in Danish, at the same places."""
    assert publisher_problems(tmp_path, WRONG, "da") == [
        "mkdocs.yml:6:7: extra.casebook.publisher.fax: udgiveren har ingen indstilling, der hedder 'fax' "
        "(indstillingerne er name, contact, phone, logo og postal_address)",
        "mkdocs.yml:7:7: extra.casebook.publisher.contact: 'redaktion@eksempel' er ikke en e-mailadresse "
        "(skriv den som navn@eksempel.dk)",
        "mkdocs.yml:8:7: extra.casebook.publisher.phone: '33 12 34 AB' er ikke et telefonnummer "
        "(skriv cifre og mellemrum, gerne med + og landekoden først: \"+45 12 34 56 78\")",
        "mkdocs.yml:9:7: extra.casebook.publisher.logo: logoet 'https://eksempel.dk/logo.png' ligger på et "
        "andet websted, og sitet henter intet fra andre værter (læg billedet i content/, og skriv stien til "
        "det derfra, fx logo: images/logo.svg)"]


@pytest.mark.parametrize(("block", "expected"), [
    (" Eksempel Kommune\n", "mkdocs.yml:4:5: extra.casebook.publisher: publisher must be a block of settings "
     "(write its settings below it: name, contact, phone and optionally logo and postal_address)"),
    ("\n", "mkdocs.yml:4:5: extra.casebook.publisher.name: the publisher has no name "
     "(write the organisation's name as it presents itself: name: ...)"),
    ("\n      contact: https://eksempel.dk/kontakt\n",
     "mkdocs.yml:4:5: extra.casebook.publisher.name: the publisher has no name "
     "(write the organisation's name as it presents itself: name: ...)"),
    ("\n      name: X\n      phone: 33123456\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.phone: the phone number 33123456 is read as a number "
     "(put it in quotes, e.g. phone: \"+45 12 34 56 78\", so that a leading + or 0 is kept)"),
    ("\n      name: X\n      phone: \"12\"\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.phone: '12' is not a phone number "
     "(write digits and spaces, with + and the country code first if you like: \"+45 12 34 56 78\")"),
    ("\n      name: X\n      contact: ftp://eksempel.dk/\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.contact: 'ftp://eksempel.dk/' is neither an e-mail address nor "
     "a web address (write an e-mail address (name@example.dk), the https:// address of a contact page or the "
     "path of a page of the site)"),
    ("\n      name: X\n      contact: kontakten/\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.contact: the contact page 'kontakten/' is not a page of the site "
     "(write an e-mail address (name@example.dk), the https:// address of a contact page or the path of a page "
     "of the site)"),
    ("\n      name: X\n      logo: images/logo.pdf\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.logo: the logo 'images/logo.pdf' is not an image "
     "(give an .svg, .png, .jpg or .webp file)"),
    ("\n      name: X\n      postal_address: 1234\n",
     "mkdocs.yml:6:7: extra.casebook.publisher.postal_address: expected text, got int "
     "(write it on one line after the colon)"),
])
def test_each_publisher_check_has_its_message(tmp_path: Path, block: str, expected: str) -> None:
    """Each way a publisher can be wrong: its exact message at its line and column."""
    assert [p for p in publisher_problems(tmp_path, block) if ": warning: " not in p] == [expected]


def test_the_logo_must_be_a_file_of_content_or_the_theme(tmp_path: Path) -> None:
    """Given the folders a logo may come from, a logo in none of them is an error; one in the theme is not."""
    content, theme = tmp_path / "content", tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "logo.png").write_bytes(b"\x89PNG")
    content.mkdir()
    block = "\n      name: X\n      contact: x@eksempel.dk\n      phone: \"12 34 56 78\"\n      logo: {}\n"
    assert publisher_problems(tmp_path, block.format("assets/logo.png"), assets=[content, theme]) == []
    assert publisher_problems(tmp_path, block.format("../theme/assets/logo.png"), assets=[content]) == [
        "mkdocs.yml:8:7: extra.casebook.publisher.logo: the logo '../theme/assets/logo.png' is neither in "
        "content/ nor in the theme (put the image in content/ and write its path from there, e.g. "
        "logo: images/logo.svg)"]


def test_the_plugin_names_its_own_place(tmp_path: Path) -> None:
    """As the plugin's options, a wrong publisher names plugins.casebook."""
    assert publisher_problems(tmp_path, "\n      name: X\n      contact: x@y\n", place=PLUGIN_PLACE)[0] == (
        "mkdocs.yml:6:7: plugins.casebook.publisher.contact: 'x@y' is not an e-mail address "
        "(write it as name@example.dk)")


def test_a_full_publisher_is_read_as_written(tmp_path: Path) -> None:
    """Every field: mailto: dropped from the e-mail, the phone kept as written with its tel: address,
    a postal address written as a block of lines."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    values = {"publisher": {"name": " Eksempel Kommune ", "contact": "mailto:web@kø.dk", "phone": "+45 33 12-34 56",
                            "logo": "/images/logo.svg", "postal_address": "Eksempelvej 1\n\n1234 Eksempelby\n"}}
    settings, issues = read_config(Given(values, config), URLS)
    assert issues == []
    p = settings.publisher
    assert p is not None
    assert (p.name, p.email, p.contact_page, p.phone, p.tel, p.logo, p.postal_address) == (
        "Eksempel Kommune", "web@kø.dk", None, "+45 33 12-34 56", "tel:+4533123456", "images/logo.svg",
        ["Eksempelvej 1", "1234 Eksempelby"])
    page, _ = read_config(Given({"publisher": {"name": "X", "contact": "/kontakt/", "phone": "1813"}}, config), URLS)
    assert page.publisher is not None and (page.publisher.email, page.publisher.contact_page) == (None, "kontakt/")


# --- the setting's warnings --------------------------------------------------------------------


def test_no_publisher_is_a_warning(tmp_path: Path) -> None:
    """Without a publisher the build warns, in English and Danish, naming the setting to add."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    _, issues = read_config(Given({}, config), URLS)
    assert [i.format() for i in issues] == [
        "mkdocs.yml: warning: extra.casebook.publisher: no publisher is set, so the pages name nobody who "
        "publishes the site or answers for it (set extra.casebook.publisher with the organisation's name, "
        "contact and phone)"]
    assert [i.format("da") for i in issues] == [
        "mkdocs.yml: advarsel: extra.casebook.publisher: der er ikke angivet nogen udgiver, så siderne nævner "
        "ingen, der udgiver sitet eller svarer for det (angiv extra.casebook.publisher med organisationens "
        "navn, kontakt og telefon)"]


def test_a_missing_contact_or_phone_is_a_warning_at_the_publisher(tmp_path: Path) -> None:
    """A publisher with a name alone: one warning for the written contact, one for the phone."""
    assert publisher_problems(tmp_path, "\n      name: Eksempel Kommune\n") == [
        "mkdocs.yml:4:5: warning: extra.casebook.publisher: the publisher has no written contact, so the pages "
        "and the accessibility statement give none (add contact: an e-mail address or the address of a contact "
        "page)",
        "mkdocs.yml:4:5: warning: extra.casebook.publisher: the publisher has no phone number, so the "
        "accessibility statement gives none (add phone: \"+45 12 34 56 78\" (in quotes))"]
    assert publisher_problems(tmp_path, "\n      name: Eksempel Kommune\n", "da") == [
        "mkdocs.yml:4:5: advarsel: extra.casebook.publisher: udgiveren har ingen skriftlig kontakt, så hverken "
        "siderne eller tilgængelighedserklæringen oplyser nogen (tilføj contact: en e-mailadresse eller "
        "adressen på en kontaktside)",
        "mkdocs.yml:4:5: advarsel: extra.casebook.publisher: udgiveren har intet telefonnummer, så "
        "tilgængelighedserklæringen oplyser intet (tilføj phone: \"+45 12 34 56 78\" (i anførselstegn))"]


# --- the statement's date ----------------------------------------------------------------------


@pytest.fixture
def own_statement(minimal: Path) -> Path:
    """The minimal site with this repository's statement pages, dated 2026-12-01, as its own statement."""
    for lang in ("da", "en"):
        source = (ROOT / "content" / f"tilgaengelighed.{lang}.md").read_text(encoding="utf-8")
        assert "statement_date: 2026-12-01\n" in source
        (minimal / "content" / f"tilgaengelighed.{lang}.md").write_text(source, encoding="utf-8")
    return minimal


def test_a_statement_more_than_a_year_old_is_a_warning(own_statement: Path) -> None:
    """A year to the day is not stale; a day more is, for each language, at the date's line."""
    project = load_project(own_statement)
    assert statement_issues(project, OWN, datetime.date(2027, 12, 1)) == []
    assert [i.format() for i in statement_issues(project, OWN, datetime.date(2027, 12, 2))] == [
        f"content/tilgaengelighed.{lang}.md:4:1: warning: statement_date: the accessibility statement is dated "
        "2026-12-01, more than a year before 2027-12-02 (review it, then set statement_date to the day of the "
        "review)" for lang in ("da", "en")]
    assert statement_issues(project, SiteConfig({"da": "https://was.digst.dk/x", "en": "https://was.digst.dk/y"}),
                            datetime.date(2030, 1, 1)) == []


def test_a_statement_without_a_date_is_a_warning(own_statement: Path) -> None:
    """A statement page without statement_date: a warning naming the field to add, in both languages."""
    edit(own_statement / "content" / "tilgaengelighed.en.md", "statement_date: 2026-12-01\n", "")
    [issue] = statement_issues(load_project(own_statement), OWN, datetime.date(2026, 12, 1))
    assert issue.format() == (
        "content/tilgaengelighed.en.md: warning: the accessibility statement has no date (add 'statement_date: "
        "YYYY-MM-DD' to its front matter: the day it was prepared or last reviewed)")
    assert issue.format("da") == (
        "content/tilgaengelighed.en.md: advarsel: tilgængelighedserklæringen har ingen dato (tilføj "
        "'statement_date: ÅÅÅÅ-MM-DD' i dens front matter: den dag, den blev udarbejdet eller senest gennemgået)")


def test_a_statement_date_is_a_whole_day(own_statement: Path) -> None:
    """statement_date takes a day, YYYY-MM-DD: a month alone is an error at its line."""
    edit(own_statement / "content" / "tilgaengelighed.da.md", "statement_date: 2026-12-01", "statement_date: 2026-12")
    assert problems(own_statement) == [
        "content/tilgaengelighed.da.md:4:17: statement_date: '2026-12' is not a whole date "
        "(expected YYYY-MM-DD, e.g. 2026-12-01)"]


def test_the_build_day_is_source_date_epoch_or_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the statement's age is counted to: SOURCE_DATE_EPOCH's, or today's without one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", STATEMENT_SITE_DAY)  # 2028-01-01 00:00 UTC
    assert build_day() == datetime.date(2028, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_day() == datetime.datetime.now(datetime.UTC).date()


# --- the built pages ---------------------------------------------------------------------------


def build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` as on 2028-01-01."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": STATEMENT_SITE_DAY}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, env=env, cwd=config.parent, check=False)


def page(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def text(tree: HTMLParser, selector: str) -> str:
    """The element's text as read: its parts (the lines of an address) apart, no space before a full stop."""
    node = tree.css_first(selector)
    assert node is not None, selector
    return re.sub(r" ([.,:])", r"\1", " ".join(node.text(separator=" ").split()))


@pytest.mark.build
@pytest.mark.parametrize(("lang", "score"), [("da", "mindst {} ud af 100"), ("en", "at least {} out of 100")])
def test_the_statement_names_the_lighthouse_checks_the_tests_run(lang: str, score: str) -> None:
    """The statement names Lighthouse, the categories tests/test_lighthouse.py asserts, and its minimum."""
    from test_lighthouse import KINDS, MINIMUM, TESTED

    text = (ROOT / "content" / f"tilgaengelighed.{lang}.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "Lighthouse" in line)
    assert score.format(round(MINIMUM * 100)) in line
    assert TESTED == ("accessibility", "best-practices", "seo") and "Accessibility, Best Practices" in line
    assert len(KINDS) == line.split(":")[1].split(".")[0].count(",") + 2 == 15  # "a, b, ... and z"


def test_the_build_warns_about_a_stale_statement(statement_site: tuple[Path, str]) -> None:
    """Built on 2028-01-01, the statement of 2026-12-01 is warned about in each language; the summary counts it."""
    _, log = statement_site
    for lang in ("da", "en"):
        assert (f"WARNING -  content/tilgaengelighed.{lang}.md:4:1: warning: statement_date: the accessibility "
                "statement is dated 2026-12-01, more than a year before 2028-01-01") in log
    # The third: the site has no public address (site_url; tests/test_subpath.py).
    assert "mkdocs.yml: warning: site_url is not set" in log
    assert "0 errors, 3 warnings" in log


@pytest.mark.build
@pytest.mark.parametrize(("lang", "prefix"), [("da", ""), ("en", "en/")])
def test_the_statement_shows_its_parts(statement_site: tuple[Path, str], lang: str, prefix: str) -> None:
    """Compliance status, the date, feedback with the e-mail and phone from the setting, then the
    enforcement procedure: the publisher first, then Digitaliseringsstyrelsen; nothing about settings."""
    tree = page(statement_site[0], prefix + "tilgaengelighed/")
    body = text(tree, "article")
    status, updated, feedback, enforcement = {
        "da": ("Overholdelsesstatus", "Erklæringen er senest opdateret den 1. december 2026.",
               "Feedback og kontaktoplysninger Oplever du indhold, der ikke er tilgængeligt for dig, eller har du "
               "brug for indholdet i en anden form, så kontakt Testforeningen: Testvej 1 1234 Testby E-mail: "
               "redaktion@casebook-test.example Telefon: +45 12 34 56 78",
               "Håndhævelsesprocedure Er du ikke tilfreds med svaret fra Testforeningen, eller får du ikke svar, "
               "kan du klage til Digitaliseringsstyrelsen, som fører tilsyn med, at offentlige organers websteder "
               "er tilgængelige. Sådan klager du til Digitaliseringsstyrelsen"),
        "en": ("Compliance status", "This statement was last updated on 1 December 2026.",
               "Feedback and contact information If you find content that is not accessible to you, or need it "
               "in another form, please contact Testforeningen: Testvej 1 1234 Testby Email: "
               "redaktion@casebook-test.example Phone: +45 12 34 56 78",
               "Enforcement procedure If you are not satisfied with the answer from Testforeningen, or get no "
               "answer, you can complain to the Danish Agency for Digital Government (Digitaliseringsstyrelsen), "
               "which supervises the accessibility of public sector websites. How to complain to the Danish "
               "Agency for Digital Government (in Danish)")}[lang]
    assert status in [h.text(strip=True).rstrip("¶") for h in tree.css("article h2")]
    assert text(tree, "#cb-statement-date") == updated
    assert tree.css_first("#cb-statement-date time").attributes["datetime"] == "2026-12-01"
    assert text(tree, "#cb-statement-feedback") == feedback
    assert tree.css_first("#cb-statement-feedback a[href^='mailto:']").attributes["href"] == \
        "mailto:redaktion@casebook-test.example"
    assert tree.css_first("#cb-statement-feedback a[href^='tel:']").attributes["href"] == "tel:+4512345678"
    assert text(tree, "#cb-statement-enforcement") == enforcement
    assert tree.css_first("#cb-statement-complaints").attributes["href"] == COMPLAINTS
    assert body.index(status) < body.index(updated) < body.index(feedback) < body.index(enforcement)
    assert "mkdocs.yml" not in body and "extra.casebook" not in body


@pytest.mark.build
def test_header_footer_and_about_page_show_the_publisher(statement_site: tuple[Path, str]) -> None:
    """The header names the publisher and shows its logo; the footer gives its name, address, e-mail
    and phone, then the statement, the feed, the open data and the other language; the about page
    says who publishes the site."""
    site = statement_site[0]
    tree = page(site, "cases/alpha-workshop")
    assert text(tree, ".cb-header__publisher") == "Testforeningen"
    assert tree.css_first(".md-header .md-logo img").attributes == {"src": "../../images/logo.svg", "alt": "",
                                                                     "width": "48", "height": "48"}
    assert (site / "images" / "logo.svg").is_file()
    assert text(tree, "footer .cb-footer__publisher") == (
        "Udgiver Testforeningen Testvej 1 1234 Testby E-mail: redaktion@casebook-test.example "
        "Telefon: +45 12 34 56 78")
    assert tree.css_first("footer address") is not None
    links = [(a.text(strip=True), a.attributes["href"]) for a in tree.css("footer #cb-footer-links a")]
    assert links == [("Tilgængelighedserklæring", "../../tilgaengelighed/"),
                     ("Nyeste cases (Atom-feed)", "../../feed.xml"),
                     ("Åbne data", "../../about/#åbne-data-og-nyheder"),
                     ("English", "../../en/cases/alpha-workshop/")]
    about = page(site, "about")
    assert text(about, "#cb-publisher") == (
        "Hvem udgiver siden? Casebook udgives af Testforeningen. Har du spørgsmål til indholdet, eller har du "
        "fundet en fejl, er du velkommen til at kontakte os: Testforeningen Testvej 1 1234 Testby E-mail: "
        "redaktion@casebook-test.example Telefon: +45 12 34 56 78")
    assert page(site, "").css_first("#cb-publisher") is None  # the front page has no such block
    assert not (site / "was").exists()


@pytest.mark.build
def test_without_a_publisher_the_pages_leave_it_out(real_site: Path) -> None:
    """This repository names no publisher: no header name, no footer address, no about block, no
    feedback section; the statement still shows its date and the enforcement procedure."""
    for prefix in ("", "en/"):
        tree = page(real_site, prefix + "tilgaengelighed")
        assert not tree.css(".cb-header__publisher, footer address, #cb-publisher, #cb-statement-feedback")
        assert text(tree, "#cb-statement-date").endswith("2026.")
        assert tree.css_first("#cb-statement-complaints").attributes["href"] == COMPLAINTS
        body = text(tree, "article")
        assert "mkdocs.yml" not in body and "extra.casebook" not in body
        assert page(real_site, prefix + "about").css_first("#cb-publisher") is None


@pytest.mark.build
def test_a_statement_elsewhere_is_reached_through_was(minimal_site: Path) -> None:
    """An https:// statement address: the footer links /was/ (/en/was/), a page that is not indexed,
    keeps the site's Content-Security-Policy and leads to the address by a link and a refresh."""
    for prefix, address in (("", "https://was.digst.dk/casebook-test"), ("en/", "https://was.digst.dk/casebook-test-en")):
        footer = page(minimal_site, prefix + "cases/alpha-workshop").css_first("#cb-accessibility-statement")
        assert footer.attributes["href"] == "../../was/"
        was = page(minimal_site, prefix + "was")
        assert was.css_first("html").attributes["lang"] == ("en" if prefix else "da")
        assert was.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert was.css_first('meta[http-equiv="refresh"]').attributes["content"] == f"0; url={address}"
        assert was.css_first("#cb-statement-elsewhere").attributes["href"] == address
        policy = was.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"] or ""
        assert "script-src 'self' 'wasm-unsafe-eval';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    # Not in the sitemap, which names the planned pages (this build has no address and so no sitemap.xml).
    entries = sitemap_entries(SitePlan(load_project(minimal_site.parent)), Site(SUB_PATH_URL))
    assert entries and not [e.loc for e in entries if "/was/" in e.loc]


@pytest.mark.build
def test_a_content_file_on_was_is_refused(minimal: Path, tmp_path: Path) -> None:
    """A file of content/ on /was/index.html, where the statement's page goes, stops the build."""
    (minimal / "content" / "was").mkdir()
    (minimal / "content" / "was" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    result = build(minimal / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert ("content/was/index.html: 'content/was/index.html' and the page leading to the accessibility statement "
            "would both be published as '/was/index.html' (rename or move the file)") in result.stderr
