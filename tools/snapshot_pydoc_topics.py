"""Write kltools/data/pydoc_topics.json.xz, the fixed snapshot of ``pydoc_data.topics``.

    ~/.pyenv/versions/3.11.7/bin/python tools/snapshot_pydoc_topics.py

Run it with CPython 3.11.7: the script refuses any other version, so that a
regenerated file holds the same text as the committed one. The snapshot is
the dictionary ``topics`` of that interpreter's ``pydoc_data/topics.py``
(topic name to text), as JSON with sorted keys, compressed with ``lzma``.
``kltools.text.pydoc_topics`` reads it with the standard library only.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import sys
from pathlib import Path

VERSION = (3, 11, 7)
TARGET = Path(__file__).resolve().parent.parent / "kltools" / "data" / "pydoc_topics.json.xz"


def main() -> None:
    if sys.version_info[:3] != VERSION:
        found = ".".join(map(str, sys.version_info[:3]))
        sys.exit(f"run this with CPython {'.'.join(map(str, VERSION))}, not {found}")
    from pydoc_data.topics import topics

    payload = json.dumps(topics, sort_keys=True, ensure_ascii=True, indent=0).encode("ascii")
    TARGET.write_bytes(lzma.compress(payload, preset=9 | lzma.PRESET_EXTREME))
    digest = hashlib.sha256(payload).hexdigest()
    print(f"{len(topics)} topics, {len(payload)} bytes of JSON, SHA-256 {digest}")
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
