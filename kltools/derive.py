r"""Symbolic derivations of the losses of machine learning, with SymPy.

Each loss is derived the same way: read the model's output as the parameter
of a distribution, take that distribution's pmf or pdf from
``sympy.stats``, take :math:`-\log` and simplify. Next to every derived
expression sits the textbook formula it must equal, so that a chapter or a
test can check

.. code-block:: python

    assert sympy.simplify(derived - textbook) == 0

**Names.** Every function here returns SymPy objects, and its name ends in
what it builds, so that no name can be mistaken for one of kltools' numeric
functions (``kltools.gaussian_nll`` computes a number;
``derive.gaussian_nll_textbook`` is its formula):

* ``_pmf``, ``_pdf``: a distribution, from ``sympy.stats``;
* ``_likelihood``: a pmf written as one product over its support;
* ``_expr``: an expression derived from the distribution (a negative
  log-likelihood named after the distribution, its gradient, or an output
  activation);
* ``_textbook``: the formula as textbooks write it, named after the loss;
  its docstring names the kltools function that computes it.

The pairs, derived (from the distribution) = textbook formula:

* :func:`bernoulli_nll_expr` = :func:`binary_cross_entropy_textbook`
* :func:`bernoulli_logit_nll_expr` = :func:`binary_cross_entropy_with_logits_textbook`
  (= :func:`binary_cross_entropy_with_logits_stable_textbook`)
* :func:`bernoulli_logit_nll_grad_expr` =
  :func:`binary_cross_entropy_with_logits_grad_textbook`
* :func:`categorical_nll_expr` = :func:`categorical_cross_entropy_textbook`
* :func:`categorical_nll_indexed_expr` = :func:`categorical_cross_entropy_indexed_textbook`
* :func:`categorical_logit_nll_expr` = :func:`softmax_cross_entropy_textbook`
* :func:`categorical_logit_nll_grad_expr` = :func:`softmax_cross_entropy_grad_textbook`
* :func:`normal_nll_expr` = :func:`gaussian_nll_textbook`
  (= :func:`squared_error_nll_textbook` when ``var=1``)
* :func:`normal_nll_grad_expr` = :func:`gaussian_nll_grad_textbook`
* :func:`laplace_nll_expr` = :func:`absolute_error_nll_textbook`
* :func:`laplace_nll_grad_expr` = :func:`absolute_error_nll_grad_textbook`

The distributions themselves are returned by :func:`bernoulli_pmf`,
:func:`categorical_pmf`, :func:`normal_pdf` and :func:`laplace_pdf`, and the
product forms that turn a pmf on a finite support into one formula by
:func:`bernoulli_likelihood` and :func:`categorical_likelihood`.
:func:`sigmoid_expr` and :func:`softmax_expr` are the symbolic output
activations.

**Parameters.** The Normal is parametrised by its variance ``var``, as in
:func:`kltools.losses.gaussian_nll`, and the Laplace by its scale ``scale``, as in
:func:`kltools.losses.laplace_nll`. Every argument is optional and defaults to the
book's symbol of that name, made by :func:`symbols` with these assumptions
(SymPy compares symbols by name *and* assumptions, so build your own with
:func:`symbols` too):

* ``p``, ``p1``, ``p2``, ...: probabilities, ``positive=True``. SymPy cannot
  also assume ``p < 1``; the one step that needs ``1 - p > 0`` (splitting
  :math:`\log\bigl(p^y (1-p)^{1-y}\bigr)`) uses ``expand_log(force=True)``,
  which is valid for ``0 < p < 1``.
* ``y``, ``y1``, ...: targets, ``real=True``.
* ``z``, ``z1``, ...: logits, ``real=True``.
* ``f``: the model's output used as a location (mean), ``real=True``.
* ``sigma`` (a standard deviation; the default variance is ``sigma**2``) and
  ``b`` (the default Laplace scale): ``positive=True``.

Any SymPy expression may be passed instead of a symbol (a number, or
``sigmoid_expr(z)``, say).

This module needs SymPy and is not imported by ``import kltools``; use
``from kltools import derive``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy import stats

__all__ = [
    "symbols",
    "vector",
    "sigmoid_expr",
    "softmax_expr",
    "bernoulli_pmf",
    "bernoulli_likelihood",
    "bernoulli_nll_expr",
    "binary_cross_entropy_textbook",
    "bernoulli_logit_nll_expr",
    "binary_cross_entropy_with_logits_textbook",
    "binary_cross_entropy_with_logits_stable_textbook",
    "bernoulli_logit_nll_grad_expr",
    "binary_cross_entropy_with_logits_grad_textbook",
    "categorical_pmf",
    "categorical_likelihood",
    "categorical_nll_expr",
    "categorical_cross_entropy_textbook",
    "categorical_nll_indexed_expr",
    "categorical_cross_entropy_indexed_textbook",
    "categorical_logit_nll_expr",
    "softmax_cross_entropy_textbook",
    "categorical_logit_nll_grad_expr",
    "softmax_cross_entropy_grad_textbook",
    "normal_pdf",
    "normal_nll_expr",
    "gaussian_nll_textbook",
    "squared_error_nll_textbook",
    "normal_nll_grad_expr",
    "gaussian_nll_grad_textbook",
    "laplace_pdf",
    "laplace_nll_expr",
    "absolute_error_nll_textbook",
    "laplace_nll_grad_expr",
    "absolute_error_nll_grad_textbook",
]

#: The assumptions of each of the book's symbols, keyed by the name without
#: its trailing digits (``"p3"`` is a ``"p"``).
ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "p": {"positive": True},
    "y": {"real": True},
    "z": {"real": True},
    "f": {"real": True},
    "sigma": {"positive": True},
    "b": {"positive": True},
}


# --------------------------------------------------------------------------
# Symbols and activations
# --------------------------------------------------------------------------


def symbols(names: str) -> tuple[sp.Symbol, ...]:
    """Make the book's symbols, with their assumptions, from space-separated names.

    Parameters
    ----------
    names : str
        Names separated by spaces or commas, each one of ``p y z f sigma b``,
        optionally followed by digits (``"z1 z2"``).

    Returns
    -------
    tuple of sympy.Symbol
        One symbol per name, in order (a 1-tuple for a single name).

    Raises
    ------
    ValueError
        If ``names`` is empty or a name is not one of the book's symbols.

    Examples
    --------
    >>> from kltools import derive
    >>> p, y = derive.symbols("p y")
    >>> p.is_positive, y.is_real
    (True, True)
    >>> derive.symbols("z1, z2")
    (z1, z2)
    """
    parts = names.replace(",", " ").split()
    if not parts:
        raise ValueError("names is empty; expected names such as 'p y'")
    out = []
    for name in parts:
        base = name.rstrip("0123456789")
        if base not in ASSUMPTIONS:
            raise ValueError(
                f"names contains {name!r}; the book's symbols are "
                f"{', '.join(ASSUMPTIONS)} (optionally followed by digits)"
            )
        out.append(sp.Symbol(name, **ASSUMPTIONS[base]))
    return tuple(out)


def _one(name: str) -> sp.Symbol:
    return symbols(name)[0]


def vector(name: str, n: int) -> tuple[sp.Symbol, ...]:
    """Make the numbered symbols ``name1, ..., name<n>`` (a vector of length ``n``).

    Parameters
    ----------
    name : str
        One of the book's symbol names (``"p"``, ``"y"``, ``"z"``, ...).
    n : int
        The length, at least 1.

    Returns
    -------
    tuple of sympy.Symbol

    Raises
    ------
    ValueError
        If ``n`` is not a positive integer, or ``name`` is unknown.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.vector("p", 3)
    (p1, p2, p3)
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    return symbols(" ".join(f"{name}{i}" for i in range(1, n + 1)))


