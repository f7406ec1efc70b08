"""Long lists of cases in pages: the case list and each theme's, format's and SDG's page show
:data:`LIST_PAGE_SIZE` cases a page, the first at the list's own address and the others at
``page/<n>/`` below it (``/cases/page/2/``, ``/en/themes/integration/page/3/``), each with links to
the others (:class:`PagerView`). A list of a thousand cards on one page kept a phone's browser busy for
seconds before it answered a tap; every page stays a plain link, for readers without JavaScript and for
search engines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from casebook.site.strings import Strings
from casebook.site.views import PagerLink, PagerView

LIST_PAGE_SIZE = 24  # cases a page: a whole number of rows of two, three or four cards
PAGE_FOLDER = "page"  # below the list's address: page/2/, page/3/, ...
AROUND = 2  # pages linked on each side of the current one, besides the first and the last

Item = TypeVar("Item")


def page_address(first: str, number: int) -> str:
    """The address of page ``number`` of the list whose first page is at ``first``."""
    return first if number == 1 else f"{first}{PAGE_FOLDER}/{number}/"


def split(items: Sequence[Item], size: int = LIST_PAGE_SIZE) -> list[list[Item]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    return [list(items[start:start + size]) for start in range(0, len(items), size)] or [[]]


def pager(first: str, number: int, count: int, status: str) -> PagerView | None:
    """The pager of page ``number`` of ``count`` (None for a list of one page). ``status``: the text
    saying which page this is, with ``{n}`` and ``{count}``."""
    if count <= 1:
        return None
    shown = sorted({1, count, *range(max(1, number - AROUND), min(count, number + AROUND) + 1)})
    links: list[PagerLink | None] = []
    for index, n in enumerate(shown):
        if index and n - shown[index - 1] > 1:
            links.append(None)
        links.append(PagerLink(n, page_address(first, n), n == number))
    return PagerView(number, count, status.format(n=number, count=count),
                     page_address(first, number - 1) if number > 1 else None,
                     page_address(first, number + 1) if number < count else None, links)


def page_title(t: Strings, title: str, number: int, count: int) -> str:
    """The title of page ``number`` of a list titled ``title``: the list's own on its first page."""
    return title if number == 1 else f"{title}, {t.pager_in_title.format(n=number, count=count)}"


@dataclass(frozen=True)
class ListPage(Generic[Item]):
    """One page of a list: its number, address, title, items and pager."""

    number: int
    url: str
    title: str
    items: list[Item]
    pager: PagerView | None


def paged(first: str, title: str, items: Sequence[Item], size: int, t: Strings) -> list[ListPage[Item]]:
    """The list titled ``title`` whose first page is at ``first``, in pages of ``size`` items."""
    chunks = split(items, size)
    return [ListPage(number, page_address(first, number), page_title(t, title, number, len(chunks)), chunk,
                     pager(first, number, len(chunks), t.pager_status))
            for number, chunk in enumerate(chunks, start=1)]
