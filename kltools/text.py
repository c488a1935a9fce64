r"""English text from Python and scikit-learn, made ready to measure.

The book measures real English without downloading anything: the
descriptions of scikit-learn's bundled data sets, the Zen of Python, and the
English of Python's own topic help (a snapshot of ``pydoc_data.topics``).
This module loads them, reduces a text to a stated alphabet, and encodes and
decodes a sequence of symbols with a prefix code.

Two alphabets are used:

* :data:`ALPHABET`, the 26 letters ``a``-``z``: :func:`letters` lower-cases a
  text and drops every other character (spaces, digits, punctuation).
* :data:`ALPHABET_SPACE`, the 26 letters and the space, the 27-symbol
  alphabet of Shannon's estimates of the entropy of English:
  :func:`normalize_text` lower-cases a text and turns every run of other
  characters into one space.

The scikit-learn descriptions and the Zen are exactly what the installed
packages ship, so the numbers a chapter computes from them depend on the
pinned scikit-learn. The topic help is not read from the running interpreter
(``pydoc_data.topics`` changes between Python releases) but from a fixed
snapshot that ships with kltools, ``kltools/data/pydoc_topics.json.xz``, taken
from CPython 3.11.7 (its provenance and licence, the PSF License Agreement,
are in ``kltools/data/README.md``): it is the same text on every Python version.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import lzma
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

__all__ = [
    "ALPHABET",
    "ALPHABET_SPACE",
    "sklearn_descriptions",
    "zen_of_python",
    "pydoc_topics",
    "letters",
    "normalize_text",
    "to_indices",
    "encode",
    "decode",
]

#: The 26 lower-case letters of English, in alphabetical order.
ALPHABET = "abcdefghijklmnopqrstuvwxyz"
#: The 26 letters followed by the space: Shannon's 27-symbol alphabet.
ALPHABET_SPACE = ALPHABET + " "

_NOT_A_LETTER = re.compile(r"[^a-z]+")


def sklearn_descriptions() -> str:
    """Return the descriptions of scikit-learn's six bundled data sets, as one English text.

    The ``DESCR`` strings of the breast-cancer, diabetes, digits, iris, wine and
    Linnerud data sets, in that order, joined by single spaces. They ship inside
    scikit-learn, so nothing is downloaded.

    Returns
    -------
    str
        The joined text (about 9,000 letters with the pinned scikit-learn).

    Raises
    ------
    ImportError
        If scikit-learn is not installed (kltools itself does not need it).

    Examples
    --------
    >>> from kltools.text import letters, sklearn_descriptions
    >>> text = sklearn_descriptions()
    >>> text.startswith(".. _breast_cancer_dataset:")
    True
    >>> len(letters(text)) > 5000
    True
    """
    try:
        from sklearn import datasets
    except ImportError as exc:  # pragma: no cover - scikit-learn is in requirements.txt
        raise ImportError("sklearn_descriptions needs scikit-learn") from exc
    loaders = (
        datasets.load_breast_cancer,
        datasets.load_diabetes,
        datasets.load_digits,
        datasets.load_iris,
        datasets.load_wine,
        datasets.load_linnerud,
    )
    return " ".join(load().DESCR for load in loaders)


def zen_of_python() -> str:
    """Return the Zen of Python, decoded from the standard library's ``this`` module.

    ``import this`` prints the poem the first time it is imported; this
    function imports it with the printing suppressed and decodes its text
    (stored ROT13-encoded in ``this.s``).

    Returns
    -------
    str
        The 19 aphorisms, one per line, under the title line and a blank line.

    Examples
    --------
    >>> from kltools.text import zen_of_python
    >>> zen = zen_of_python()
    >>> zen.splitlines()[0]
    'The Zen of Python, by Tim Peters'
    >>> "Beautiful is better than ugly." in zen
    True
    """
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    return codecs.decode(this.s, "rot13")


def pydoc_topics() -> dict[str, str]:
    """Return the English texts of Python's topic help, by topic name, from a fixed snapshot.

    Each entry is one document of Python's language reference as ``help()``
    shows it (``"assert"``, ``"for"``, ``"typesseq"``, ...): the dictionary
    ``topics`` of ``pydoc_data/topics.py`` in CPython 3.11.7. kltools ships it
    as ``kltools/data/pydoc_topics.json.xz`` (JSON, compressed with ``lzma``),
    so nothing is downloaded and the text does not depend on the running
    Python, whose own ``pydoc_data.topics`` changes between releases. The
    file's provenance and licence (the PSF License Agreement, which covers
    Python's documentation) are in ``kltools/data/README.md``.

    Returns
    -------
    dict of str to str
        Topic name to text, in sorted order of the names (79 topics).

    Examples
    --------
    >>> from kltools.text import pydoc_topics
    >>> topics = pydoc_topics()
    >>> len(topics)
    79
    >>> topics["assert"].splitlines()[0]
    'The "assert" statement'
    """
    packed = resources.files("kltools").joinpath("data/pydoc_topics.json.xz").read_bytes()
    topics: dict[str, str] = json.loads(lzma.decompress(packed).decode("ascii"))
    return {name: topics[name] for name in sorted(topics)}


def letters(text: str, alphabet: str = ALPHABET) -> str:
    """Keep the characters of ``text`` that are in ``alphabet``, lower-cased, in order.

    Everything else (spaces, digits, punctuation, letters outside the alphabet)
    is dropped.

    Parameters
    ----------
    text : str
        Any text.
    alphabet : str, default :data:`ALPHABET`
        The characters to keep, after lower-casing ``text``.

    Returns
    -------
    str
        The kept characters.

    Raises
    ------
    ValueError
        If ``text`` or ``alphabet`` is not a string, or ``alphabet`` is empty.

    Examples
    --------
    >>> from kltools.text import letters
    >>> letters("Hello, World! 42")
    'helloworld'
    >>> letters("Hello, World!", alphabet="lo")
    'llool'
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str; got {type(text).__name__}")
    if not isinstance(alphabet, str) or not alphabet:
        raise ValueError(f"alphabet must be a non-empty str; got {alphabet!r}")
    keep = frozenset(alphabet)
    return "".join(c for c in text.lower() if c in keep)


