"""Every URL and output path of the site, declared once.

The plan (:mod:`casebook.site.plan`), its pages (:mod:`casebook.site.pages`) and what is published
after the build (feeds, open data, PDFs, the search index, link previews) take their addresses from
here; none builds one by hand.

URLs are site-relative and end in ``/`` for a page (``cases/x/``, written as ``cases/x/index.html``).
Danish (the default language) is at the root, every other language under its code: ``en/cases/x/``.
Files that are not pages in a language (case images, the open data, the search index) have one path.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from urllib.parse import urlencode

from casebook.core.languages import DEFAULT_LANGUAGE, LANGUAGES

# --- the folders of the planned pages -------------------------------------------------------------

CASES = "cases"
CATALOGUES = "catalogues"
ORGANISATIONS = "organisations"
TOPICS = "topics"
SEARCH = "search"
IMPACT = "impact"  # the figures of the cases added up (casebook/site/impact.py)
# The kinds of term that have a page each (/themes/integration/, /formats/workshop/, /sdgs/17/), in
# the order the topics page lists them, and the folder of their pages.
TERM_FOLDERS = {"theme": "themes", "format": "formats", "sdg": "sdgs"}
# The hand-written page that describes the open data (its section is linked from every footer).
ABOUT = "about"
HOME = "index"  # the hand-written page that is the front page
# The hand-written accessibility statement the footer links to unless mkdocs.yml names another.
STATEMENT = "tilgaengelighed"
# For a statement published elsewhere (WAS-Tool), the page that leads to it: /was/, the short address
# the Danish Agency for Digital Government asks a public body to keep ("nem-URL"), and /en/was/.
WAS = "was"
# Where the public complains about an inaccessible public website once its publisher's answer does not
# help: the Danish Agency for Digital Government (Digitaliseringsstyrelsen), which enforces the act.
COMPLAINTS = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"

# --- files written beside the pages ---------------------------------------------------------------

# Each language's Atom feed of the newest cases: /feed.xml, /en/feed.xml (casebook/publish/feeds.py).
FEED_FILE = "feed.xml"
# The open data (casebook/publish/opendata.py): one set of files for both languages.
OPEN_DATA_JSON = "data/cases.json"
OPEN_DATA_SCHEMA = "data/cases.schema.json"
OPEN_DATA_CSV = "data/cases.csv"
# The impact totals (casebook/site/impact.py) as open data, with the cases each comes from.
OPEN_DATA_IMPACT_JSON = "data/impact.json"
OPEN_DATA_IMPACT_SCHEMA = "data/impact.schema.json"
OPEN_DATA_IMPACT_CSV = "data/impact.csv"
OPEN_DATA_FILES = (OPEN_DATA_JSON, OPEN_DATA_SCHEMA, OPEN_DATA_CSV,
                   OPEN_DATA_IMPACT_JSON, OPEN_DATA_IMPACT_SCHEMA, OPEN_DATA_IMPACT_CSV)
# Pagefind's index and scripts (casebook/publish/search.py). The preview indexes into the first folder
# beside it and swaps the two, the old index passing through the second.
SEARCH_INDEX = "pagefind"
SEARCH_INDEX_NEXT = f"{SEARCH_INDEX}.next"
SEARCH_INDEX_OLD = f"{SEARCH_INDEX}.old"
# The image a page without its own is shared with in link previews (overrides/assets/images/).
SHARE_IMAGE = "assets/images/casebook-share.png"
# The sizes and formats made of each case image (casebook/publish/images.py), in a folder of their own
# so that no name in a case folder can be one of them: /media/<slug>/<file>/<width>.<ext>.
MEDIA = "media"
# The sizes of the images the pages in content/ show, in a folder no case slug can take (a slug has no
# "_"): /media/_pages/<path in content/>/<width>.<ext>.
PAGE_MEDIA = f"{MEDIA}/_pages"

# The HTTP headers of the site's files for the hosts that read such a file (Netlify, Cloudflare Pages),
# written by casebook/publish/headers.py. Those hosts serve the site's folder at the root of their
# address, so its paths start at the site's folder whatever the path of site_url.
HEADERS_FILE = "_headers"
# Decap CMS, for editing in the browser (casebook/publish/cms.py): no page of the site, in no sitemap or index.
ADMIN = "admin"
# The files whose names change with their content, as the start of their paths (the fingerprint
# follows): Material's bundles and Pagefind's index. A browser may keep them as long as it likes.
FINGERPRINTED = ("assets/javascripts/bundle.", "assets/javascripts/workers/search.", "assets/stylesheets/main.",
                 "assets/stylesheets/palette.", f"{SEARCH_INDEX}/fragment/", f"{SEARCH_INDEX}/index/",
                 f"{SEARCH_INDEX}/filter/", *(f"{SEARCH_INDEX}/pagefind.{lang}_" for lang in LANGUAGES))

# The top-level folders of the site that a hand-written page may not take: the planned pages',
# the other languages' and the search index's (casebook/project/pages.py keeps them free).
OWN_FOLDERS = (CASES, CATALOGUES, ORGANISATIONS, TOPICS, SEARCH, *TERM_FOLDERS.values(), SEARCH_INDEX, MEDIA, WAS,
               *(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE))


# --- pages ----------------------------------------------------------------------------------------


def url_for(lang: str, path: str = "") -> str:
    """Site-relative URL of ``path`` ("cases/x/") in ``lang``: Danish at the root, others below."""
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def language_neutral(url: str, lang: str) -> str:
    """``url`` of a page in ``lang`` without its language's prefix: what :func:`url_for` was given."""
    prefix = url_for(lang)
    return url[len(prefix):]


