"""Avatar KD (Zhang et al. 2023, arXiv 2305.02722) as the lab defines it (CONTRACTS.md):
perturb the teacher's features in its own (feature-scaled) space, normalize vanilla and avatars
with the run's normalizer N, and weight each element's avatar loss by
  λ[n,c] = 1 / (1 + u[n,c] / v_c),  u = (1/K) Σ_k (a'_k − y')²,  v_c = diag(W Σ W^T)_c.
λ is not differentiated. "paper": vanilla loss + (1/K) Σ_k weighted ℓ(ŷ', a'_k; λ).
"code" (Gumpest/AvatarKD): one avatar, loss mean((BN(ŷ') − BN(a'_1))²) only.
"""
import torch

from .losses import weighted_feature_loss

PERTURBATIONS = ("dropout", "gaussian", "mask")


def avatar_generator(seed, teacher_index, step, k, device):
    """Seeded per (seed, teacher index, step, k) — same avatars on every rank and re-run."""
    g = torch.Generator(device=device)
    g.manual_seed(((seed + 1) * 73856093 ^ (teacher_index + 1) * 2654435761 ^ (step + 1) * 19349663 ^ (k + 1) * 83492791) & 0x7FFFFFFFFFFFFFFF)
    return g


def perturb(y, kind, rate=0.1, noise_std=0.1, generator=None, shard=None):
    """dropout: y ⊙ m / (1 − p); mask: whole channels dropped; gaussian: y + σ·s_c·ε.
    `shard` = (offset, global batch): draw the global batch's noise and take this rank's rows, so
    N processes perturb exactly as one."""
    n, c = y.shape
    off, total = shard or (0, n)
    if kind == "dropout":
        keep = (torch.rand(total, c, generator=generator, device=y.device)[off:off + n] >= rate).to(y.dtype)
        return y * keep / (1 - rate)
    if kind == "mask":
        keep = (torch.rand(1, c, generator=generator, device=y.device) >= rate).to(y.dtype)
        return y * keep
    if kind == "gaussian":
        std = y.var(0, unbiased=False).sqrt()
        return y + torch.randn(total, c, generator=generator, device=y.device)[off:off + n] * std * noise_std
    raise ValueError(f"unknown perturbation {kind!r}; choose from {', '.join(PERTURBATIONS)}")


def batch_standardize(x, eps=1e-5):
    """Non-affine batch norm in training mode: (x − mean) / sqrt(var + eps), biased variance."""
    mean = x.mean(0, keepdim=True)
    var = x.var(0, unbiased=False, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps)


def uncertainty_weights(y_norm, avatars_norm, target_variance):
    """λ = 1/(1 + u/v_c) per element, with u the mean squared avatar deviation; returns (λ, u_rel)."""
    u = torch.stack([(a - y_norm) ** 2 for a in avatars_norm]).mean(0)
    v = torch.as_tensor(target_variance, dtype=y_norm.dtype, device=y_norm.device).clamp_min(1e-12)
    u_rel = u / v
    return (1 / (1 + u_rel)).detach(), u_rel.detach()


def avatar_term(pred, y_raw, normalizer, cfg_avatars, loss_kind, beta, seed, teacher_index, step, shard=None):
    """The avatar loss term for one teacher, and its statistics (mean λ, spread, mean u_rel,
    distances). `y_raw` are the teacher's feature-scaled targets, `pred` the student's ŷ'."""
    variant = cfg_avatars.get("variant", "paper")
    count = 1 if variant == "code" else int(cfg_avatars.get("count", 4))
    kind = cfg_avatars.get("perturbation", "dropout")
    avatars = [perturb(y_raw, kind, cfg_avatars.get("rate", 0.1), cfg_avatars.get("noiseStd", 0.1), avatar_generator(seed, teacher_index, step, k, y_raw.device), shard) for k in range(count)]
    y_n = normalizer(y_raw)
    a_n = [normalizer(a) for a in avatars]
    distances = [float(((a - y_n) ** 2).mean()) for a in a_n]
    if variant == "code":
        loss = ((batch_standardize(pred) - batch_standardize(a_n[0])) ** 2).mean()
        return loss, {"meanWeight": 1.0, "spread": 0.0, "meanUncertainty": 0.0, "distances": distances}
    lam, u_rel = uncertainty_weights(y_n, a_n, normalizer.target_variance())
    loss = torch.stack([weighted_feature_loss(loss_kind, pred, a, lam, beta) for a in a_n]).mean()
    return loss, {"meanWeight": float(lam.mean()), "spread": float(lam.std(unbiased=False)), "meanUncertainty": float(u_rel.mean()), "distances": distances}