def normalize_text(text: str) -> str:
    r"""Reduce ``text`` to the 27-symbol alphabet :data:`ALPHABET_SPACE`.

    Lower-case the text, replace every run of characters other than ``a``-``z``
    (spaces, newlines, digits, punctuation, other letters) by one space, and
    strip the spaces at both ends. Words stay apart; what separated them is
    forgotten.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised text: letters ``a``-``z`` and single spaces between them.

    Raises
    ------
    ValueError
        If ``text`` is not a string.

    Examples
    --------
    >>> from kltools.text import normalize_text
    >>> normalize_text("  It's 2 o'clock --\nTime for Tea! ")
    'it s o clock time for tea'
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str; got {type(text).__name__}")
    return _NOT_A_LETTER.sub(" ", text.lower()).strip()


def to_indices(text: str, alphabet: str = ALPHABET_SPACE) -> np.ndarray:
    """Return the position in ``alphabet`` of each character of ``text``.

    Parameters
    ----------
    text : str
        A text whose characters all belong to ``alphabet`` (for example the
        output of :func:`normalize_text` for :data:`ALPHABET_SPACE`).
    alphabet : str, default :data:`ALPHABET_SPACE`
        Distinct characters; the first has index 0.

    Returns
    -------
    ndarray of int64
        One index per character, so ``alphabet[i]`` gives the character back.

    Raises
    ------
    ValueError
        If ``alphabet`` is empty or repeats a character, or ``text`` holds a
        character that is not in ``alphabet`` (the message names it).

    Examples
    --------
    >>> from kltools.text import to_indices
    >>> to_indices("cab a").tolist()
    [2, 0, 1, 26, 0]
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str; got {type(text).__name__}")
    if not isinstance(alphabet, str) or not alphabet:
        raise ValueError(f"alphabet must be a non-empty str; got {alphabet!r}")
    if len(set(alphabet)) != len(alphabet):
        raise ValueError(f"alphabet repeats a character: {alphabet!r}")
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    table = np.frombuffer(alphabet.encode("utf-32-le"), dtype=np.uint32)
    order = np.argsort(table)
    pos = np.searchsorted(table, codes, sorter=order)
    pos = np.minimum(pos, table.size - 1)
    idx = order[pos]
    bad = table[idx] != codes
    if bad.any():
        first = chr(int(codes[np.argmax(bad)]))
        raise ValueError(f"text holds {first!r}, which is not in alphabet {alphabet!r}")
    return idx.astype(np.int64)


