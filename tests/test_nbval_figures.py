"""The figure comparison that ``make notebooks`` adds to nbval (tests/nbval_figures.py)."""

from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image

from tests.nbval_figures import _fingerprinted, png_fingerprint, svg_fingerprint


def _png(pixels: np.ndarray, **save_options) -> str:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", **save_options)
    return base64.b64encode(buffer.getvalue()).decode()


def _pixels() -> np.ndarray:
    rng = np.random.default_rng(14)
    return rng.integers(0, 256, size=(30, 40, 4), dtype=np.uint8)


def test_same_pixels_same_fingerprint_whatever_the_encoding() -> None:
    pixels = _pixels()
    plain = _png(pixels)
    squeezed = _png(pixels, optimize=True, compress_level=9)
    assert plain != squeezed  # different bytes ...
    assert png_fingerprint(plain) == png_fingerprint(squeezed)  # ... same picture
    assert png_fingerprint(plain).startswith("png 40x30 rgba-sha256:")


def test_one_changed_pixel_changes_the_fingerprint() -> None:
    pixels = _pixels()
    changed = pixels.copy()
    changed[7, 11, 0] ^= 1
    assert png_fingerprint(_png(pixels)) != png_fingerprint(_png(changed))


def test_plain_and_glued_images_are_fingerprinted_text_is_not() -> None:
    image = _png(_pixels())
    outputs = [
        {"output_type": "display_data", "data": {"image/png": image, "text/plain": "<Figure>"}},
        {"output_type": "display_data", "data": {"application/papermill.record/image/png": image}},
        {"output_type": "stream", "name": "stdout", "text": "0.5\n"},
    ]
    result = _fingerprinted(outputs)
    assert result[0]["data"]["image/png"] == png_fingerprint(image)
    assert result[0]["data"]["text/plain"] == "<Figure>"
    assert result[1]["data"]["application/papermill.record/image/png"] == png_fingerprint(image)
    assert result[2] == outputs[2]
    assert outputs[0]["data"]["image/png"] == image  # the notebook's own outputs are untouched


def test_svg_fingerprint_tells_documents_apart() -> None:
    svg = '<svg width="10pt" height="5pt" viewBox="0 0 10 5"><path d="M 0 0 L 1 1"/></svg>'
    changed = svg.replace("L 1 1", "L 1 2")
    assert svg_fingerprint(svg).startswith("svg 10pt x 5pt sha256:")
    assert svg_fingerprint([svg[:20], svg[20:]]) == svg_fingerprint(svg)
    assert svg_fingerprint(svg) != svg_fingerprint(changed)
    outputs = [{"output_type": "display_data", "data": {"image/svg+xml": svg}}]
    assert _fingerprinted(outputs)[0]["data"]["image/svg+xml"] == svg_fingerprint(svg)
