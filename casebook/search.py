"""Full-text search: a Pagefind index per language, written beside the built site.

Pagefind splits its index by each page's ``<html lang>`` (Danish gets Danish stemming, so
"mentorer" finds "mentor"), and a browser downloads only the fragments a query needs.
Only elements marked ``data-pagefind-body`` are indexed: the story pages, not menus or lists.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE_DIR = "pagefind"


@dataclass(frozen=True)
class IndexResult:
    pages: int


async def _index(site_dir: Path) -> IndexResult:
    # Heading permalinks ("¶") are not words of the page.
    config = IndexConfig(output_path=str(site_dir / BUNDLE_DIR), exclude_selectors=[".headerlink"])
    async with PagefindIndex(config) as index:
        result = await index.add_directory(str(site_dir))
    return IndexResult(pages=int(result["page_count"]))


def build_index(site_dir: Path) -> IndexResult:
    """Index every built page under ``site_dir`` into ``site_dir/pagefind``."""
    result = asyncio.run(_index(site_dir.resolve()))
    _sort_entry(site_dir / BUNDLE_DIR / "pagefind-entry.json")
    return result


def _sort_entry(entry: Path) -> None:
    # Pagefind lists the languages in hash-map order, which changes from run to run; sorted keys
    # make two builds of the same content byte-identical. The file means the same either way.
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")
