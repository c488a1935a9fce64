"""Tests for kltools.coding: Huffman lengths, ideal and Shannon lengths, Kraft sums."""

from __future__ import annotations

import heapq
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import distributions, scaled

from kltools import (
    canonical_codewords,
    empirical_distribution,
    entropy,
    expected_code_length,
    huffman_code_lengths,
    ideal_code_lengths,
    kraft_sum,
    shannon_code_lengths,
)

# ---------------------------------------------------------------- helpers


def brute_force_optimum(p: np.ndarray) -> float:
    """Find the smallest expected length over all complete prefix codes, by enumeration.

    A set of lengths is realisable by a prefix code iff its Kraft sum is <= 1;
    for tiny alphabets we try every length vector with entries up to n - 1.
    """
    n = len(p)
    if n == 1:
        return 0.0
    best = math.inf
    for ls in itertools.product(range(1, n), repeat=n):
        if sum(2.0**-k for k in ls) <= 1.0:
            best = min(best, float(np.dot(p, ls)))
    return best


def is_prefix_free(words: list[str]) -> bool:
    return not any(a != b and b.startswith(a) for a in words for b in words) and len(
        set(words)
    ) == len(words)


def assert_source_coding_bound(h: float, big_l: float) -> None:
    """H <= L < H + 1, up to rounding.

    The strict upper bound is exact mathematics, but when one symbol has
    probability within about 1e-16 of 1, both L and H + 1 round to 1.0; the
    1e-12 slack only covers that rounding.
    """
    assert h - 1e-12 <= big_l
    assert big_l < h + 1 + 1e-12


# ------------------------------------------------------- huffman_code_lengths


def test_dyadic_distribution_gets_exact_ideal_lengths():
    p = [0.5, 0.25, 0.125, 0.0625, 0.0625]
    lengths = huffman_code_lengths(p)
    np.testing.assert_array_equal(lengths, -np.log2(p))
    assert expected_code_length(p, lengths) == pytest.approx(float(entropy(p, base=2)))


def test_textbook_example_average_is_2_2_bits():
    p = [0.4, 0.2, 0.2, 0.1, 0.1]
    lengths = huffman_code_lengths(p)
    np.testing.assert_array_equal(lengths, [2, 2, 2, 3, 3])
    assert float(expected_code_length(p, lengths)) == pytest.approx(2.2, abs=1e-12)


def test_returns_float_array_of_whole_numbers():
    lengths = huffman_code_lengths([0.3, 0.3, 0.4])
    assert lengths.dtype == np.float64
    assert lengths.shape == (3,)
    np.testing.assert_array_equal(lengths, np.round(lengths))


def test_two_symbols_get_one_bit_each_whatever_the_probabilities():
    np.testing.assert_array_equal(huffman_code_lengths([0.999, 0.001]), [1, 1])


def test_single_symbol_gets_the_empty_codeword():
    np.testing.assert_array_equal(huffman_code_lengths([1.0]), [0.0])
    np.testing.assert_array_equal(huffman_code_lengths([0.0, 1.0, 0.0]), [np.inf, 0.0, np.inf])
    assert float(kraft_sum([0.0])) == 1.0


def test_zero_probability_symbols_get_no_codeword():
    lengths = huffman_code_lengths([0.5, 0.0, 0.25, 0.25])
    np.testing.assert_array_equal(lengths, [1, np.inf, 2, 2])
    assert float(kraft_sum(lengths)) == 1.0


