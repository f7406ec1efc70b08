"""One fingerprint of a built site, for checking that a change of code left the output as it was.

    python tools/sitehash.py SITE_DIR [SITE_DIR ...]

Prints, per folder, the number of files and a hash over every file's path and bytes, leaving out the
Pagefind index files that Pagefind writes in hash-map order (tests/conftest.py PAGEFIND_UNORDERED),
and a hash of what those files say once decoded (tests/conftest.py pagefind_index). Two builds of the
same content are the same when both hashes are. Build with a fixed SOURCE_DATE_EPOCH (sitemap dates)
and CASEBOOK_CACHE=off, e.g.:

    SOURCE_DATE_EPOCH=1764547200 CASEBOOK_CACHE=off python -m mkdocs build -q -d /tmp/a
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import PAGEFIND_UNORDERED, pagefind_index  # noqa: E402


def site_hash(root: Path) -> tuple[int, str, str]:
    """(files, hash of the ordered files, hash of the decoded Pagefind index)."""
    digest = hashlib.sha256()
    count = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        if not any(rel.match(pattern) for pattern in PAGEFIND_UNORDERED):
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
            count += 1
    index = json.dumps(pagefind_index(root), sort_keys=True, default=str).encode()
    return count, digest.hexdigest()[:16], hashlib.sha256(index).hexdigest()[:16]


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        files, tree, index = site_hash(Path(folder))
        print(f"{folder}: {files} files, tree {tree}, Pagefind index {index}")
