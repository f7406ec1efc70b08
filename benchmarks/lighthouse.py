"""g. Lighthouse on a corpus's built site: its performance (and the other three scores) per page type.

The site is served gzip-compressed on 127.0.0.1 as a static host serves it (``tools/static_host.py``),
and Lighthouse runs with its default mobile settings once on each page type in both languages, all in
one Chromium (``tools/lighthouse.py``, as ``make lighthouse`` does on the real site). A page type with
one page (the front page, the lists, search, topics, about, the statement) is that page; a case is the
typical case page the downloads step views; a catalogue, an idea, an organisation, a theme and an SDG
is the largest page of its type in the corpus, the one a growing collection makes heaviest.
Performance depends on the machine's load; nothing here passes or fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools import lighthouse
from tools.static_host import serve

LANGUAGES = {"da": "", "en": "en/"}
# The page of each type in a corpus: fixed paths, or the folder whose pages compete for the largest.
FIXED = {"front page": "", "case list": "cases/", "search": "search/", "catalogue list": "catalogues/",
         "organisation list": "organisations/", "topics": "topics/", "impact": "impact/", "about": "about/",
         "statement": "tilgaengelighed/"}
LARGEST = {"catalogue": "catalogues/*/", "idea": "catalogues/*/*/", "organisation": "organisations/*/",
           "taxonomy (theme)": "themes/*/", "taxonomy (SDG)": "sdgs/*/"}


def _largest(site: Path, pattern: str) -> str:
    pages = [p for p in site.glob(pattern + "index.html") if not p.parent.name.startswith("_")]
    if not pages:
        raise RuntimeError(f"no page {pattern} in {site}")
    biggest = max(pages, key=lambda p: (p.stat().st_size, str(p)))
    return biggest.parent.relative_to(site).as_posix() + "/"


def pages(site: Path, case: str) -> dict[str, str]:
    """The Danish path of each page type, in the order of ``tools.lighthouse.PAGE_KINDS``."""
    paths = {**FIXED, "case": case, **{kind: _largest(site, pattern) for kind, pattern in LARGEST.items()}}
    return {kind: paths[kind] for kind in lighthouse.PAGE_KINDS}


def measure(site: Path, case: str, reports: Path, timeout: float, say: Callable[[str], None]) -> dict[str, Any]:
    """The pages run and each page's scores and seconds (and the audits that cost it performance), or
    the error that stopped Lighthouse, so the other figures are kept."""
    try:
        chosen = pages(site, case)
        httpd, base = serve(site, compress=True)
        try:
            say(f"{2 * len(chosen)} pages in one Chromium ...")
            results = lighthouse.run({f"{kind} {lang}": base + prefix + path for kind, path in chosen.items()
                                      for lang, prefix in LANGUAGES.items()}, reports, timeout)
        finally:
            httpd.shutdown()
            httpd.server_close()
    except Exception as error:  # a browser problem must not lose the other figures
        say(f"failed: {error}")
        return {"error": f"{type(error).__name__}: {error}"}
    for line in lighthouse.table(results):
        say(line)
    kept = {page: {"url": r["url"], "scores": r["scores"], "seconds": r["seconds"], "error": r["error"],
                   "performance_audits": r["failing"]["performance"]} for page, r in results.items()}
    return {"pages": chosen, "results": kept, "reports": str(reports)}


def _scores(result: dict[str, Any], kind: str) -> str:
    """A page type's performance in Danish / English, out of 100."""
    runs = result.get("lighthouse", {}).get("results", {})
    if f"{kind} da" not in runs:
        return "-"
    return " / ".join(lighthouse.score(runs[f"{kind} {lang}"], "performance") for lang in LANGUAGES)


def _lowest(result: dict[str, Any], category: str) -> str:
    runs = result.get("lighthouse", {}).get("results", {}).values()
    scores = [r["scores"][category] for r in runs if r["scores"][category] is not None]
    return str(round(min(scores) * 100)) if scores else "-"


Row = tuple[str, str, Callable[[dict[str, Any]], str]]


def rows() -> list[Row]:
    """The benchmark table's rows: the lowest scores, then performance per page type."""
    def others(r: dict[str, Any]) -> str:
        return " / ".join(_lowest(r, c) for c in ("accessibility", "best-practices", "seo"))

    return [
        ("g. Lighthouse (mobile, gzip): lowest perf.", ">= 95 (target)", lambda r: _lowest(r, "performance")),
        ("   lowest a11y / practices / SEO", ">= 95 (tests)", others),
        *((f"   perf. da / en: {kind}", "", lambda r, kind=kind: _scores(r, kind))
          for kind in lighthouse.PAGE_KINDS),
    ]