def test_ties_are_broken_reproducibly_by_index():
    # Four equal probabilities: a complete tree of depth 2, whatever the order.
    np.testing.assert_array_equal(huffman_code_lengths([0.25] * 4), [2, 2, 2, 2])
    # (1/3, 1/3, 1/6, 1/6): both (1, 2, 3, 3) and (2, 2, 2, 2) are optimal. The
    # merged node 1/6 + 1/6 = 1/3 is newer than the leaves, so the two leaves
    # 1/3 are merged next and every symbol gets two bits.
    p = [1 / 3, 1 / 3, 1 / 6, 1 / 6]
    np.testing.assert_array_equal(huffman_code_lengths(p), [2, 2, 2, 2])
    # Five equal probabilities: the leaves merge in index order (0+1, then 2+3),
    # then leaf 4 (older than both merged nodes) joins the pair 0+1, so symbols
    # 0 and 1 get the long codewords. Merging newest first would give them to
    # other symbols.
    np.testing.assert_array_equal(huffman_code_lengths([0.2] * 5), [3, 3, 2, 2, 2])


def test_lengths_follow_the_symbols_under_permutation():
    p = np.array([0.05, 0.4, 0.15, 0.3, 0.1])
    perm = np.array([3, 0, 4, 1, 2])
    np.testing.assert_array_equal(huffman_code_lengths(p[perm]), huffman_code_lengths(p)[perm])


def test_huffman_agrees_with_a_straightforward_reference_implementation():
    # The textbook version that carries symbol lists instead of parent pointers.
    rng = np.random.default_rng(3)
    for _ in range(50):
        p = rng.dirichlet(np.ones(rng.integers(2, 30)))
        heap = [(pi, i, [i]) for i, pi in enumerate(p)]
        heapq.heapify(heap)
        ref = np.zeros(len(p))
        counter = len(p)
        while len(heap) > 1:
            wa, _, a = heapq.heappop(heap)
            wb, _, b = heapq.heappop(heap)
            ref[a + b] += 1
            heapq.heappush(heap, (wa + wb, counter, a + b))
            counter += 1
        np.testing.assert_array_equal(huffman_code_lengths(p), ref)


@settings(max_examples=scaled(60))
@given(distributions(min_size=1, max_size=6, allow_zeros=False))
def test_huffman_is_optimal_against_brute_force(p):
    got = float(expected_code_length(p, huffman_code_lengths(p)))
    assert got == pytest.approx(brute_force_optimum(p), abs=1e-12)


@given(distributions(min_size=1, max_size=40, allow_zeros=True))
def test_source_coding_bound(p):
    """H <= L < H + 1 bits, for any distribution (zeros and a single symbol included)."""
    h = float(entropy(p, base=2))
    big_l = float(expected_code_length(p, huffman_code_lengths(p)))
    assert_source_coding_bound(h, big_l)


@given(distributions(min_size=2, max_size=40, allow_zeros=True))
def test_kraft_equality_for_huffman_codes(p):
    lengths = huffman_code_lengths(p)
    assert float(kraft_sum(lengths)) == pytest.approx(1.0, abs=1e-12)
    if np.count_nonzero(p) >= 2:
        assert lengths[p > 0].min() >= 1


@given(distributions(min_size=1, max_size=40, allow_zeros=True))
def test_huffman_never_longer_than_shannon_code(p):
    huff = float(expected_code_length(p, huffman_code_lengths(p)))
    shannon = float(expected_code_length(p, shannon_code_lengths(p)))
    assert huff <= shannon + 1e-12


@pytest.mark.parametrize(
    ("p", "match"),
    [
        ([0.5, 0.6], "p sums to 1.1"),
        ([1.5, -0.5], "p has negative entries"),
        ([0.5, np.nan], "p contains NaN"),
        ([], "p is empty"),
        (0.5, "p is a scalar"),
        ([[0.5, 0.5], [0.5, 0.5]], r"p has shape \(2, 2\); expected one probability vector"),
        (["a", "b"], "p has dtype"),
    ],
)
def test_huffman_rejects_bad_input(p, match):
    with pytest.raises(ValueError, match=match):
        huffman_code_lengths(p)


# -------------------------------------------------------- canonical_codewords


def test_canonical_codewords_of_a_huffman_code():
    p = [0.4, 0.2, 0.2, 0.1, 0.1]
    words = canonical_codewords(huffman_code_lengths(p))
    assert words == ["00", "01", "10", "110", "111"]


