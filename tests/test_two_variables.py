"""Tests of the two-variable measures: joint and conditional entropy, mutual
information, pointwise MI and the Jensen-Shannon divergence.

Hand-checked values (Cover & Thomas, Example 2.2.1), hypothesis properties,
cross-checks against SciPy and scikit-learn, accuracy against mpmath, bad input.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.spatial.distance
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st
from sklearn.metrics import mutual_info_score
from strategies import distribution_pairs, distributions

import kltools as kt

LN2 = math.log(2)

# Cover & Thomas (2006), Example 2.2.1: rows are y = 1..4, columns x = 1..4.
CT_YX = [
    [Fraction(1, 8), Fraction(1, 16), Fraction(1, 32), Fraction(1, 32)],
    [Fraction(1, 16), Fraction(1, 8), Fraction(1, 32), Fraction(1, 32)],
    [Fraction(1, 16), Fraction(1, 16), Fraction(1, 16), Fraction(1, 16)],
    [Fraction(1, 4), Fraction(0), Fraction(0), Fraction(0)],
]
# kltools' convention: pxy[x, y], rows are X.
CT_PXY = np.array(CT_YX, dtype=np.float64).T


@st.composite
def tables(draw, max_side: int = 6, allow_zeros: bool = True):
    """A joint table with 1 to ``max_side`` rows and columns."""
    rows = draw(st.integers(1, max_side))
    cols = draw(st.integers(1, max_side))
    flat = draw(distributions(size=rows * cols, allow_zeros=allow_zeros))
    return flat.reshape(rows, cols)


def _h(p) -> float:
    """Entropy in nats of a flat array, for reference values."""
    return float(scipy.stats.entropy(np.ravel(p)))


# --- Cover & Thomas Example 2.2.1, exactly ----------------------------------


def test_cover_thomas_example_2_2_1():
    px, py = CT_PXY.sum(axis=1), CT_PXY.sum(axis=0)
    assert kt.entropy(px, base=2) == pytest.approx(7 / 4, abs=1e-15)
    assert kt.entropy(py, base=2) == pytest.approx(2, abs=1e-15)
    assert kt.conditional_entropy(CT_PXY, given=1, base=2) == pytest.approx(11 / 8, abs=1e-15)
    assert kt.conditional_entropy(CT_PXY, given=0, base=2) == pytest.approx(13 / 8, abs=1e-15)
    assert kt.joint_entropy(CT_PXY, base=2) == pytest.approx(27 / 8, abs=1e-15)
    assert kt.mutual_information(CT_PXY, base=2) == pytest.approx(3 / 8, abs=1e-15)


def test_cover_thomas_values_by_exact_arithmetic():
    # The same values from the table with exact fractions: every probability is
    # a power of 2, so each -p log2 p is a rational number.
    def h_bits(probs):
        total = Fraction(0)
        for p in probs:
            if p:
                k = p.denominator.bit_length() - 1  # p = 2^-k
                assert Fraction(1, 2**k) == p
                total += p * k
        return total

    cells = [p for row in CT_YX for p in row]
    px = [sum(row[i] for row in CT_YX) for i in range(4)]
    py = [sum(row) for row in CT_YX]
    hxy, hx, hy = h_bits(cells), h_bits(px), h_bits(py)
    assert (hx, hy, hxy) == (Fraction(7, 4), Fraction(2), Fraction(27, 8))
    assert hxy - hy == Fraction(11, 8) and hxy - hx == Fraction(13, 8)
    assert hx + hy - hxy == Fraction(3, 8)
    assert float(hxy) == kt.joint_entropy(CT_PXY, base=2)


# --- other values by hand and edges ------------------------------------------


def test_identical_and_independent_variables():
    # Y = X on 4 equally likely values: I = H(X) = 2 bits, H(Y | X) = 0.
    eye = np.eye(4) / 4
    assert kt.mutual_information(eye, base=2) == pytest.approx(2.0, rel=1e-15)
    assert kt.conditional_entropy(eye, base=2) == 0.0
    # An outer product of dyadic marginals: the products are exact, I is exactly 0.
    ind = np.outer([0.5, 0.25, 0.25], [0.125, 0.875])
    assert kt.mutual_information(ind) == 0.0
    np.testing.assert_array_equal(kt.pointwise_mutual_information(ind), np.zeros((3, 2)))


def test_outer_product_table_is_zero_up_to_rounding_never_negative():
    rng = np.random.default_rng(7)
    for _ in range(200):
        a = rng.dirichlet(np.ones(rng.integers(2, 30)))
        b = rng.dirichlet(np.ones(rng.integers(2, 30)))
        mi = kt.mutual_information(np.outer(a, b))
        # The products' rounding enters at second order: of order eps^2, not eps.
        assert 0.0 <= mi <= 1e-29
        assert not np.signbit(mi)
        # A table summing to 1 only within the tolerance is the same distribution.
        scaled = kt.mutual_information(np.outer(a, b) * (1 + rng.uniform(-9e-10, 9e-10)))
        assert 0.0 <= scaled <= 1e-29  # not (s - 1)^2 / 2, up to 4e-19


def test_single_row_or_column_has_no_information():
    assert kt.mutual_information([[0.2, 0.3, 0.5]]) == 0.0
    assert kt.mutual_information([[0.2], [0.3], [0.5]]) == 0.0
    assert kt.conditional_entropy([[0.5, 0.5]], given=1) == 0.0


def test_zero_rows_and_cells():
    pxy = np.array([[0.25, 0.25, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.5]])
    # X takes 2 values (1/2 each), Y is a function of X's second value only.
    assert kt.mutual_information(pxy, base=2) == pytest.approx(1.0, rel=1e-15)
    assert kt.conditional_entropy(pxy, given=0, base=2) == pytest.approx(0.5, rel=1e-15)
    assert kt.conditional_entropy(pxy, given=1, base=2) == 0.0
    pmi = kt.pointwise_mutual_information(pxy, base=2)
    assert pmi[0, 0] == pytest.approx(1.0, rel=1e-15)
    assert pmi[0, 2] == -np.inf  # p(x, y) = 0 < p(x) p(y)
    assert np.isnan(pmi[1]).all()  # p(x) = 0: PMI undefined, documented as NaN


def test_mutual_information_when_products_underflow():
    # p(x) = p(y) = 1e-170 for the first values; their product underflows to 0.
    tiny = 1e-170
    pxy = np.array([[tiny, 0.0], [0.0, 1.0]])
    exact = -tiny * math.log(tiny) + tiny  # H(X) = H_b(tiny), to this precision
    assert kt.mutual_information(pxy) == pytest.approx(exact, rel=1e-13)
    pmi = kt.pointwise_mutual_information(pxy)
    assert pmi[0, 0] == pytest.approx(-math.log(tiny), rel=1e-15)
    # A pair that never occurs, whose marginals' product underflows: -inf, not NaN.
    pxy3 = np.array([[tiny, 0.0, 0.0], [0.0, tiny, 0.0], [0.0, 0.0, 1.0]])
    pmi3 = kt.pointwise_mutual_information(pxy3)
    assert pmi3[0, 1] == -np.inf and pmi3[1, 0] == -np.inf
    assert pmi3[0, 0] == pytest.approx(-math.log(tiny), rel=1e-15)


def test_joint_entropy_of_any_number_of_dimensions():
    rng = np.random.default_rng(3)
    p3 = rng.dirichlet(np.ones(24)).reshape(2, 3, 4)
    assert kt.joint_entropy(p3) == pytest.approx(_h(p3), rel=1e-14)
    assert kt.joint_entropy([0.5, 0.5], base=2) == 1.0


def test_table_summing_to_one_within_tolerance_is_normalised():
    rng = np.random.default_rng(11)
    p = rng.dirichlet(np.ones(12)).reshape(3, 4)
    off = p * (1 + 5e-10)
    assert kt.mutual_information(off) == pytest.approx(kt.mutual_information(p), rel=1e-12)


def test_non_contiguous_input_and_symmetry():
    rng = np.random.default_rng(5)
    p = rng.dirichlet(np.ones(30)).reshape(5, 6)
    assert kt.mutual_information(p.T) == pytest.approx(kt.mutual_information(p), rel=1e-14)
    assert kt.conditional_entropy(p.T, given=0) == pytest.approx(
        kt.conditional_entropy(p, given=1), rel=1e-14
    )


def test_js_known_values():
    assert kt.js_divergence([1.0, 0.0], [0.0, 1.0], base=2) == 1.0
    assert kt.js_divergence([1.0, 0.0], [0.0, 1.0]) == pytest.approx(LN2, rel=1e-15)
    assert kt.js_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0
    # 1/2 D(P||M) + 1/2 D(Q||M) by hand for P = (1/2, 1/2), Q = (1/4, 3/4), M = (3/8, 5/8)
    by_hand = 0.5 * (0.5 * math.log(0.5 / 0.375) + 0.5 * math.log(0.5 / 0.625)) + 0.5 * (
        0.25 * math.log(0.25 / 0.375) + 0.75 * math.log(0.75 / 0.625)
    )
    assert kt.js_divergence([0.5, 0.5], [0.25, 0.75]) == pytest.approx(by_hand, rel=1e-14)


def test_js_disjoint_supports_is_exactly_one_bit():
    assert kt.js_divergence([0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5], base=2) == 1.0
    assert kt.js_divergence([0.25, 0, 0.75, 0], [0, 0.5, 0, 0.5], base=2) == 1.0


def test_js_where_the_average_underflows():
    # m = (5e-324 + 0) / 2 rounds to 0; the term is p log 2 - p / 2, about 1e-324.
    tiny = np.nextafter(0.0, 1.0)
    js = kt.js_divergence([tiny, 1.0], [0.0, 1.0])
    assert 0.0 <= js <= tiny and np.isfinite(js)


def test_js_batches_along_axis():
    rng = np.random.default_rng(9)
    p = rng.dirichlet(np.ones(5), size=7)
    q = rng.dirichlet(np.ones(5), size=7)
    batch = kt.js_divergence(p, q)
    assert batch.shape == (7,)
    for i in range(7):
        assert batch[i] == pytest.approx(kt.js_divergence(p[i], q[i]), rel=1e-15)
    np.testing.assert_allclose(kt.js_divergence(p.T, q.T, axis=0), batch, rtol=1e-15)


# --- properties --------------------------------------------------------------


@given(tables())
def test_chain_rule(pxy):
    hx = kt.entropy(pxy.sum(axis=1))
    hy = kt.entropy(pxy.sum(axis=0))
    hxy = kt.joint_entropy(pxy)
    assert hxy == pytest.approx(hx + kt.conditional_entropy(pxy, given=0), rel=1e-12, abs=1e-14)
    assert hxy == pytest.approx(hy + kt.conditional_entropy(pxy, given=1), rel=1e-12, abs=1e-14)


@given(tables())
def test_mutual_information_three_ways_and_bounds(pxy):
    px, py = pxy.sum(axis=1), pxy.sum(axis=0)
    hx, hy = kt.entropy(px), kt.entropy(py)
    mi = kt.mutual_information(pxy)
    assert mi >= 0.0 and not np.signbit(mi)
    assert mi == pytest.approx(hx + hy - kt.joint_entropy(pxy), abs=1e-13)
    kl = kt.kl_divergence(pxy.ravel(), np.outer(px, py).ravel() / np.outer(px, py).sum())
    assert mi == pytest.approx(kl, rel=1e-10, abs=1e-14)
    assert mi <= min(hx, hy) + 1e-13
    assert mi == pytest.approx(hx - kt.conditional_entropy(pxy, given=1), abs=1e-13)


@given(tables())
def test_expected_pmi_is_mutual_information(pxy):
    pmi = kt.pointwise_mutual_information(pxy)
    occurs = pxy > 0
    assert np.all(np.isfinite(pmi[occurs]))
    expected = float(np.sum(pxy[occurs] * pmi[occurs]))
    assert expected == pytest.approx(kt.mutual_information(pxy), rel=1e-10, abs=1e-14)


@given(distribution_pairs(allow_zeros=True))
def test_js_symmetric_and_bounded(pq):
    p, q = pq
    js = kt.js_divergence(p, q)
    assert js == kt.js_divergence(q, p)
    assert 0.0 <= js <= LN2 * (1 + 4e-16)
    assert not np.signbit(js)
    assert kt.js_divergence(p, q, base=2) <= 1.0 + 1e-15


@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(*(distributions(size=n, allow_zeros=True) for _ in range(3)))
    )
)
def test_sqrt_js_obeys_the_triangle_inequality(pqr):
    p, q, r = pqr
    d = lambda a, b: math.sqrt(kt.js_divergence(a, b))  # noqa: E731
    assert d(p, r) <= d(p, q) + d(q, r) + 1e-12


@given(distribution_pairs(allow_zeros=True))
def test_js_is_mutual_information_with_the_coin(pq):
    # A fair coin C picks P (c = 0) or Q (c = 1); X is drawn from it. JS = I(C; X).
    p, q = pq
    joint = np.stack([p, q]) / 2
    assert kt.js_divergence(p, q) == pytest.approx(
        kt.mutual_information(joint), rel=1e-12, abs=1e-15
    )


# --- cross-checks against SciPy and scikit-learn -----------------------------


@given(distribution_pairs(allow_zeros=True))
def test_js_against_scipy(pq):
    p, q = pq
    # SciPy forms m = (p + q) / 2, which rounds a subnormal entry such as 5e-324 to 0
    # and then reports inf; kltools does not. Compare away from the subnormal range.
    assume(np.all((p == 0) | (p > 1e-300)) and np.all((q == 0) | (q > 1e-300)))
    for base in (None, 2):
        ref = scipy.spatial.distance.jensenshannon(p, q, base=base) ** 2
        assert kt.js_divergence(p, q, base=base) == pytest.approx(ref, rel=1e-9, abs=1e-14)


def test_mutual_information_against_sklearn():
    rng = np.random.default_rng(2014)
    for _ in range(50):
        nx, ny = rng.integers(2, 8, size=2)
        x = rng.integers(0, nx, size=500)
        y = (x + rng.integers(0, ny, size=500) * rng.integers(0, 2, size=500)) % ny
        counts = np.zeros((nx, ny))
        np.add.at(counts, (x, y), 1)
        pxy = counts / counts.sum()
        assert kt.mutual_information(pxy) == pytest.approx(
            mutual_info_score(x, y), rel=1e-12, abs=1e-15
        )


@given(tables())
def test_entropies_against_scipy(pxy):
    assert kt.joint_entropy(pxy) == pytest.approx(_h(pxy), rel=1e-12, abs=1e-15)
    px = pxy.sum(axis=1)
    by_rows = sum(
        px[i] * scipy.stats.entropy(pxy[i] / px[i]) for i in range(len(px)) if px[i] > 0
    )
    assert kt.conditional_entropy(pxy, given=0) == pytest.approx(by_rows, rel=1e-12, abs=1e-15)


# --- accuracy against mpmath -------------------------------------------------


def _mp_reference(pxy: np.ndarray) -> dict[str, float]:
    """H(X, Y), H(Y | X) and I(X; Y) of the normalised table, with 50 digits."""
    with mpmath.workdps(50):
        cells = [[mpmath.mpf(float(v)) for v in row] for row in pxy]
        total = mpmath.fsum(v for row in cells for v in row)
        cells = [[v / total for v in row] for row in cells]
        px = [mpmath.fsum(row) for row in cells]
        py = [mpmath.fsum(row[j] for row in cells) for j in range(len(cells[0]))]
        hxy = -mpmath.fsum(v * mpmath.log(v) for row in cells for v in row if v > 0)
        hyx = -mpmath.fsum(
            v * mpmath.log(v / px[i]) for i, row in enumerate(cells) for v in row if v > 0
        )
        mi = mpmath.fsum(
            v * mpmath.log(v / (px[i] * py[j]))
            for i, row in enumerate(cells)
            for j, v in enumerate(row)
            if v > 0
        )
        return {"hxy": float(hxy), "hyx": float(hyx), "mi": float(mi)}


def _mp_js(p: np.ndarray, q: np.ndarray) -> float:
    with mpmath.workdps(50):
        total = mpmath.mpf(0)
        for a, b in zip(p, q, strict=True):
            a, b = mpmath.mpf(float(a)), mpmath.mpf(float(b))
            m = (a + b) / 2
            if a > 0:
                total += a * mpmath.log(a / m) / 2
            if b > 0:
                total += b * mpmath.log(b / m) / 2
        return float(total)


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b else abs(a)


def test_relative_accuracy_on_random_tables_vs_mpmath():
    rng = np.random.default_rng(1991)
    worst = {"hxy": 0.0, "hyx": 0.0, "mi": 0.0, "js": 0.0}
    for k in range(300):
        shape = tuple(rng.integers(2, 7, size=2))
        alpha = (0.1, 1.0, 10.0)[k % 3]  # sparse, flat and near-uniform tables
        pxy = rng.dirichlet(np.full(shape[0] * shape[1], alpha)).reshape(shape)
        ref = _mp_reference(pxy)
        got = {
            "hxy": kt.joint_entropy(pxy),
            "hyx": kt.conditional_entropy(pxy, given=0),
            "mi": kt.mutual_information(pxy),
        }
        for key in got:
            worst[key] = max(worst[key], _rel(float(got[key]), ref[key]))
        p, q = rng.dirichlet(np.full(shape[0], alpha), size=2)
        worst["js"] = max(worst["js"], _rel(float(kt.js_divergence(p, q)), _mp_js(p, q)))
    assert max(worst.values()) <= 1e-13, worst


def _nearly_independent(rng: np.random.Generator, rows: int, cols: int, eps: float):
    """p(x, y) = a(x) b(y) (1 + eps u(x, y)), u centred so the marginals stay a and b."""
    a = rng.dirichlet(np.ones(rows))
    b = rng.dirichlet(np.ones(cols))
    v = rng.uniform(-1.0, 1.0, size=(rows, cols))
    u = v - (v @ b)[:, None] - (a @ v)[None, :] + a @ v @ b
    u /= np.abs(u).max()
    return np.outer(a, b) * (1.0 + eps * u)


def test_nearly_independent_tables_vs_mpmath():
    rng = np.random.default_rng(2003)
    worst_kl, worst_diff = 0.0, 0.0
    for _ in range(100):
        rows, cols = rng.integers(2, 12, size=2)
        pxy = _nearly_independent(rng, rows, cols, 1e-6)
        q = np.outer(pxy.sum(axis=1), pxy.sum(axis=0))
        assert np.all(np.abs(pxy / q - 1) <= 1.1e-6)  # within a relative 1e-6 of the products
        ref = _mp_reference(pxy)["mi"]
        assert 0 < ref < 1e-12
        worst_kl = max(worst_kl, _rel(float(kt.mutual_information(pxy)), ref))
        diff = (
            kt.entropy(pxy.sum(axis=1)) + kt.entropy(pxy.sum(axis=0)) - kt.joint_entropy(pxy)
        )
        worst_diff = max(worst_diff, _rel(float(diff), ref))
    assert worst_kl <= 1e-9, worst_kl
    # The entropy difference has no correct digit left on these tables.
    assert worst_diff > 1e-1, worst_diff


def test_conditional_entropy_near_zero_keeps_relative_precision():
    # Y is almost a function of X: H(Y | X) is tiny, H(X, Y) - H(X) would cancel.
    t = 1e-9
    pxy = np.array([[0.5 - t, t], [t, 0.5 - t]])
    ref = _mp_reference(pxy)["hyx"]
    assert _rel(float(kt.conditional_entropy(pxy)), ref) <= 1e-13


# --- bad input ---------------------------------------------------------------

TWO_D = (
    kt.conditional_entropy,
    kt.mutual_information,
    kt.pointwise_mutual_information,
)


@pytest.mark.parametrize("func", TWO_D)
def test_not_a_2d_table(func):
    with pytest.raises(ValueError, match="pxy must be a 2-D table"):
        func([0.5, 0.5])
    with pytest.raises(ValueError, match="pxy must be a 2-D table"):
        func(np.full((2, 2, 2), 0.125))


@pytest.mark.parametrize("func", (kt.joint_entropy, *TWO_D))
def test_bad_entries(func):
    with pytest.raises(ValueError, match="pxy has negative entries"):
        func([[0.75, -0.25], [0.25, 0.25]])
    with pytest.raises(ValueError, match="pxy sums to 0.9 over the whole table"):
        func([[0.4, 0.2], [0.2, 0.1]])
    with pytest.raises(ValueError, match="pxy contains NaN"):
        func([[np.nan, 0.5], [0.25, 0.25]])
    with pytest.raises(ValueError, match="pxy contains inf"):
        func([[np.inf, 0.5], [0.25, 0.25]])
    with pytest.raises(ValueError, match="pxy is empty"):
        func(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="base must be"):
        func([[0.5, 0.0], [0.0, 0.5]], base=1)


def test_joint_entropy_rejects_a_scalar():
    with pytest.raises(ValueError, match="pxy is a scalar"):
        kt.joint_entropy(1.0)


@pytest.mark.parametrize("bad", [2, -1, True, 0.0, "0", None])
def test_given_must_be_0_or_1(bad):
    with pytest.raises(ValueError, match="given must be 0"):
        kt.conditional_entropy([[0.5, 0.0], [0.0, 0.5]], given=bad)


def test_js_bad_input():
    with pytest.raises(ValueError, match="p has negative entries"):
        kt.js_divergence([1.5, -0.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="q sums to"):
        kt.js_divergence([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="do not broadcast"):
        kt.js_divergence([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="base must be"):
        kt.js_divergence([0.5, 0.5], [0.5, 0.5], base=-2)