def sigmoid_expr(z: sp.Expr | None = None) -> sp.Expr:
    r"""Build the logistic sigmoid as a SymPy expression.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}

    Parameters
    ----------
    z : sympy expression, optional
        The logit; defaults to the real symbol ``z``.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.sigmoid_expr()
    1/(1 + exp(-z))
    """
    z = _one("z") if z is None else z
    return 1 / (1 + sp.exp(-z))


def softmax_expr(z: Sequence[sp.Expr] | None = None, *, n: int = 3) -> tuple[sp.Expr, ...]:
    r"""Build the softmax of a vector of logits, as SymPy expressions.

    .. math:: \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}

    Parameters
    ----------
    z : sequence of sympy expressions, optional
        The logits; defaults to ``vector("z", n)``.
    n : int, default 3
        The number of classes when ``z`` is not given.

    Returns
    -------
    tuple of sympy.Expr
        One probability per class.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.softmax_expr(n=2)
    (exp(z1)/(exp(z1) + exp(z2)), exp(z2)/(exp(z1) + exp(z2)))
    """
    z = vector("z", n) if z is None else tuple(z)
    total = sp.Add(*[sp.exp(zi) for zi in z])
    return tuple(sp.exp(zi) / total for zi in z)


def _pair(
    y: Sequence[sp.Expr] | None, p: Sequence[sp.Expr] | None, n: int, pname: str
) -> tuple[tuple[sp.Expr, ...], tuple[sp.Expr, ...]]:
    """Targets ``y`` and parameters ``p`` (named ``pname``) as tuples of one length.

    A missing vector defaults to the book's symbols, as long as the other one
    (or ``n`` when both are missing).
    """
    y = None if y is None else tuple(y)
    p = None if p is None else tuple(p)
    k = len(y) if y is not None else len(p) if p is not None else n
    if y is None:
        y = vector("y", k)
    if p is None:
        p = vector(pname, k)
    if len(y) != len(p):
        raise ValueError(f"y has {len(y)} entries and {pname} has {len(p)}; they must match")
    if len(y) < 2:
        raise ValueError(
            f"y and {pname} have {len(y)} entry; a categorical needs at least 2 classes"
        )
    return y, p


# --------------------------------------------------------------------------
# Bernoulli: binary cross-entropy
# --------------------------------------------------------------------------