def src_uri_for(url: str) -> str:
    """The source path an engine gives the page at ``url`` (MkDocs: ``cases/x/index.md``)."""
    return url + "index.md"


def home_url(lang: str) -> str:
    return url_for(lang)


def page_url(name: str, lang: str) -> str:
    """A hand-written page ``content/<name>.<lang>.md``; ``index`` is the front page."""
    return url_for(lang, "" if name == HOME else f"{name}/")


def cases_url(lang: str) -> str:
    return url_for(lang, f"{CASES}/")


def case_url(slug: str, lang: str) -> str:
    return url_for(lang, f"{CASES}/{slug}/")


def case_image(slug: str, file: str) -> str:
    """An image of a case, beside its Danish page (``file`` is relative to the case's folder): the
    file as given, or its largest size in its own format, without its metadata."""
    return f"{CASES}/{slug}/{file}"


def case_image_size(slug: str, file: str, width: int, extension: str) -> str:
    """One size of a case image in one format (``extension``: "webp", "jpg", ...)."""
    return f"{MEDIA}/{slug}/{file}/{width}.{extension}"


def case_share_image(slug: str, file: str) -> str:
    """A case image cut to the shape of link previews (Open Graph), as JPEG."""
    return f"{MEDIA}/{slug}/{file}/share.jpg"


def page_image_size(path: str, width: int, extension: str) -> str:
    """One size of an image a page in content/ shows (``path``: the image's path in content/, which is
    also its own address: the file as given, or its largest size without its metadata)."""
    return f"{PAGE_MEDIA}/{path}/{width}.{extension}"


def catalogues_url(lang: str) -> str:
    return url_for(lang, f"{CATALOGUES}/")


def catalogue_url(slug: str, lang: str) -> str:
    return url_for(lang, f"{CATALOGUES}/{slug}/")


def catalogue_pdf(slug: str, lang: str) -> str:
    """The catalogue as a PDF (casebook/publish/pdf.py), beside its page's folder."""
    return url_for(lang, f"{CATALOGUES}/{slug}.pdf")


def idea_url(catalogue: str, idea_id: str, lang: str) -> str:
    return url_for(lang, f"{CATALOGUES}/{catalogue}/{idea_id}/")


