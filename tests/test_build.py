"""End-to-end builds with MkDocs: the real content, the minimal sample site, and a broken one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import copy_site, edit, mkdocs_build, site_pages
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = pytest.mark.build

SLUGS = ["ibm-baba-workshop", "ibm-bydelsmoedre-erhvervsleder-i-praktik",
         "ibm-nydansker-erhvervsmentorer", "csr-forum-sme-medarbejderfrivillighed"]
NBSP = "\u00a0"


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal sample site (one case has no English story), built once for the session."""
    source = copy_site("minimal", tmp_path_factory.mktemp("minimal") / "src")
    result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode == 0, result.stderr
    return source / "site"


def page(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def pages(site: Path) -> list[Path]:
    return site_pages(site)


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(base_url: str, href: str) -> str:
    return urlsplit(urljoin("http://site" + base_url, href)).path


def text(tree: HTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    assert node is not None, f"no {selector}"
    return node.text(separator=" ", strip=True)


# --- the real content ----------------------------------------------------------------------


def test_every_case_in_both_languages(real_site: Path) -> None:
    """Each case has a page at /cases/<slug>/ and /en/cases/<slug>/, listed on the case list."""
    for lang_prefix in ("", "en/"):
        listed = {a.attributes["href"] for a in page(real_site, f"{lang_prefix}cases").css("#cb-case-list a")}
        for slug in SLUGS:
            assert (real_site / f"{lang_prefix}cases/{slug}/index.html").is_file()
            assert f"{slug}/" in listed


def test_html_lang_matches_url(real_site: Path) -> None:
    """Every page declares the language of its URL: /en/… is English, the rest Danish."""
    for file in pages(real_site):
        url = url_of(real_site, file)
        tree = HTMLParser(file.read_text(encoding="utf-8"))
        assert tree.css_first("html").attributes["lang"] == ("en" if url.startswith("/en/") else "da"), url


def test_language_switch_and_hreflang_lead_to_the_same_page(subpath_site: Path) -> None:
    """The switch and the hreflang links of every page point to that page in the other language (built with
    a public address, which hreflang needs: https://example.github.io/casebook/)."""
    for file in pages(subpath_site):
        url = url_of(subpath_site, file)
        if url == "/404.html":
            continue
        tree = HTMLParser(file.read_text(encoding="utf-8"))
        neutral = url.removeprefix("/en")
        expected = {"da": neutral, "en": "/en" + neutral}
        other = "da" if url.startswith("/en/") else "en"
        switch = tree.css_first("#cb-language-switch")
        assert switch.attributes["hreflang"] == other
        assert resolve(url, switch.attributes["href"] or "") == expected[other], url
        alternates = {link.attributes["hreflang"]: resolve(url, link.attributes["href"] or "")
                      for link in tree.css('link[rel="alternate"][hreflang]:not([type])')}
        public = {lang: "/casebook" + path for lang, path in expected.items()}  # full addresses, under the sub-path
        assert alternates == {**public, "x-default": public["da"]}, url


def test_material_ui_strings_follow_the_page_language(real_site: Path) -> None:
    """Material's own labels are Danish on Danish pages and English on English ones."""
    da = page(real_site, "cases/ibm-baba-workshop").css_first("header nav").attributes["aria-label"]
    en = page(real_site, "en/cases/ibm-baba-workshop").css_first("header nav").attributes["aria-label"]
    assert (da, en) == ("Sidehoved", "Header")


def test_case_page_facts_are_localised(real_site: Path) -> None:
    """Dates, amounts, figures, partners, taxonomy terms and SDGs appear in the page's language."""
    da = page(real_site, "cases/ibm-bydelsmoedre-erhvervsleder-i-praktik")
    en = page(real_site, "en/cases/ibm-bydelsmoedre-erhvervsleder-i-praktik")
    assert f"5.440{NBSP}kr." in text(da, "#cb-outcomes")
    assert f"DKK{NBSP}5,440" in text(en, "#cb-outcomes")
    baba_da, baba_en = page(real_site, "cases/ibm-baba-workshop"), page(real_site, "en/cases/ibm-baba-workshop")
    assert text(baba_da, "#cb-when") == "november 2015"
    assert text(baba_en, "#cb-when") == "November 2015"
    assert baba_da.css_first("#cb-when").attributes["datetime"] == "2015-11"
    mentors_da = page(real_site, "cases/ibm-nydansker-erhvervsmentorer")
    mentors_en = page(real_site, "en/cases/ibm-nydansker-erhvervsmentorer")
    assert "8 af 25" in text(mentors_da, "#cb-outcomes")
    assert "8 of 25" in text(mentors_en, "#cb-outcomes")
    assert "Kvalitetsuddannelse" in text(mentors_da, "#cb-sdgs")
    assert "Quality education" in text(mentors_en, "#cb-sdgs")
    assert "Mentorforløb" in text(mentors_da, "#cb-facts")
    assert "Mentoring" in text(mentors_en, "#cb-facts")


def test_partners_link_to_organisation_pages_that_list_the_case(real_site: Path) -> None:
    """A partner on a case page links to its organisation page, which lists the case and the role."""
    url = "/en/cases/ibm-nydansker-erhvervsmentorer/"
    tree = page(real_site, url.strip("/"))
    links = {a.text(strip=True): resolve(url, a.attributes["href"] or "") for a in tree.css("#cb-partners a")}
    assert links["Foreningen Nydansker"] == "/en/organisations/foreningen-nydansker/"
    org = page(real_site, "en/organisations/foreningen-nydansker")
    listed = text(org, "#cb-organisation-cases")
    assert "Role: NGO IBM business mentors help refugees towards jobs and study" in " ".join(listed.split())


@pytest.mark.parametrize(("prefix", "note"), [("", "efterår, år ikke oplyst"), ("en/", "autumn, year not given")])
def test_undated_case_says_so_in_both_languages(real_site: Path, prefix: str, note: str) -> None:
    """The Bydelsmødre placement (no year in its source) shows its note, not a date, on its page and
    its card, and is listed after every dated case."""
    url = f"{prefix}cases/ibm-bydelsmoedre-erhvervsleder-i-praktik"
    tree = page(real_site, url)
    assert text(tree, "#cb-when") == note
    assert tree.css_first("#cb-when").tag == "span" and tree.css_first("time") is None
    assert note in text(tree, "#cb-facts")
    cards = page(real_site, f"{prefix}cases").css("#cb-case-list .cb-card")
    last = cards[-1]
    assert (last.css_first("a").attributes["href"] or "").rstrip("/").endswith(url.rsplit("/", 1)[1])
    # The date and the partners, each beside an icon.
    assert " ".join(text(last, ".cb-card__meta").split()).startswith(note + " IBM Danmark")


@pytest.mark.parametrize(("prefix", "role", "host"), [("", "Deltager", "Vært"), ("en/", "Participant", "Host")])
def test_organisations_around_a_case_are_not_its_partners(real_site: Path, prefix: str, role: str,
                                                          host: str) -> None:
    """The task force's members and the Folkemødet hosts are shown apart from the partners, with their role."""
    csr = page(real_site, f"{prefix}cases/csr-forum-sme-medarbejderfrivillighed")
    assert "Københavns Kommune" not in text(csr, "#cb-partners")
    assert " ".join(text(csr, "#cb-involved").split()) == f"Københavns Kommune ({role}) Roskilde Universitet ({role})"
    mentors = page(real_site, f"{prefix}cases/ibm-nydansker-erhvervsmentorer")
    assert " ".join(text(mentors, "#cb-involved").split()) == f"Frivilligrådet ({host}) ressonans ({host})"


@pytest.mark.parametrize(("prefix", "published"), [("", "udgivet"), ("en/", "published")])
def test_sources_give_their_publisher_and_date(real_site: Path, prefix: str, published: str) -> None:
    """A source is listed with who published it and when, as far as known; so is an organisation's."""
    tree = page(real_site, f"{prefix}cases/ibm-nydansker-erhvervsmentorer")
    items = [" ".join(li.text().split()) for li in tree.css("#cb-source-list li")]
    month = "december" if prefix == "" else "December"
    assert items[0].endswith(f"i job, IBM ({published} {month} 2016)")
    assert items[1].endswith("erhvervsmentorprogram, VFSA")
    org = page(real_site, f"{prefix}organisations/koebenhavns-kommune")
    source = org.css_first("#cb-organisation-source")
    assert source is not None and " ".join(source.text().split()).endswith(
        f"task force, CSR Forum ({published} 2018)")


def test_anonymised_person_is_not_named(real_site: Path) -> None:
    """The mentee is shown by role with a note, never by the label used in case.yml."""
    facts = text(page(real_site, "cases/ibm-nydansker-erhvervsmentorer"), "#cb-facts")
    assert "Flygtning og mentee i programmet (navnet er anonymiseret)" in facts
    assert "Mentee," not in facts


def test_no_request_leaves_the_site(real_site: Path) -> None:
    """No page, stylesheet or script loads anything from another host (no Google Fonts, no CDNs)."""
    external: list[str] = []
    for file in pages(real_site):
        tree = HTMLParser(file.read_text(encoding="utf-8"))
        for node in tree.css("script[src], img[src], iframe[src], source[src], video[src], audio[src]"):
            external.append(node.attributes.get("src") or "")
        for node in tree.css("link[href]"):
            if node.attributes.get("rel") not in ("alternate", "canonical"):
                external.append(node.attributes.get("href") or "")
        for node in tree.css("style"):
            external += re.findall(r"url\(([^)]*)\)|@import\s+['\"]([^'\"]+)", node.text())  # type: ignore[arg-type]
    for css in real_site.rglob("*.css"):
        for match in re.findall(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", css.read_text()):
            external += [m for m in match if m]
    flat = [str(x) for x in external]
    offsite = [u for u in flat if re.match(r"^(https?:)?//", u.strip("'\""))]
    assert flat, "the scan found no resources at all"
    assert offsite == []


def test_search_index_per_language(real_site: Path) -> None:
    """Pagefind wrote one index per language, holding the case pages of that language."""
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"da", "en"}
    assert entry["languages"]["da"]["page_count"] == entry["languages"]["en"]["page_count"] >= len(SLUGS)


def test_case_pages_stay_out_of_the_menu(real_site: Path) -> None:
    """The menu is short and the same size on every page: cases are listed on pages, not in the nav."""
    sizes = {len(HTMLParser(f.read_text(encoding="utf-8")).css(".md-nav--primary a")) for f in pages(real_site)}
    # The logo, eight items (the impact page's among them) and the language switch.
    assert len(sizes) <= 2 and max(sizes) <= 10


# --- the minimal sample site -----------------------------------------------------------------


def test_missing_translation_shows_notice_and_link(minimal_site: Path) -> None:
    """Without index.en.md the English page shows title, summary, facts and a notice linking the Danish story."""
    url = "/en/cases/beta-mentors/"
    tree = page(minimal_site, url.strip("/"))
    assert text(tree, "h1") == "The beta mentors"
    assert text(tree, ".cb-summary") == "Mentors from Acme helped newcomers."
    assert "March 2016 – September 2016" in text(tree, "#cb-facts")
    notice = tree.css_first("#cb-translation-notice")
    assert notice is not None
    link = notice.css_first("a")
    assert resolve(url, link.attributes["href"] or "") == "/cases/beta-mentors/"
    assert link.attributes["hreflang"] == "da"
    assert page(minimal_site, "cases/beta-mentors").css_first("#cb-translation-notice") is None


def test_hand_written_page_in_one_language_switches_to_home(minimal_site: Path) -> None:
    """A page that exists only in Danish switches to the English front page."""
    tree = page(minimal_site, "about")
    assert resolve("/about/", tree.css_first("#cb-language-switch").attributes["href"] or "") == "/en/"
    assert not (minimal_site / "en" / "about").exists()


def test_images_are_published_with_alt_text(minimal_site: Path) -> None:
    """A case image is published at its own address and shown on both language pages with that
    language's alt text (its sizes and formats: tests/test_images.py)."""
    assert (minimal_site / "cases/alpha-workshop/images/dot.png").is_file()
    for url, alt in (("/cases/alpha-workshop/", "En prik"), ("/en/cases/alpha-workshop/", "A dot")):
        img = page(minimal_site, url.strip("/")).css_first(".cb-image img")
        assert img.attributes["alt"] == alt
        assert resolve(url, img.attributes["src"] or "") == "/cases/alpha-workshop/images/dot.png"


def test_heading_anchors_keep_danish_letters(minimal_site: Path) -> None:
    """Heading ids are Unicode-aware: æ, ø and å stay in the anchor."""
    ids = [h.attributes["id"] for h in page(minimal_site, "cases/alpha-workshop").css("#cb-story h2")]
    assert ids == ["hvad-skete-der-på-østerbro"]


def test_quote_without_translation_is_marked_danish(minimal_site: Path) -> None:
    """A quote with only Danish text is shown on the English page with lang="da"."""
    quote = page(minimal_site, "en/cases/alpha-workshop").css_first(".cb-quote blockquote")
    assert quote.attributes["lang"] == "da"
    assert quote.text(strip=True) == "Det var en god dag."


def test_data_files_are_not_published(minimal_site: Path) -> None:
    """organisations.yml, taxonomy.yml and page sources are content, not site files."""
    published = {p.name for p in minimal_site.rglob("*")}
    assert not published & {"organisations.yml", "taxonomy.yml", "index.da.md", "index.en.md", "case.yml"}


# --- a broken site -----------------------------------------------------------------------


def test_errors_stop_the_build_before_anything_is_written(tmp_path: Path) -> None:
    """A content error exits non-zero, prints every problem, and writes no site."""
    source = copy_site("minimal", tmp_path / "src")
    edit(source / "cases" / "alpha-workshop" / "case.yml", "  - org: hjaelp", "  - org: hjalp")
    edit(source / "cases" / "beta-mentors" / "case.yml", "kind: programme", "kind: programm")
    result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert ("cases/alpha-workshop/case.yml:12:10: partners[2].org: unknown organisation 'hjalp' "
            "(did you mean 'hjaelp'?)") in output
    assert ("cases/beta-mentors/case.yml:7:7: kind: 'programm' is not one of: partnership, programme, event "
            "(did you mean 'programme'?)") in output
    assert "2 problems found (2 errors, 0 warnings). Nothing was built; fix the problems above." in output
    assert "Traceback" not in output
    assert not (source / "site").exists()


def test_repeated_headings_get_unique_anchors(tmp_path: Path) -> None:
    """Two headings with the same text get distinct ids on one page."""
    source = copy_site("minimal", tmp_path / "src")
    (source / "cases" / "beta-mentors" / "index.da.md").write_text("## Fælles mål\n\nA\n\n## Fælles mål\n\nB\n",
                                                             encoding="utf-8")
    result = mkdocs_build(source / "mkdocs.yml", source / "site")
    assert result.returncode == 0, result.stderr
    ids = [h.attributes["id"] for h in page(source / "site", "cases/beta-mentors").css("#cb-story h2")]
    assert ids == ["fælles-mål", "fælles-mål_1"]


ICON_PLACES = {  # page -> the places that show an icon, each with the text beside it
    "": ["#cb-footer-links li a", "#cb-newest .cb-card__meta .cb-meta__item", "#cb-home-sizes a",
         "#cb-home-catalogues .cb-card__type"],
    "cases/ibm-nydansker-erhvervsmentorer": ["#cb-meta .cb-meta__item"],
    "search": ["#cb-filters > summary"],
}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_icons_are_inline_and_hidden_from_screen_readers(real_site: Path, prefix: str) -> None:
    """The footer links, card and case meta, the size path and the filters show an icon each: an inline
    SVG from Material's bundled sets, hidden from screen readers, referring to nothing outside the page."""
    for url, places in ICON_PLACES.items():
        tree = page(real_site, prefix + url)
        for place in places:
            found = tree.css(place)
            assert found, (url, place)
            for node in found:
                icons = node.css(".cb-icon")
                assert len(icons) == 1 and icons[0].attributes.get("aria-hidden") == "true", (url, place)
                assert icons[0].css_first("svg > path") is not None, (url, place)
                assert (node.text(strip=True) or "").strip(), (url, place)  # the words say what it means
    for file in pages(real_site):
        tree = HTMLParser(file.read_text(encoding="utf-8"))
        for icon in tree.css(".cb-icon"):
            assert icon.attributes.get("aria-hidden") == "true", file
            assert not icon.css("[href], [src], use, image"), file
