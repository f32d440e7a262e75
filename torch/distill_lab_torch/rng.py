"""mulberry32, as the lab's src/math/rng.ts: the same seed gives the same stream."""
import math


class Rng:
    def __init__(self, seed):
        self.a = seed & 0xFFFFFFFF
        self._spare = None

    def next(self):
        self.a = (self.a + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.a
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    def normal(self):
        if self._spare is not None:
            s, self._spare = self._spare, None
            return s
        u = 0.0
        while u == 0.0:
            u = self.next()
        v = self.next()
        r = math.sqrt(-2 * math.log(u))
        self._spare = r * math.sin(2 * math.pi * v)
        return r * math.cos(2 * math.pi * v)

    def int(self, n):
        return int(math.floor(self.next() * n))


def _imul(a, b):
    return (a * b) & 0xFFFFFFFF


def permutation(n, rng):
    """Fisher–Yates shuffle of 0..n-1 (the lab's permutation)."""
    p = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        p[i], p[j] = p[j], p[i]
    return p
