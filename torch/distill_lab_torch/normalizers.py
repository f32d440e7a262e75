"""The eight teacher normalizations of the lab (PHI-S paper, arXiv 2410.01680; DESIGN §3.1),
fitted in float64 from exact or streaming moments, applied as y' = W (y − μ) and inverted as
y = W⁻¹ y' + μ — as the lab's src/methods/normalizers/ (fit.ts, phiS.ts, …):
  none     y' = y                       center  y' = y − μ
  global   y' = (y − μ)/σ_g, σ_g² = tr Σ / C
  per-dim  y' = (y − μ)/max(σ_c, floor), floor = 1e-3·sqrt(tr Σ / C)
  pca      y' = Λ_f^{-1/2} U^T (y − μ)  zca     y' = U Λ_f^{-1/2} U^T (y − μ)
  hca      y' = H Λ_f^{-1/2} U^T (y − μ)
  phi-s    y' = α⁻¹ H U^T (y − μ), α = sqrt(mean λ)
Σ = U Λ U^T unbiased, λ clamped ≥ 0 and sorted descending, λ_f = max(λ, 1e-6), every eigenvector
signed so its largest-magnitude entry is positive (first on ties).
"""
import math

import numpy as np
import torch

from .hadamard import hadamard

KINDS = ("none", "center", "global", "per-dim", "pca", "zca", "hca", "phi-s")


def symmetric_eigen(sym):
    """Eigenvalues (descending, clamped ≥ 0) and eigenvectors (columns) with the lab's signs."""
    lam, u = np.linalg.eigh(np.asarray(sym, dtype=np.float64))
    order = np.argsort(-lam, kind="stable")
    lam, u = np.clip(lam[order], 0, None), u[:, order].copy()
    for j in range(u.shape[1]):
        col = np.abs(u[:, j])
        pivot = 0
        for i in range(1, len(col)):
            if col[i] > col[pivot] + 1e-12:
                pivot = i
        if u[pivot, j] < 0:
            u[:, j] = -u[:, j]
    return lam, u


class Normalizer:
    """A fitted normalizer: float64 parameters, applied in the input's dtype on its device."""

    def __init__(self, kind, mean, forward, inverse, center=True, eigenvalues=None, alpha=None, exact=True, construction=None, sigma=None):
        self.kind = kind
        self.center = center
        self.mean64 = np.asarray(mean, dtype=np.float64)
        self.forward64 = forward  # None (identity), float, [C] diagonal, or [C, C] matrix
        self.inverse64 = inverse
        self.eigenvalues = eigenvalues if eigenvalues is not None else np.zeros(0)
        self.alpha = alpha
        self.exact = exact
        self.construction = construction
        self.sigma = sigma  # the covariance the normalizer was fitted on (None for none/center)
        self._cache = {}

    @property
    def dim(self):
        return self.mean64.shape[0]

    def _tensor(self, name, value, like):
        key = (name, like.device, like.dtype)
        if key not in self._cache:
            self._cache[key] = torch.as_tensor(np.asarray(value, dtype=np.float64)).to(device=like.device, dtype=like.dtype)
        return self._cache[key]

    def _map(self, name, m, x):
        if m is None:
            return x.clone()
        if np.isscalar(m) or np.ndim(m) == 0:
            return x * float(m)
        if np.ndim(m) == 1:
            return x * self._tensor(name, m, x)
        return x @ self._tensor(name + "T", np.asarray(m).T, x)

    def forward(self, y):
        if y.ndim != 2 or y.shape[1] != self.dim:
            raise ValueError(f"normalizer {self.kind}: expected features [N, {self.dim}], got {list(y.shape)}")
        x = y - self._tensor("mean", self.mean64, y) if self.center else y
        return self._map("fwd", self.forward64, x)

    __call__ = forward

    def inverse(self, yn):
        back = self._map("inv", self.inverse64, yn)
        return back + self._tensor("mean", self.mean64, yn) if self.center else back

    def matrix(self):
        """W as a dense float64 matrix."""
        c = self.dim
        m = self.forward64
        if m is None:
            return np.eye(c)
        if np.isscalar(m) or np.ndim(m) == 0:
            return np.eye(c) * float(m)
        if np.ndim(m) == 1:
            return np.diag(m)
        return np.asarray(m)

    def target_variance(self):
        """v_c = diag(W Σ W^T): each normalized channel's variance over the fitting data."""
        if self.sigma is None:
            raise ValueError(f"normalizer {self.kind} has no covariance")
        w = self.matrix()
        return np.einsum("ij,jk,ik->i", w, self.sigma, w)


def fit(kind, stats, seed=0, eigen_floor=1e-6, std_floor=None):
    """Fits a normalizer of `kind` from Moments (see the module docstring for the formulas)."""
    if kind not in KINDS:
        raise ValueError(f"unknown normalizer {kind!r}; choose from {', '.join(KINDS)}")
    mean = stats.mean.numpy().astype(np.float64)
    if not np.all(np.isfinite(mean)):
        raise ValueError(f"fit({kind}): teacher mean is not finite")
    c = mean.shape[0]
    if kind in ("none", "center"):
        if stats.count < 1:
            raise ValueError(f"fit({kind}): no samples")
        sigma = stats.covariance().numpy() if stats.count >= 2 else None
        return Normalizer(kind, mean, None, None, center=kind == "center", sigma=sigma)
    if stats.count < 2:
        raise ValueError(f"fit({kind}): a covariance needs at least 2 samples, got {stats.count}")
    sigma = stats.covariance().numpy().astype(np.float64)
    trace_sigma = float(np.trace(sigma))
    sf = std_floor if std_floor is not None else max(1e-3 * math.sqrt(trace_sigma / c), 1e-12)
    if kind == "per-dim":
        std = np.maximum(np.sqrt(np.clip(np.diag(sigma), 0, None)), sf)
        return Normalizer(kind, mean, 1 / std, std, sigma=sigma)
    lam, u = symmetric_eigen(sigma)
    trace = float(lam.sum())
    if not trace > 0:
        raise ValueError(f"fit({kind}): teacher features have zero variance")
    if kind == "global":
        sg = math.sqrt(trace / c)
        return Normalizer(kind, mean, 1 / sg, sg, eigenvalues=lam, alpha=sg, sigma=sigma)
    lf = np.maximum(lam, eigen_floor)
    whiten = np.diag(lf ** -0.5) @ u.T
    unwhiten = u @ np.diag(np.sqrt(lf))
    if kind == "pca":
        return Normalizer(kind, mean, whiten, unwhiten, eigenvalues=lam, sigma=sigma)
    if kind == "zca":
        return Normalizer(kind, mean, u @ whiten, unwhiten @ u.T, eigenvalues=lam, sigma=sigma)
    h, exact, construction = hadamard(c, seed)
    if kind == "hca":
        return Normalizer(kind, mean, h @ whiten, unwhiten @ h.T, eigenvalues=lam, exact=exact, construction=construction, sigma=sigma)
    alpha = math.sqrt(trace / c)
    return Normalizer(kind, mean, (h @ u.T) / alpha, (u @ h.T) * alpha, eigenvalues=lam, alpha=alpha, exact=exact, construction=construction, sigma=sigma)


def stream_refit_due(n, freeze):
    """Contract for streaming statistics: refit after merging step n (1-based) when n is a power
    of two below 100, a multiple of 100, or the freeze point F."""
    return (n < 100 and n & (n - 1) == 0) or n % 100 == 0 or n == freeze