def test_canonical_codewords_edge_cases():
    assert canonical_codewords([0]) == [""]
    assert canonical_codewords([np.inf, 0, np.inf]) == [None, "", None]
    # Kraft sum below 1 is fine: some binary strings are simply unused.
    assert canonical_codewords([1, 3]) == ["0", "100"]


@settings(max_examples=scaled(100))
@given(distributions(min_size=1, max_size=30, allow_zeros=True))
def test_codewords_are_prefix_free_with_the_right_lengths(p):
    lengths = huffman_code_lengths(p)
    words = canonical_codewords(lengths)
    present = [w for w in words if w is not None]
    assert is_prefix_free(present)
    for w, n in zip(words, lengths, strict=True):
        assert (w is None) == np.isinf(n)
        if w is not None:
            assert len(w) == n and set(w) <= {"0", "1"}


@pytest.mark.parametrize(
    ("lengths", "match"),
    [
        ([1, 1, 1], "violates the Kraft inequality"),
        ([0, 1], "violates the Kraft inequality"),
        ([1.5, 2], "fractional entries"),
        ([-1, 1], "lengths has negative entries"),
        ([1, np.nan], "lengths contains NaN"),
        (2, "lengths is a scalar"),
        ([[1, 1]], r"lengths has shape \(1, 2\)"),
    ],
)
def test_canonical_codewords_rejects_bad_lengths(lengths, match):
    with pytest.raises(ValueError, match=match):
        canonical_codewords(lengths)


# ------------------------------------------- ideal and Shannon code lengths


def test_ideal_lengths_are_self_information_in_bits():
    q = np.array([0.5, 0.3, 0.2, 0.0])
    with np.errstate(divide="ignore"):
        expected = -np.log2(q)
    np.testing.assert_allclose(ideal_code_lengths(q), expected, rtol=1e-15)
    np.testing.assert_allclose(ideal_code_lengths(q[:3], base=None), -np.log(q[:3]), rtol=1e-15)
    np.testing.assert_allclose(
        ideal_code_lengths(q[:3], base=10), -np.log10(q[:3]), rtol=1e-14
    )


def test_ideal_lengths_give_entropy_and_cross_entropy():
    from kltools import cross_entropy

    p = np.array([0.1, 0.6, 0.3])
    q = np.array([0.3, 0.3, 0.4])
    np.testing.assert_allclose(
        expected_code_length(p, ideal_code_lengths(p)), entropy(p, base=2), rtol=1e-14
    )
    np.testing.assert_allclose(
        expected_code_length(p, ideal_code_lengths(q)), cross_entropy(p, q, base=2), rtol=1e-14
    )


def test_ideal_lengths_keep_float32_and_batch_shape():
    q = np.array([[0.5, 0.5], [0.25, 0.75]], dtype=np.float32)
    out = ideal_code_lengths(q)
    assert out.dtype == np.float32 and out.shape == (2, 2)
    np.testing.assert_allclose(out[1], [2.0, -np.log2(0.75)], rtol=1e-6)


def test_shannon_code_lengths_known_values():
    np.testing.assert_array_equal(shannon_code_lengths([0.5, 0.25, 0.25]), [1, 2, 2])
    np.testing.assert_array_equal(shannon_code_lengths([0.4, 0.6]), [2, 1])
    np.testing.assert_array_equal(shannon_code_lengths([1.0, 0.0]), [0, np.inf])
    out = shannon_code_lengths([[0.5, 0.5], [0.1, 0.9]])
    np.testing.assert_array_equal(out, [[1, 1], [4, 1]])


