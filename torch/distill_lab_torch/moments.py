"""Float64 mergeable moments (count, mean, co-moment M2 = Σ (x − μ)(x − μ)^T), as the lab's
src/math/moments.ts, plus their all-reduce across torch.distributed ranks.

Chan et al.'s parallel update merges any split of the data in any order:
  δ = μ_B − μ_A, n = n_A + n_B, μ = μ_A + δ n_B / n, M2 = M2_A + M2_B + δ δ^T n_A n_B / n.
"""
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class Moments:
    count: int
    mean: torch.Tensor  # [C] float64
    comoment: torch.Tensor  # [C, C] float64

    @property
    def dim(self):
        return self.mean.shape[0]

    def covariance(self):
        """Unbiased Σ = M2 / (n − 1)."""
        if self.count < 2:
            raise ValueError(f"covariance needs at least 2 samples, got {self.count}")
        return self.comoment / (self.count - 1)

    def scaled(self, s):
        """Moments of s·y: μ → sμ, M2 → s² M2."""
        return Moments(self.count, self.mean * s, self.comoment * (s * s))

    def state(self):
        return {"count": self.count, "mean": self.mean.tolist(), "comoment": self.comoment.tolist()}


def empty(dim):
    return Moments(0, torch.zeros(dim, dtype=torch.float64), torch.zeros(dim, dim, dtype=torch.float64))


def of_batch(rows):
    """Exact moments of rows [N, C] (computed in float64)."""
    x = rows.detach().to(torch.float64)
    n = x.shape[0]
    mean = x.mean(0) if n > 0 else torch.zeros(x.shape[1], dtype=torch.float64)
    xc = x - mean
    return Moments(n, mean, xc.T @ xc)


def merge(a, b):
    if a.count == 0:
        return b
    if b.count == 0:
        return a
    n = a.count + b.count
    delta = b.mean - a.mean
    mean = a.mean + delta * (b.count / n)
    comoment = a.comoment + b.comoment + torch.outer(delta, delta) * (a.count * b.count / n)
    return Moments(n, mean, comoment)


def _distributed():
    return dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1


def all_reduce(local, device=None):
    """Moments of the union of every rank's rows (exact two-pass: global mean, then centered M2).

    Each rank passes the moments of its own rows; every rank gets the same result. Works on gloo
    (CPU) and nccl (pass the rank's CUDA device).
    """
    if not _distributed():
        return local
    dev = device or torch.device("cpu")
    count = torch.tensor([float(local.count)], dtype=torch.float64, device=dev)
    total = (local.mean * local.count).to(dev)
    dist.all_reduce(count)
    dist.all_reduce(total)
    n = int(round(count.item()))
    mean = total / max(n, 1)
    shift = local.mean.to(dev) - mean
    m2 = local.comoment.to(dev) + torch.outer(shift, shift) * local.count
    dist.all_reduce(m2)
    return Moments(n, mean.cpu(), m2.cpu())
