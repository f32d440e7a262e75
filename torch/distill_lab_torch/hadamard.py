"""Orthonormal Hadamard matrices, constructed exactly as the lab's src/math/hadamard.ts:
Sylvester for powers of two, Sylvester ⊗ Paley I (q ≡ 3 mod 4) or Paley II (q ≡ 1 mod 4) for other
orders, else a seeded random orthogonal stand-in (exact=False). Reference: NVlabs/RADIO hadamard.py.
"""
import math

import numpy as np

from .rng import Rng


def is_prime(q):
    if q < 2:
        return False
    d = 2
    while d * d <= q:
        if q % d == 0:
            return False
        d += 1
    return True


def _legendre(a, q):
    r = a % q
    if r == 0:
        return 0
    return 1 if pow(r, (q - 1) // 2, q) == 1 else -1


def _sylvester(order):
    i = np.arange(order)
    bits = np.bitwise_and.outer(i, i)
    parity = np.array([bin(int(b)).count("1") % 2 for b in bits.ravel()]).reshape(order, order)
    return np.where(parity == 0, 1.0, -1.0)


def _jacobsthal(q):
    return np.array([[_legendre(j - i, q) for j in range(q)] for i in range(q)], dtype=np.float64)


def _paley_one(q):
    n = q + 1
    s = np.zeros((n, n))
    s[0, 1:] = 1
    s[1:, 0] = -1
    s[1:, 1:] = _jacobsthal(q)
    return s + np.eye(n)


def _paley_two(q):
    m = q + 1
    c = np.ones((m, m))
    c[0, 0] = 0
    c[1:, 1:] = _jacobsthal(q)
    h = np.zeros((2 * m, 2 * m))
    for i in range(m):
        for j in range(m):
            v = c[i, j]
            block = [[1, -1], [-1, -1]] if v == 0 else [[v, v], [v, -v]]
            h[2 * i:2 * i + 2, 2 * j:2 * j + 2] = block
    return h


def _plan(n):
    top = 1
    while top * 2 <= n:
        top *= 2
    power = top
    while power >= 1:
        if n % power == 0:
            m = n // power
            if m == 1:
                return power, "none", None
            if is_prime(m - 1) and (m - 1) % 4 == 3:
                return power, "paley-i", m - 1
            if m % 2 == 0 and is_prime(m // 2 - 1) and (m // 2 - 1) % 4 == 1:
                return power, "paley-ii", m // 2 - 1
        power //= 2
    return None


def _random_orthogonal(n, seed):
    rng = Rng(seed)
    cols = []
    while len(cols) < n:
        v = np.array([-1.0 if rng.next() < 0.5 else 1.0 for _ in range(n)])
        for _ in range(2):
            for u in cols:
                v = v - float(np.dot(u, v)) * u
        norm = math.sqrt(float(np.sum(v * v)))
        if norm < 1e-8:
            continue
        cols.append(v / norm)
    return np.stack(cols, axis=1)


def hadamard(n, seed=0):
    """Returns (H, exact, construction) with H H^T = I (float64)."""
    p = _plan(n)
    if p is None:
        return _random_orthogonal(n, seed), False, "random-orthogonal"
    power, kind, q = p
    syl = _sylvester(power)
    if kind == "none":
        raw, construction = syl, "sylvester"
    elif kind == "paley-i":
        raw, construction = np.kron(syl, _paley_one(q)), "sylvester⊗paley-i"
    else:
        raw, construction = np.kron(syl, _paley_two(q)), "sylvester⊗paley-ii"
    return raw / math.sqrt(n), True, construction