def encode(symbols: Sequence[Any] | str, codebook: dict[Any, str]) -> str:
    """Concatenate the codewords of ``symbols``: the bits that encode the message.

    Parameters
    ----------
    symbols : str or sequence
        The message, one symbol after another.
    codebook : dict
        Symbol to codeword, a string of ``0`` and ``1`` (for example built from
        :func:`~kltools.coding.canonical_codewords`).

    Returns
    -------
    str
        The bits, as a string of ``0`` and ``1``.

    Raises
    ------
    ValueError
        If a symbol of the message has no codeword in ``codebook``.

    Examples
    --------
    >>> from kltools.text import decode, encode
    >>> code = {"a": "0", "b": "10", "c": "11"}
    >>> encode("abac", code)
    '010011'
    >>> decode("010011", code)
    ['a', 'b', 'a', 'c']
    """
    try:
        return "".join(codebook[s] for s in symbols)
    except KeyError as exc:
        missing = exc.args[0]
        raise ValueError(f"symbols holds {missing!r}, which has no codeword in codebook") from None


def decode(bits: str, codebook: dict[Any, str]) -> list[Any]:
    """Decode bits produced by :func:`encode` with the prefix code ``codebook``.

    Reads the bits left to right; in a prefix code no codeword starts another,
    so the first codeword that matches is the one that was sent.

    The bits alone do not say how many symbols were sent: an empty codeword
    (the length-0 code that :func:`~kltools.coding.huffman_code_lengths` gives
    a source with one possible symbol) encodes any message as ``""``, which
    decodes to ``[]``. There the decoder must be told the number of symbols.

    Parameters
    ----------
    bits : str
        A string of ``0`` and ``1``.
    codebook : dict
        Symbol to codeword; the codewords must form a prefix code.

    Returns
    -------
    list
        The decoded symbols, in order.

    Raises
    ------
    ValueError
        If the codewords do not form a prefix code, or ``bits`` does not split
        into whole codewords (bits left over at the end).

    Examples
    --------
    >>> from kltools.text import decode
    >>> decode("110100", {"x": "0", "y": "10", "z": "11"})
    ['z', 'x', 'y', 'x']
    >>> from kltools.text import encode
    >>> decode(encode("aaa", {"a": ""}), {"a": ""})  # the count of symbols is lost
    []
    """
    words = sorted(codebook.values())
    for shorter, longer in zip(words, words[1:], strict=False):
        if longer.startswith(shorter):
            raise ValueError(
                f"codebook is not a prefix code: {shorter!r} is a prefix of {longer!r}"
            )
    lookup = {word: symbol for symbol, word in codebook.items()}
    decoded: list[Any] = []
    start = 0
    for end in range(1, len(bits) + 1):
        word = bits[start:end]
        if word in lookup:
            decoded.append(lookup[word])
            start = end
    if start != len(bits):
        raise ValueError(f"bits ends with {bits[start:]!r}, which is not a whole codeword")
    return decoded
