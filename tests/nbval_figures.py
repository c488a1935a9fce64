"""nbval plugin: compare figures too: PNG by their pixels, SVG by their text.

nbval compares text outputs and skips images, so a figure whose plotting code
changed without re-executing the notebook would pass. The book is built from
the committed outputs (``execute_notebooks: off``), so that figure would be
on the website and in the PDF. This plugin makes nbval compare every PNG
output (plain and glued) as well.

PNG bytes can differ without any visible change (zlib level, metadata), so
both sides are decoded and compared by their pixels: the size and a SHA-256
of the RGBA data. Matplotlib's Agg renderer is deterministic for pinned
versions (fonts and FreeType ship inside the matplotlib wheel), so a fresh
execution reproduces the committed pixels exactly.

Load it with ``-p tests.nbval_figures`` next to ``--nbval`` (see Makefile).
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import io
from typing import Any

import pytest

try:  # nbval is only needed when this plugin is loaded for a notebook run
    from nbval.plugin import IPyNbCell, IPyNbFile
except ImportError:  # pragma: no cover
    IPyNbCell = IPyNbFile = None

IMAGE_SUFFIX = "image/png"
SVG_SUFFIX = "image/svg+xml"


def png_fingerprint(data: str | bytes) -> str:
    """``"png WxH rgba-sha256:<hex>"`` for a base64-encoded PNG."""
    from PIL import Image

    if isinstance(data, list):
        data = "".join(data)
    try:
        raw = base64.b64decode(data)
        with Image.open(io.BytesIO(raw)) as image:
            rgba = image.convert("RGBA")
            digest = hashlib.sha256(rgba.tobytes()).hexdigest()
            return f"png {rgba.width}x{rgba.height} rgba-sha256:{digest}"
    except (binascii.Error, OSError) as exc:
        return f"undecodable png ({exc})"


def svg_fingerprint(data: str | list[str]) -> str:
    """``"svg <width> x <height> sha256:<hex>"`` for an SVG document.

    The chapters' figures are SVG (coursekit.figures): text that nbval would
    compare anyway, and byte for byte (no date, fixed ids). The fingerprint
    keeps a failure's report to one line instead of the whole document.
    """
    import re

    text = "".join(data) if isinstance(data, list) else data
    size = re.search(r'<svg[^>]*?width="([^"]+)"[^>]*?height="([^"]+)"', text)
    shown = f"{size[1]} x {size[2]}" if size else "(no size)"
    return f"svg {shown} sha256:{hashlib.sha256(text.encode()).hexdigest()}"


def _fingerprinted(outputs: list[Any]) -> list[Any]:
    """A copy of the outputs with every PNG replaced by its pixel fingerprint."""
    result = []
    for output in outputs:
        data = output.get("data") if hasattr(output, "get") else None
        if data and any(key.endswith((IMAGE_SUFFIX, SVG_SUFFIX)) for key in data):
            output = copy.deepcopy(output)
            for key in list(output["data"]):
                if key.endswith(IMAGE_SUFFIX):
                    output["data"][key] = png_fingerprint(output["data"][key])
                elif key.endswith(SVG_SUFFIX):
                    output["data"][key] = svg_fingerprint(output["data"][key])
        result.append(output)
    return result


if IPyNbCell is not None:
    _original_compare = IPyNbCell.compare_outputs

    def _compare_with_figures(self, test, ref, skip_compare=None):
        return _original_compare(self, _fingerprinted(test), _fingerprinted(ref), skip_compare)

    IPyNbCell.compare_outputs = _compare_with_figures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items) -> None:
    """Stop nbval from skipping PNG outputs in every collected notebook."""
    if IPyNbFile is None:
        return
    for item in items:
        parent = getattr(item, "parent", None)
        if isinstance(parent, IPyNbFile):
            parent.skip_compare = tuple(
                key for key in parent.skip_compare if key not in ("image/png",)
            )