def bernoulli_pmf(y: sp.Expr | None = None, p: sp.Expr | None = None) -> sp.Expr:
    r"""Return the Bernoulli pmf :math:`P(Y = y)` from ``sympy.stats``.

    SymPy writes it case by case: ``p`` at ``y = 1``, ``1 - p`` at ``y = 0``
    and ``0`` elsewhere.

    Parameters
    ----------
    y : sympy expression, optional
        The outcome; defaults to the real symbol ``y``.
    p : sympy expression, optional
        :math:`P(Y = 1)`; defaults to the positive symbol ``p``.

    Returns
    -------
    sympy.Piecewise

    Examples
    --------
    >>> from kltools import derive
    >>> derive.bernoulli_pmf()
    Piecewise((p, Eq(y, 1)), (1 - p, Eq(y, 0)), (0, True))
    """
    y = _one("y") if y is None else y
    p = _one("p") if p is None else p
    return stats.density(stats.Bernoulli("Y", p))(y)


def bernoulli_likelihood(y: sp.Expr | None = None, p: sp.Expr | None = None) -> sp.Expr:
    r"""Write the Bernoulli pmf as one product, built from the values of the SymPy pmf.

    .. math:: P(Y = y) = P(Y = 1)^{y}\, P(Y = 0)^{1 - y} = p^{y} (1 - p)^{1 - y},
              \quad y \in \{0, 1\}

    The two factors are read off :func:`bernoulli_pmf` at ``y = 1`` and
    ``y = 0``. The product agrees with the case-by-case pmf on the support
    ``{0, 1}`` (substitute each value and compare; the tests do), which is
    what lets :math:`-\log` act on a single formula.

    Parameters
    ----------
    y, p : sympy expressions, optional
        As in :func:`bernoulli_pmf`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.bernoulli_likelihood()
    p**y*(1 - p)**(1 - y)
    """
    y = _one("y") if y is None else y
    p = _one("p") if p is None else p
    pmf = stats.density(stats.Bernoulli("Y", p))
    return pmf(1) ** y * pmf(0) ** (1 - y)


def bernoulli_nll_expr(y: sp.Expr | None = None, p: sp.Expr | None = None) -> sp.Expr:
    r"""Derive :math:`-\log` of the Bernoulli likelihood, logs expanded.

    .. math:: -\log\bigl(p^{y}(1-p)^{1-y}\bigr) = -y \log p - (1 - y) \log(1 - p)

    Parameters
    ----------
    y, p : sympy expressions, optional
        As in :func:`bernoulli_pmf`.

    Returns
    -------
    sympy.Expr
        Equal to :func:`binary_cross_entropy_textbook`.

    Examples
    --------
    >>> import sympy as sp
    >>> from kltools import derive
    >>> derive.bernoulli_nll_expr()
    -y*log(p) - (1 - y)*log(1 - p)
    >>> sp.simplify(derive.bernoulli_nll_expr() - derive.binary_cross_entropy_textbook())
    0
    """
    return sp.expand_log(-sp.log(bernoulli_likelihood(y, p)), force=True)


def binary_cross_entropy_textbook(y: sp.Expr | None = None, p: sp.Expr | None = None) -> sp.Expr:
    r"""Textbook: binary cross-entropy of a target ``y`` and a probability ``p``.

    .. math:: \operatorname{BCE}(y, p) = -\bigl[y \log p + (1 - y) \log(1 - p)\bigr]

    The formula :func:`kltools.losses.binary_cross_entropy` computes.

    Parameters
    ----------
    y : sympy expression, optional
        The target; defaults to the real symbol ``y``.
    p : sympy expression, optional
        The predicted probability; defaults to the positive symbol ``p``.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.binary_cross_entropy_textbook()
    -y*log(p) - (1 - y)*log(1 - p)
    """
    y = _one("y") if y is None else y
    p = _one("p") if p is None else p
    return -(y * sp.log(p) + (1 - y) * sp.log(1 - p))


def bernoulli_logit_nll_expr(y: sp.Expr | None = None, z: sp.Expr | None = None) -> sp.Expr:
    r"""Derive the Bernoulli negative log-likelihood with ``p = sigmoid(z)``, simplified.

    .. math:: -\log\bigl(\sigma(z)^{y} (1 - \sigma(z))^{1 - y}\bigr)
              = \log(1 + e^{z}) - y z

    Parameters
    ----------
    y : sympy expression, optional
        The target; defaults to the real symbol ``y``.
    z : sympy expression, optional
        The logit; defaults to the real symbol ``z``.

    Returns
    -------
    sympy.Expr
        Equal to :func:`binary_cross_entropy_with_logits_textbook`.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.bernoulli_logit_nll_expr()
    -y*z + log(exp(z) + 1)
    """
    return sp.simplify(bernoulli_nll_expr(y, sigmoid_expr(z)))


