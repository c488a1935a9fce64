"""kltools.text: the bundled English texts, alphabets, and prefix-code encoding."""

from __future__ import annotations

import hashlib
import json
import string
import sys
from importlib import resources

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kltools as kt
from kltools import text


def test_alphabets():
    assert text.ALPHABET == string.ascii_lowercase
    assert text.ALPHABET_SPACE == string.ascii_lowercase + " "


def test_sklearn_descriptions_are_the_six_descr_strings():
    from sklearn.datasets import load_iris, load_linnerud

    english = text.sklearn_descriptions()
    assert english.startswith(".. _breast_cancer_dataset:")
    assert english.endswith(load_linnerud().DESCR)
    assert load_iris().DESCR in english
    # every letter of the alphabet occurs in it (chapters 3-5 rely on this)
    assert set(text.letters(english)) == set(text.ALPHABET)


def test_zen_of_python_is_decoded_and_silent(capsys):
    zen = text.zen_of_python()
    assert zen.splitlines()[0] == "The Zen of Python, by Tim Peters"
    assert "Namespaces are one honking great idea" in zen
    assert len(zen.splitlines()) == 21  # title, blank line, 19 aphorisms
    assert capsys.readouterr().out == ""


def test_pydoc_topics_are_sorted_english_documents():
    topics = text.pydoc_topics()
    names = list(topics)
    assert names == sorted(names)
    assert len(topics) == 79  # CPython 3.11.7's topics
    assert all(isinstance(v, str) and v for v in topics.values())
    assert topics["for"].startswith('The "for" statement')


# SHA-256 of the snapshot's JSON (kltools/data/README.md): the text itself, not its file.
PYDOC_TOPICS_SHA256 = "c0a5315f3867c0f7c5f1d5d3200a72f7963b4e0d5d3ccfd90adf22ce89d4fd8a"


def _digest(topics):
    payload = json.dumps(topics, sort_keys=True, ensure_ascii=True, indent=0)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def test_pydoc_topics_is_the_fixed_snapshot_on_every_python():
    assert _digest(text.pydoc_topics()) == PYDOC_TOPICS_SHA256


def test_pydoc_topics_does_not_read_the_running_interpreter(monkeypatch):
    import pydoc_data.topics

    monkeypatch.setattr(pydoc_data.topics, "topics", {"for": "something else"})
    assert _digest(text.pydoc_topics()) == PYDOC_TOPICS_SHA256


@pytest.mark.skipif(
    sys.version_info[:3] != (3, 11, 7), reason="the snapshot is CPython 3.11.7's text"
)
def test_pydoc_topics_equals_cpython_3_11_7():
    from pydoc_data.topics import topics

    assert text.pydoc_topics() == topics


def test_pydoc_topics_data_ships_with_its_provenance():
    data = resources.files("kltools").joinpath("data")
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    assert "CPython 3.11.7" in readme and PYDOC_TOPICS_SHA256 in readme
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in readme
    assert data.joinpath("pydoc_topics.json.xz").read_bytes()[:6] == b"\xfd7zXZ\x00"


def test_letters_by_hand():
    assert text.letters("Hello, World! 42") == "helloworld"
    assert text.letters("ÀB c\nD") == "bcd"  # only a-z survive lower-casing
    assert text.letters("abcabc", alphabet="cb") == "bcbc"
    assert text.letters("") == ""


def test_normalize_text_by_hand():
    assert text.normalize_text("  It's 2 o'clock --\nTime for Tea! ") == "it s o clock time for tea"
    assert text.normalize_text("ÉtÉ") == "t"
    assert text.normalize_text("123 !!") == ""


@given(st.text(max_size=200))
def test_normalize_text_properties(s):
    out = text.normalize_text(s)
    assert set(out) <= set(text.ALPHABET_SPACE)
    assert "  " not in out and out == out.strip()
    # the letters are kept, in order
    assert out.replace(" ", "") == text.letters(s)


def test_to_indices_by_hand_and_round_trip():
    idx = text.to_indices("cab a")
    assert idx.dtype == np.int64
    assert idx.tolist() == [2, 0, 1, 26, 0]
    assert text.to_indices("ba", alphabet="ab").tolist() == [1, 0]
    assert text.to_indices("").tolist() == []
    s = text.normalize_text(text.zen_of_python())
    back = "".join(text.ALPHABET_SPACE[i] for i in text.to_indices(s))
    assert back == s


def test_encode_decode_round_trip_with_a_huffman_code():
    english = text.letters(text.sklearn_descriptions())
    alphabet, p = kt.empirical_distribution(english)
    code = dict(zip(alphabet, kt.canonical_codewords(kt.huffman_code_lengths(p)), strict=True))
    bits = text.encode(english, code)
    assert set(bits) == {"0", "1"}
    np.testing.assert_allclose(
        len(bits) / len(english), kt.expected_code_length(p, kt.huffman_code_lengths(p)), rtol=1e-12
    )
    assert "".join(text.decode(bits, code)) == english


def test_encode_decode_by_hand():
    code = {"a": "0", "b": "10", "c": "11"}
    assert text.encode("abac", code) == "010011"
    assert text.encode(["a", "c"], code) == "011"
    assert text.decode("010011", code) == ["a", "b", "a", "c"]
    assert text.decode("", code) == []
    assert text.decode("11", {1: "0", 2: "11"}) == [2]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: text.letters(b"abc"), "text must be a str"),
        (lambda: text.letters("abc", alphabet=""), "alphabet must be a non-empty str"),
        (lambda: text.normalize_text(None), "text must be a str"),
        (lambda: text.to_indices(["a"]), "text must be a str"),
        (lambda: text.to_indices("a", alphabet=""), "alphabet must be a non-empty str"),
        (lambda: text.to_indices("a", alphabet="aba"), "alphabet repeats a character"),
        (lambda: text.to_indices("ab!", alphabet="ab"), "text holds '!', which is not in"),
        (lambda: text.to_indices("zz", alphabet="ab"), r"text holds 'z'"),
        (lambda: text.encode("abd", {"a": "0", "b": "1"}), "'d', which has no codeword"),
        (lambda: text.decode("0", {"a": "0", "b": "01"}), "'0' is a prefix of '01'"),
        (lambda: text.decode("0", {"a": "1", "b": "1"}), "not a prefix code"),
        (lambda: text.decode("01", {"a": "0", "b": "10"}), "ends with '1'"),
    ],
)
def test_bad_input_raises(call, match):
    with pytest.raises(ValueError, match=match):
        call()
