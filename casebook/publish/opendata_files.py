"""How the open data files are written, the same for every one of them: JSON in UTF-8 with two-space
indents, each JSON Schema beside its file, and CSV for spreadsheets (semicolons, UTF-8 with a byte order
mark, CRLF)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from casebook.model.fields import SCHEMA_DIALECT
from casebook.site.urls import file_name

# Semicolons between the columns: Excel with Danish (and most European) settings opens such a file in
# columns with a double click, where it would put a comma-separated file in one column.
DELIMITER = ";"
LIST_SEPARATOR = "; "  # between several values in one cell (such a cell is quoted)


def json_bytes(data: BaseModel) -> bytes:
    return (json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_schema(model: type[BaseModel], path: str, title: str) -> dict[str, Any]:
    """The JSON Schema of the file at site path ``path``, derived from the model that declares its shape."""
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": file_name(path), **schema, "title": title}


def schema_bytes(schema: dict[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> bytes:
    """A header and one line per row (each row has every column), separated by semicolons, UTF-8 with a
    byte order mark, rows ending in CRLF (RFC 4180 apart from the separator)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER)
    writer.writerow(columns)
    for row in rows:
        # Babel's no-break spaces ("5.440 kr.") are plain spaces in a sheet, where people search and filter.
        writer.writerow([row[column].replace("\u00a0", " ").replace("\u202f", " ") for column in columns])
    return out.getvalue().encode("utf-8-sig")


def join(values: Iterable[str]) -> str:
    """Several values in one cell."""
    return LIST_SEPARATOR.join(values)
