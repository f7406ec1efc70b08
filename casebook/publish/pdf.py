"""Idea catalogues as PDF documents, written by WeasyPrint when it is installed.

WeasyPrint is optional (``requirements-pdf.txt``; it needs the Pango library, which Debian ships as
``libpango-1.0-0``). Without it the build writes no PDFs and the catalogue pages offer none; with it
``/catalogues/<slug>.pdf`` and ``/en/catalogues/<slug>.pdf`` are written from the standalone
template ``overrides/casebook/catalogue-pdf.html`` and ``casebook-print.css``.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

# Set (to anything) to build without the PDFs where WeasyPrint is installed; the parallel build's second
# process gets it from a first one that has no PDFs (casebook/plugin/parallel.py).
NO_PDF = "CASEBOOK_NO_PDF"


@functools.cache
def available() -> bool:
    """True when WeasyPrint and the libraries it loads are installed (and :data:`NO_PDF` is not set)."""
    if os.environ.get(NO_PDF):
        return False
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: WeasyPrint is installed but Pango is not
        return False
    return True


def write_pdf(html: str, base_url: Path, target: Path) -> int:
    """Render ``html`` (its links relative to ``base_url``) as an A4 PDF at ``target``; return its size."""
    import weasyprint

    # WeasyPrint reports CSS it does not support as warnings; the document is still complete.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    document = weasyprint.HTML(string=html, base_url=str(base_url)).render()
    # No creation date and a fixed identifier: the same catalogue gives the same bytes.
    data: bytes = document.write_pdf(pdf_identifier=b"casebook", uncompressed_pdf=False)
    target.write_bytes(data)
    return len(data)