def test_shannon_code_lengths_keep_kraft_when_q_sums_to_1_only_within_rounding():
    # 1.0 + 1e-30 rounds to 1.0, but ceil(-log2 1.0) = 0 next to a second
    # codeword would break the Kraft inequality; exact arithmetic gives 1 bit.
    q = [1.0, 1e-30]
    np.testing.assert_array_equal(shannon_code_lengths(q), [1, 100])
    # Just below 1 in total: the lengths follow q / sum(q), which is above 2**-l.
    q = [0.5, 0.5 - 1e-12]
    np.testing.assert_array_equal(shannon_code_lengths(q), [1, 2])
    assert float(kraft_sum(shannon_code_lengths(q))) <= 1.0


@given(distributions(min_size=1, max_size=40, allow_zeros=True))
def test_shannon_code_satisfies_kraft_and_the_bound(p):
    lengths = shannon_code_lengths(p)
    assert float(kraft_sum(lengths)) <= 1.0 + 1e-12
    h = float(entropy(p, base=2))
    big_l = float(expected_code_length(p, lengths))
    assert_source_coding_bound(h, big_l)
    words = canonical_codewords(lengths)  # realisable as a prefix code with these lengths
    for word, length in zip(words, lengths, strict=True):
        assert (word is None) if np.isinf(length) else len(word) == length
    assert is_prefix_free([w for w in words if w is not None])


@pytest.mark.parametrize("func", [ideal_code_lengths, shannon_code_lengths])
def test_ideal_and_shannon_reject_non_distributions(func):
    with pytest.raises(ValueError, match="q sums to 0.9"):
        func([0.5, 0.4])
    with pytest.raises(ValueError, match="q has negative entries"):
        func([1.2, -0.2])


def test_ideal_lengths_reject_bad_base():
    with pytest.raises(ValueError, match="base must be"):
        ideal_code_lengths([0.5, 0.5], base=1)


# ------------------------------------------------------- expected_code_length


def test_expected_length_conventions():
    # p = 0 cancels any length, even inf; p > 0 with no codeword is inf.
    assert float(expected_code_length([1.0, 0.0], [3, np.inf])) == 3.0
    assert float(expected_code_length([0.5, 0.5], [1, np.inf])) == np.inf
    out = expected_code_length([[0.5, 0.5], [1.0, 0.0]], [1, 2])
    np.testing.assert_allclose(out, [1.5, 1.0])
    assert out.shape == (2,)


def test_expected_length_of_a_wrong_code_exceeds_the_right_one():
    # A Huffman code built for q costs more on data from p than p's own code.
    p = np.array([0.7, 0.1, 0.1, 0.1])
    q = np.array([0.1, 0.1, 0.1, 0.7])
    own = float(expected_code_length(p, huffman_code_lengths(p)))
    wrong = float(expected_code_length(p, huffman_code_lengths(q)))
    assert own == pytest.approx(1.5)
    assert wrong == pytest.approx(2.7)


@pytest.mark.parametrize(
    ("p", "lengths", "match"),
    [
        ([0.5, 0.5], [1, -1], "lengths has negative entries"),
        ([0.5, 0.5], [1, np.nan], "lengths contains NaN"),
        ([0.5, 0.5], [1, 2, 3], r"p has shape \(2,\) and lengths has shape \(3,\)"),
        ([0.5, 0.6], [1, 1], "p sums to 1.1"),
        ([0.5, 0.5], 1, "lengths is a scalar"),
    ],
)
def test_expected_length_rejects_bad_input(p, lengths, match):
    with pytest.raises(ValueError, match=match):
        expected_code_length(p, lengths)


# ------------------------------------------------------------------ kraft_sum


def test_kraft_sum_values():
    assert float(kraft_sum([1, 2, 3, 3])) == 1.0
    assert float(kraft_sum([1, 1, 2])) == 1.25
    assert float(kraft_sum([1, np.inf])) == 0.5
    assert float(kraft_sum([1, 1, 1], base=3)) == pytest.approx(1.0)
    np.testing.assert_allclose(kraft_sum([[1, 1], [1, 2]]), [1.0, 0.75])
    # Extremely long codewords underflow to 0 quietly, not with a warning.
    assert float(kraft_sum([1, 1, 5000])) == 1.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"base": 0.5}, "base must be the size of the code alphabet"),
        ({"base": None}, "base must be the size of the code alphabet"),
        ({"base": 1}, "base must be"),
        ({"base": "two"}, "base must be"),
    ],
)
def test_kraft_sum_rejects_bad_base(kwargs, match):
    with pytest.raises(ValueError, match=match):
        kraft_sum([1, 1], **kwargs)