def idea_anchor_url(catalogue: str, idea_id: str, lang: str) -> str:
    """The idea on its catalogue's page."""
    return f"{catalogue_url(catalogue, lang)}#{idea_id}"


def topics_url(lang: str) -> str:
    return url_for(lang, f"{TOPICS}/")


def term_folder_url(kind: str, lang: str) -> str:
    """The folder of the pages of one kind of term (a feed category's scheme)."""
    return url_for(lang, f"{TERM_FOLDERS[kind]}/")


def term_url(kind: str, term_id: str | int, lang: str) -> str:
    return url_for(lang, f"{TERM_FOLDERS[kind]}/{term_id}/")


def organisations_url(lang: str) -> str:
    return url_for(lang, f"{ORGANISATIONS}/")


def organisation_url(org_id: str, lang: str) -> str:
    return url_for(lang, f"{ORGANISATIONS}/{org_id}/")


def impact_url(lang: str) -> str:
    return url_for(lang, f"{IMPACT}/")


def measure_anchor(measure_id: str) -> str:
    """The id of a measure's section on the impact page: ``#measure-volunteers``."""
    return f"measure-{measure_id}"


def search_url(lang: str) -> str:
    return url_for(lang, f"{SEARCH}/")


def search_facets_file(lang: str) -> str:
    """The search page's facet file, for browsing by facets without words (casebook/publish/facetfile.py)."""
    return search_url(lang) + "facets.json"


def search_filtered_url(lang: str, **filters: str) -> str:
    """The search page with facet values chosen, e.g. ``search/?type=idea&size=small``."""
    return search_url(lang) + "?" + urlencode(filters)


def open_data_section(lang: str, anchor: str) -> str:
    """The about page's section that describes and links the data files (``anchor`` is its id)."""
    return f"{page_url(ABOUT, lang)}#{anchor}"


def was_url(lang: str) -> str:
    """The page leading to a statement published elsewhere (casebook/plugin/steps.py writes it)."""
    return url_for(lang, f"{WAS}/")


def feed_url(lang: str) -> str:
    return url_for(lang, FEED_FILE)


def page_output(url: str) -> str:
    """The file a page is written to."""
    return url + "index.html"


def file_name(path: str) -> str:
    """The last part of an output path (``cases.schema.json``), as files beside it refer to it."""
    return PurePosixPath(path).name


def relative_url(target: str, start: str) -> str:
    """The site path ``target`` (``cases/x/``, ``data/cases.json``, ``about/#data``) as a link from the
    document at the site path ``start`` (a page ``en/cases/y/`` or a file ``en/feed.xml``): what works
    wherever the site is served, at a host's root or under a sub-path."""
    path, hash_mark, fragment = target.partition("#")
    folder = start if start.endswith("/") or not start else posixpath.dirname(start) + "/"
    link = posixpath.relpath("/" + path, "/" + folder.rstrip("/"))
    if path.endswith("/") or not path:
        link = "./" if link == "." else link + "/"
    return link + hash_mark + fragment


class Site:
    """The site's public address (``site_url``), and what the site's own addresses are without one.

    With an address every URL it gives is absolute (``https://example.github.io/casebook/cases/x/``).
    Without one, :meth:`url` gives a link relative to the document that names it, which works wherever
    the site is served, and :meth:`public` gives nothing: what needs a full address (canonical URLs,
    link previews, language alternates, the sitemap, printed addresses) is left out.
    """

    def __init__(self, site_url: str | None) -> None:
        self.base = (site_url or "").rstrip("/") + "/"

    @property
    def absolute_urls(self) -> bool:
        return self.base != "/"

    def url(self, path: str, start: str) -> str:
        """The site path ``path`` as named in the document at ``start``: absolute, or relative to it."""
        return self.base + path.lstrip("/") if self.absolute_urls else relative_url(path.lstrip("/"), start)

    def public(self, path: str) -> str | None:
        """The full public address of ``path``; None when the site has none."""
        return self.base + path.lstrip("/") if self.absolute_urls else None