def binary_cross_entropy_with_logits_textbook(
    y: sp.Expr | None = None, z: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: binary cross-entropy in terms of the logit (softplus form).

    .. math:: \operatorname{BCE}(y, \sigma(z)) = \log(1 + e^{z}) - y z

    Exact, but ``exp(z)`` overflows in floating point for large ``z``; see
    :func:`binary_cross_entropy_with_logits_stable_textbook`.

    The function :func:`kltools.losses.binary_cross_entropy_with_logits` computes,
    in an overflow-free form (see its Notes).

    Parameters
    ----------
    y, z : sympy expressions, optional
        As in :func:`bernoulli_logit_nll_expr`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.binary_cross_entropy_with_logits_textbook()
    -y*z + log(exp(z) + 1)
    """
    y = _one("y") if y is None else y
    z = _one("z") if z is None else z
    return sp.log(1 + sp.exp(z)) - y * z


def binary_cross_entropy_with_logits_stable_textbook(
    y: sp.Expr | None = None, z: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the overflow-free formula for binary cross-entropy with logits.

    .. math:: \max(z, 0) - y z + \log\bigl(1 + e^{-|z|}\bigr)

    ``exp`` only ever sees a non-positive number. It equals
    :func:`binary_cross_entropy_with_logits_textbook` for every real ``z``; SymPy
    proves this case by case (substitute ``z = t`` and ``z = -t`` with ``t``
    positive, and ``z = 0``), since it does not simplify ``Max`` and ``Abs``
    of a symbol of unknown sign.

    The function :func:`kltools.losses.binary_cross_entropy_with_logits` computes,
    rearranged as ``log1p(exp(-|z|)) + z (1[z >= 0] - y)`` so that soft labels
    do not cancel.

    Parameters
    ----------
    y, z : sympy expressions, optional
        As in :func:`bernoulli_logit_nll_expr`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> import sympy as sp
    >>> from kltools import derive
    >>> (z,) = derive.symbols("z")
    >>> t = sp.Symbol("t", positive=True)
    >>> gap = (derive.binary_cross_entropy_with_logits_stable_textbook()
    ...        - derive.binary_cross_entropy_with_logits_textbook())
    >>> [sp.simplify(gap.subs(z, v)) for v in (t, -t, 0)]
    [0, 0, 0]
    """
    y = _one("y") if y is None else y
    z = _one("z") if z is None else z
    return sp.Max(z, 0) - y * z + sp.log(1 + sp.exp(-sp.Abs(z)))


def bernoulli_logit_nll_grad_expr(y: sp.Expr | None = None, z: sp.Expr | None = None) -> sp.Expr:
    r"""Derive the derivative of :func:`bernoulli_logit_nll_expr` with respect to the logit.

    .. math:: \frac{\partial}{\partial z}\bigl[\log(1 + e^{z}) - y z\bigr]
              = \frac{e^{z}}{1 + e^{z}} - y

    Parameters
    ----------
    y : sympy expression, optional
        The target; defaults to the real symbol ``y``.
    z : sympy.Symbol, optional
        The logit to differentiate by; defaults to the real symbol ``z``.

    Returns
    -------
    sympy.Expr
        Equal to :func:`binary_cross_entropy_with_logits_grad_textbook`.

    Examples
    --------
    >>> import sympy as sp
    >>> from kltools import derive
    >>> derive.bernoulli_logit_nll_grad_expr()
    -y + exp(z)/(exp(z) + 1)
    >>> sp.simplify(derive.bernoulli_logit_nll_grad_expr()
    ...             - derive.binary_cross_entropy_with_logits_grad_textbook())
    0
    """
    z = _one("z") if z is None else z
    return sp.diff(bernoulli_logit_nll_expr(y, z), z)


def binary_cross_entropy_with_logits_grad_textbook(
    y: sp.Expr | None = None, z: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the gradient of binary cross-entropy with respect to the logit.

    .. math:: \sigma(z) - y

    The formula :func:`kltools.losses.binary_cross_entropy_with_logits_grad`
    computes, per element.

    Parameters
    ----------
    y, z : sympy expressions, optional
        As in :func:`bernoulli_logit_nll_expr`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.binary_cross_entropy_with_logits_grad_textbook()
    -y + 1/(1 + exp(-z))
    """
    y = _one("y") if y is None else y
    return sigmoid_expr(z) - y


# --------------------------------------------------------------------------
# Categorical: cross-entropy
# --------------------------------------------------------------------------


def categorical_pmf(
    y: Sequence[sp.Expr] | None = None, p: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Return the categorical pmf, as ``sympy.stats``' multinomial with one trial.

    A single draw from ``n`` classes, written as the one-hot count vector
    ``y`` (one entry 1, the others 0), is a multinomial with one trial:

    .. math:: P(Y = y) = \frac{1!}{y_1! \cdots y_n!}\, p_1^{y_1} \cdots p_n^{y_n}
              \quad \text{if } \textstyle\sum_i y_i = 1, \text{ else } 0.

    Parameters
    ----------
    y : sequence of sympy expressions, optional
        The one-hot outcome; defaults to ``vector("y", n)``.
    p : sequence of sympy expressions, optional
        The class probabilities; defaults to ``vector("p", n)``. SymPy does
        not require them to sum to 1 symbolically.
    n : int, default 3
        The number of classes when neither ``y`` nor ``p`` is given.

    Returns
    -------
    sympy.Piecewise

    Raises
    ------
    ValueError
        If ``y`` and ``p`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> pmf = derive.categorical_pmf(n=2)
    >>> pmf
    Piecewise((p1**y1*p2**y2/(factorial(y1)*factorial(y2)), Eq(y1 + y2, 1)), (0, True))
    >>> y1, y2 = derive.vector("y", 2)
    >>> pmf.subs({y1: 0, y2: 1})
    p2
    """
    y, p = _pair(y, p, n, "p")
    return stats.density(stats.Multinomial("Y", 1, *p))(*y)


def categorical_likelihood(
    y: Sequence[sp.Expr] | None = None, p: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Write the categorical pmf as one product over the classes, from the SymPy pmf.

    .. math:: P(Y = y) = \prod_{i=1}^{n} P(Y = e_i)^{y_i} = \prod_{i=1}^{n} p_i^{y_i}

    where :math:`e_i` is the one-hot vector of class ``i``; each factor
    :math:`P(Y = e_i)` is read off :func:`categorical_pmf`. On one-hot ``y``
    the product agrees with the pmf (the tests check every class).

    Parameters
    ----------
    y, p, n
        As in :func:`categorical_pmf`.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ValueError
        If ``y`` and ``p`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_likelihood()
    p1**y1*p2**y2*p3**y3
    """
    y, p = _pair(y, p, n, "p")
    k = len(p)
    pmf = stats.density(stats.Multinomial("Y", 1, *p))
    one_hots = [[int(i == j) for i in range(k)] for j in range(k)]
    return sp.Mul(*[pmf(*e) ** yi for e, yi in zip(one_hots, y, strict=True)])


def categorical_nll_expr(
    y: Sequence[sp.Expr] | None = None, p: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Derive :math:`-\log` of the categorical likelihood, logs expanded.

    .. math:: -\log \prod_i p_i^{y_i} = -\sum_i y_i \log p_i

    Parameters
    ----------
    y, p, n
        As in :func:`categorical_pmf`.

    Returns
    -------
    sympy.Expr
        Equal to :func:`categorical_cross_entropy_textbook`.

    Raises
    ------
    ValueError
        If ``y`` and ``p`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_nll_expr()
    -y1*log(p1) - y2*log(p2) - y3*log(p3)
    """
    return sp.expand_log(-sp.log(categorical_likelihood(y, p, n=n)), force=True)


def categorical_cross_entropy_textbook(
    y: Sequence[sp.Expr] | None = None, p: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Textbook: the cross-entropy of a target vector ``y`` and probabilities ``p``.

    .. math:: \operatorname{CE}(y, p) = -\sum_{i=1}^{n} y_i \log p_i

    The formula :func:`kltools.losses.categorical_cross_entropy` computes, per
    example.

    Parameters
    ----------
    y, p, n
        As in :func:`categorical_pmf`.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ValueError
        If ``y`` and ``p`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_cross_entropy_textbook(n=2)
    -y1*log(p1) - y2*log(p2)
    """
    y, p = _pair(y, p, n, "p")
    return -sp.Add(*[yi * sp.log(pi) for yi, pi in zip(y, p, strict=True)])


def _indexed() -> tuple[sp.IndexedBase, sp.IndexedBase, sp.Symbol, sp.Symbol]:
    """Make the symbols of the general-n categorical: ``y[i]``, ``p[i]``, ``i``, ``n``."""
    i, n = sp.symbols("i n", integer=True, positive=True)
    return sp.IndexedBase("y", real=True), sp.IndexedBase("p", positive=True), i, n


def categorical_nll_indexed_expr() -> sp.Expr:
    r"""Derive, for any number of classes ``n``, :math:`-\log \prod_{i=1}^{n} p_i^{y_i}`.

    The product is a SymPy ``Product`` over an index ``i`` from 1 to a
    symbolic ``n`` (with ``y`` and ``p`` indexed bases, ``p`` positive);
    expanding the logarithm turns it into a ``Sum``.

    Returns
    -------
    sympy.Expr
        Equal to :func:`categorical_cross_entropy_indexed_textbook`.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_nll_indexed_expr()
    -Sum(log(p[i])*y[i], (i, 1, n))
    """
    y, p, i, n = _indexed()
    return sp.expand_log(-sp.log(sp.Product(p[i] ** y[i], (i, 1, n))), force=True)


def categorical_cross_entropy_indexed_textbook() -> sp.Expr:
    r"""Textbook, for any number of classes ``n``: :math:`-\sum_{i=1}^{n} y_i \log p_i`.

    Uses the same indexed symbols as :func:`categorical_nll_indexed_expr`.

    The formula :func:`kltools.losses.categorical_cross_entropy` computes, per
    example.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_cross_entropy_indexed_textbook()
    -Sum(log(p[i])*y[i], (i, 1, n))
    """
    y, p, i, n = _indexed()
    return -sp.Sum(y[i] * sp.log(p[i]), (i, 1, n))


def categorical_logit_nll_expr(
    y: Sequence[sp.Expr] | None = None, z: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Derive the categorical negative log-likelihood with ``p = softmax(z)``.

    .. math:: -\sum_i y_i \log \operatorname{softmax}(z)_i
              = -\sum_i y_i \Bigl(z_i - \log \sum_j e^{z_j}\Bigr)

    Parameters
    ----------
    y : sequence of sympy expressions, optional
        The target vector; defaults to ``vector("y", n)``.
    z : sequence of sympy expressions, optional
        The logits; defaults to ``vector("z", n)``.
    n : int, default 3
        The number of classes when neither ``y`` nor ``z`` is given.

    Returns
    -------
    sympy.Expr
        Equal to :func:`softmax_cross_entropy_textbook` when :math:`\sum_i y_i = 1`.

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.categorical_logit_nll_expr(n=2)
    -y1*(z1 - log(exp(z1) + exp(z2))) - y2*(z2 - log(exp(z1) + exp(z2)))
    """
    y, z = _pair(y, z, n, "z")
    return sp.simplify(categorical_nll_expr(y, softmax_expr(z)))


def softmax_cross_entropy_textbook(
    y: Sequence[sp.Expr] | None = None, z: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> sp.Expr:
    r"""Textbook: softmax cross-entropy in log-sum-exp form.

    .. math:: \log \sum_j e^{z_j} - \sum_i y_i z_i

    This is :func:`categorical_logit_nll_expr` once the target sums to 1 (one-hot
    or soft labels); substitute :math:`y_n = 1 - \sum_{i<n} y_i` to check.

    The formula :func:`kltools.losses.softmax_cross_entropy` computes, per
    example.

    Parameters
    ----------
    y, z, n
        As in :func:`categorical_logit_nll_expr`.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.softmax_cross_entropy_textbook(n=2)
    -y1*z1 - y2*z2 + log(exp(z1) + exp(z2))
    """
    y, z = _pair(y, z, n, "z")
    return sp.log(sp.Add(*[sp.exp(zi) for zi in z])) - sp.Add(
        *[yi * zi for yi, zi in zip(y, z, strict=True)]
    )


def categorical_logit_nll_grad_expr(
    y: Sequence[sp.Expr] | None = None, z: Sequence[sp.Symbol] | None = None, *, n: int = 3
) -> tuple[sp.Expr, ...]:
    r"""Derive the gradient of :func:`categorical_logit_nll_expr` with respect to each logit.

    .. math:: \frac{\partial}{\partial z_k} = \Bigl(\sum_i y_i\Bigr)
              \operatorname{softmax}(z)_k - y_k

    (SymPy returns it over a common denominator.) It reduces to
    :func:`softmax_cross_entropy_grad_textbook` when :math:`\sum_i y_i = 1`.

    Parameters
    ----------
    y : sequence of sympy expressions, optional
        The target vector; defaults to ``vector("y", n)``.
    z : sequence of sympy.Symbol, optional
        The logits to differentiate by; defaults to ``vector("z", n)``.
    n : int, default 3
        The number of classes when neither ``y`` nor ``z`` is given.

    Returns
    -------
    tuple of sympy.Expr
        The partial derivatives, one per logit.

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> import sympy as sp
    >>> from kltools import derive
    >>> y1, y2 = derive.vector("y", 2)
    >>> grad = derive.categorical_logit_nll_grad_expr(n=2)
    >>> textbook = derive.softmax_cross_entropy_grad_textbook(n=2)
    >>> [sp.simplify((g - t).subs(y2, 1 - y1)) for g, t in zip(grad, textbook)]
    [0, 0]
    """
    y, z = _pair(y, z, n, "z")
    nll = categorical_logit_nll_expr(y, z)
    return tuple(sp.simplify(sp.diff(nll, zk)) for zk in z)


def softmax_cross_entropy_grad_textbook(
    y: Sequence[sp.Expr] | None = None, z: Sequence[sp.Expr] | None = None, *, n: int = 3
) -> tuple[sp.Expr, ...]:
    r"""Textbook: the gradient of softmax cross-entropy, :math:`\operatorname{softmax}(z) - y`.

    The formula :func:`kltools.losses.softmax_cross_entropy_grad` computes,
    per example.

    Parameters
    ----------
    y, z, n
        As in :func:`categorical_logit_nll_expr`.

    Returns
    -------
    tuple of sympy.Expr
        One entry per logit.

    Raises
    ------
    ValueError
        If ``y`` and ``z`` differ in length, or have fewer than 2 entries.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.softmax_cross_entropy_grad_textbook(n=2)
    (-y1 + exp(z1)/(exp(z1) + exp(z2)), -y2 + exp(z2)/(exp(z1) + exp(z2)))
    """
    y, z = _pair(y, z, n, "z")
    return tuple(s - yi for s, yi in zip(softmax_expr(z), y, strict=True))


# --------------------------------------------------------------------------
# Normal: squared error and the Gaussian negative log-likelihood
# --------------------------------------------------------------------------


def _y_f(y: sp.Expr | None, f: sp.Expr | None) -> tuple[sp.Expr, sp.Expr]:
    """Return the target and the location, defaulting to the book's ``y`` and ``f``."""
    return (_one("y") if y is None else y), (_one("f") if f is None else f)


def _variance(var: sp.Expr | None) -> sp.Expr:
    """Return the Normal's variance, by default ``sigma**2`` with the book's positive ``sigma``."""
    return _one("sigma") ** 2 if var is None else var


def _scale(scale: sp.Expr | None) -> sp.Expr:
    """Return the Laplace scale, defaulting to the book's positive symbol ``b``."""
    return _one("b") if scale is None else scale


def normal_pdf(
    y: sp.Expr | None = None, f: sp.Expr | None = None, var: sp.Expr | None = None
) -> sp.Expr:
    r"""Return the Normal density :math:`\mathcal{N}(y; f, \sigma^2)` from ``sympy.stats``.

    .. math:: \frac{1}{\sqrt{2\pi\sigma^2}} \exp\Bigl(-\frac{(y - f)^2}{2\sigma^2}\Bigr)

    Parameters
    ----------
    y : sympy expression, optional
        The observed value; defaults to the real symbol ``y``.
    f : sympy expression, optional
        The mean (the model's output); defaults to the real symbol ``f``.
    var : sympy expression, optional
        The variance :math:`\sigma^2` (not the standard deviation), positive;
        defaults to ``sigma**2`` with the positive symbol ``sigma``. Pass
        ``1`` for unit variance.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.normal_pdf(var=1)
    sqrt(2)*exp(-(-f + y)**2/2)/(2*sqrt(pi))
    """
    y, f = _y_f(y, f)
    return stats.density(stats.Normal("Y", f, sp.sqrt(_variance(var))))(y)


def normal_nll_expr(
    y: sp.Expr | None = None, f: sp.Expr | None = None, var: sp.Expr | None = None
) -> sp.Expr:
    r"""Derive :math:`-\log \mathcal{N}(y; f, \sigma^2)`, logs expanded.

    .. math:: -\log \mathcal{N}(y; f, \sigma^2)
              = \frac{(y - f)^2}{2\sigma^2} + \frac{1}{2}\log\bigl(2\pi\sigma^2\bigr)

    Parameters
    ----------
    y, f, var
        As in :func:`normal_pdf` (``var`` is the variance).

    Returns
    -------
    sympy.Expr
        Equal to :func:`gaussian_nll_textbook`, and to
        :func:`squared_error_nll_textbook` when ``var=1``.

    Examples
    --------
    >>> import sympy as sp
    >>> from kltools import derive
    >>> derive.normal_nll_expr()
    log(sigma) + log(2)/2 + log(pi)/2 + (-f + y)**2/(2*sigma**2)
    >>> derive.normal_nll_expr(var=1)
    (-f + y)**2/2 + log(2)/2 + log(pi)/2
    >>> sp.simplify(derive.normal_nll_expr(var=1) - derive.squared_error_nll_textbook())
    0
    """
    return sp.expand_log(-sp.log(normal_pdf(y, f, var)), force=True)


def gaussian_nll_textbook(
    y: sp.Expr | None = None, f: sp.Expr | None = None, var: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the Gaussian negative log-likelihood with variance :math:`\sigma^2`.

    .. math:: \frac{(y - f)^2}{2\sigma^2} + \frac{1}{2}\log\bigl(2\pi\sigma^2\bigr)

    The formula :func:`kltools.losses.gaussian_nll` computes (with ``full=True``).

    Parameters
    ----------
    y, f, var
        As in :func:`normal_pdf` (``var`` is the variance).

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.gaussian_nll_textbook()
    log(2*pi*sigma**2)/2 + (-f + y)**2/(2*sigma**2)
    """
    y, f = _y_f(y, f)
    var = _variance(var)
    return (y - f) ** 2 / (2 * var) + sp.log(2 * sp.pi * var) / 2


def squared_error_nll_textbook(y: sp.Expr | None = None, f: sp.Expr | None = None) -> sp.Expr:
    r"""Textbook: half the squared error plus the Normal's constant (unit variance).

    .. math:: \frac{1}{2}(y - f)^2 + \frac{1}{2}\log(2\pi)

    Note the factor :math:`\tfrac12` on the square: it comes from the
    exponent of the Normal density.

    The formula :func:`kltools.losses.gaussian_nll` computes with ``var=1``
    (and ``full=True``); :func:`kltools.losses.mean_squared_error` computes
    twice this minus :math:`\log(2\pi)`, the bare :math:`(y - f)^2`.

    Parameters
    ----------
    y, f
        As in :func:`normal_pdf`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.squared_error_nll_textbook()
    (-f + y)**2/2 + log(2*pi)/2
    """
    y, f = _y_f(y, f)
    return (y - f) ** 2 / 2 + sp.log(2 * sp.pi) / 2


def normal_nll_grad_expr(
    y: sp.Expr | None = None, f: sp.Symbol | None = None, var: sp.Expr | None = None
) -> sp.Expr:
    r"""Derive the derivative of :func:`normal_nll_expr` with respect to the mean ``f``.

    .. math:: \frac{\partial}{\partial f}\Bigl[\frac{(y - f)^2}{2\sigma^2}\Bigr]
              = \frac{f - y}{\sigma^2}

    Parameters
    ----------
    y, var
        As in :func:`normal_pdf` (``var`` is the variance).
    f : sympy.Symbol, optional
        The mean to differentiate by; defaults to the real symbol ``f``.

    Returns
    -------
    sympy.Expr
        Equal to :func:`gaussian_nll_grad_textbook`: ``(f - y) / var``, which
        is ``f - y`` when ``var=1``.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.normal_nll_grad_expr()
    (f - y)/sigma**2
    >>> derive.normal_nll_grad_expr(var=1)
    f - y
    """
    y, f = _y_f(y, f)
    return sp.simplify(sp.diff(normal_nll_expr(y, f, var), f))


def gaussian_nll_grad_textbook(
    y: sp.Expr | None = None, f: sp.Expr | None = None, var: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the gradient of the Gaussian NLL with respect to the mean.

    .. math:: \frac{f - y}{\sigma^2}

    The formula :func:`kltools.losses.gaussian_nll_grad` computes, per element.

    Parameters
    ----------
    y, f, var
        As in :func:`normal_pdf` (``var`` is the variance).

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.gaussian_nll_grad_textbook()
    (f - y)/sigma**2
    """
    y, f = _y_f(y, f)
    return (f - y) / _variance(var)


# --------------------------------------------------------------------------
# Laplace: absolute error
# --------------------------------------------------------------------------


def laplace_pdf(
    y: sp.Expr | None = None, f: sp.Expr | None = None, scale: sp.Expr | None = None
) -> sp.Expr:
    r"""Return the Laplace density with location ``f`` and scale ``b``, from ``sympy.stats``.

    .. math:: \frac{1}{2b} \exp\Bigl(-\frac{|y - f|}{b}\Bigr)

    Parameters
    ----------
    y : sympy expression, optional
        The observed value; defaults to the real symbol ``y``.
    f : sympy expression, optional
        The location (the model's output); defaults to the real symbol ``f``.
    scale : sympy expression, optional
        The scale :math:`b`, positive; defaults to the positive symbol ``b``.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.laplace_pdf()
    exp(-Abs(f - y)/b)/(2*b)
    """
    y, f = _y_f(y, f)
    return stats.density(stats.Laplace("Y", f, _scale(scale)))(y)


def laplace_nll_expr(
    y: sp.Expr | None = None, f: sp.Expr | None = None, scale: sp.Expr | None = None
) -> sp.Expr:
    r"""Derive :math:`-\log` of the Laplace density, logs expanded.

    .. math:: -\log\Bigl[\frac{1}{2b} e^{-|y - f| / b}\Bigr] = \frac{|y - f|}{b} + \log(2b)

    Parameters
    ----------
    y, f, scale
        As in :func:`laplace_pdf`.

    Returns
    -------
    sympy.Expr
        Equal to :func:`absolute_error_nll_textbook`.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.laplace_nll_expr()
    log(b) + log(2) + Abs(f - y)/b
    """
    return sp.expand_log(-sp.log(laplace_pdf(y, f, scale)), force=True)


def absolute_error_nll_textbook(
    y: sp.Expr | None = None, f: sp.Expr | None = None, scale: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the absolute error divided by the scale ``b``, plus the Laplace constant.

    .. math:: \frac{|y - f|}{b} + \log(2b)

    The formula :func:`kltools.losses.laplace_nll` computes.

    Parameters
    ----------
    y, f, scale
        As in :func:`laplace_pdf`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.absolute_error_nll_textbook()
    log(2*b) + Abs(f - y)/b
    """
    y, f = _y_f(y, f)
    b = _scale(scale)
    return sp.Abs(y - f) / b + sp.log(2 * b)


def laplace_nll_grad_expr(
    y: sp.Expr | None = None, f: sp.Symbol | None = None, scale: sp.Expr | None = None
) -> sp.Expr:
    r"""Derive the derivative of :func:`laplace_nll_expr` with respect to the location ``f``.

    .. math:: \frac{\partial}{\partial f}\,\frac{|y - f|}{b}
              = \frac{\operatorname{sign}(f - y)}{b} \quad (f \ne y)

    Defined for ``f != y``; SymPy's ``sign`` gives 0 at ``f == y``, one
    valid subgradient there.

    Parameters
    ----------
    y, scale
        As in :func:`laplace_pdf`.
    f : sympy.Symbol, optional
        The location to differentiate by; defaults to the real symbol ``f``.

    Returns
    -------
    sympy.Expr
        Equal to :func:`absolute_error_nll_grad_textbook`.

    Examples
    --------
    >>> from kltools import derive
    >>> derive.laplace_nll_grad_expr()
    sign(f - y)/b
    """
    y, f = _y_f(y, f)
    return sp.diff(laplace_nll_expr(y, f, scale), f)


def absolute_error_nll_grad_textbook(
    y: sp.Expr | None = None, f: sp.Expr | None = None, scale: sp.Expr | None = None
) -> sp.Expr:
    r"""Textbook: the gradient of the Laplace NLL with respect to the location.

    .. math:: \frac{\operatorname{sign}(f - y)}{b}

    The formula :func:`kltools.losses.laplace_nll_grad` computes, per element.

    Parameters
    ----------
    y, f, scale
        As in :func:`laplace_pdf`.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> from kltools import derive
    >>> derive.absolute_error_nll_grad_textbook()
    sign(f - y)/b
    """
    y, f = _y_f(y, f)
    return sp.sign(f - y) / _scale(scale)