def test_kraft_sum_rejects_negative_lengths():
    with pytest.raises(ValueError, match="lengths has negative entries"):
        kraft_sum([1, -2])


# ----------------------------------------------------- empirical_distribution


def test_empirical_distribution_of_a_string():
    alphabet, probs = empirical_distribution("mississippi")
    assert alphabet.tolist() == ["i", "m", "p", "s"]
    np.testing.assert_allclose(probs, np.array([4, 1, 2, 4]) / 11)
    assert probs.dtype == np.float64


def test_empirical_distribution_of_lists_and_arrays():
    alphabet, probs = empirical_distribution([3, 1, 3, 3])
    assert alphabet.tolist() == [1, 3]
    np.testing.assert_allclose(probs, [0.25, 0.75])
    alphabet, probs = empirical_distribution(np.array(["b", "a", "b"]))
    assert alphabet.tolist() == ["a", "b"]
    np.testing.assert_allclose(probs, [1 / 3, 2 / 3])
    alphabet, probs = empirical_distribution(("the", "cat", "the"))
    assert alphabet.tolist() == ["cat", "the"]


@settings(max_examples=scaled(100))
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=200))
def test_empirical_distribution_matches_counting(xs):
    alphabet, probs = empirical_distribution(xs)
    assert alphabet.tolist() == sorted(set(xs))
    np.testing.assert_allclose(probs, [xs.count(a) / len(xs) for a in alphabet.tolist()])
    assert abs(probs.sum() - 1.0) < 1e-12 and (probs > 0).all()
    huffman_code_lengths(probs)  # always a valid distribution for the other functions


@pytest.mark.parametrize(
    ("symbols", "match"),
    [
        ("", "symbols is empty"),
        ([], "symbols is empty"),
        ([[1, 2], [3, 4]], r"symbols has shape \(2, 2\); expected a 1-D"),
        (7, r"symbols has shape \(\); expected a 1-D"),
        ([1.0, np.nan], "symbols contains NaN"),
        (np.array([1, "a"], dtype=object), "symbols cannot be sorted"),
        ([[1], [2, 3]], "symbols could not be read"),
    ],
)
def test_empirical_distribution_rejects_bad_input(symbols, match):
    with pytest.raises(ValueError, match=match):
        empirical_distribution(symbols)


# ---------------------------------------------------------------- axis


def test_batched_functions_take_an_axis_like_the_information_measures():
    rng = np.random.default_rng(5)
    q = rng.dirichlet(np.ones(6), size=4)  # four distributions, one per row
    q[1, 2] = 0.0
    q[1] /= q[1].sum()
    lengths = shannon_code_lengths(q)
    for func, args in [
        (ideal_code_lengths, (q,)),
        (shannon_code_lengths, (q,)),
        (expected_code_length, (q, lengths)),
        (kraft_sum, (lengths,)),
    ]:
        rows = func(*args)
        cols = func(*(a.T for a in args), axis=0)
        np.testing.assert_array_equal(np.asarray(cols).T, rows)
    # ideal lengths are the self-information, in bits, with no -0.0
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(ideal_code_lengths(q), -np.log2(q), rtol=1e-15)
    assert not np.signbit(ideal_code_lengths([1.0, 0.0])[0])


@pytest.mark.parametrize("func", [ideal_code_lengths, shannon_code_lengths, kraft_sum])
def test_batched_functions_reject_an_axis_out_of_range(func):
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        func([[0.5, 0.5]], axis=2)
