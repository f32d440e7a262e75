"""Feature and logit losses, as the lab's src/methods/featureLoss.ts and logitLoss.ts."""
import torch.nn.functional as F

FEATURE_LOSSES = ("mse", "cosine", "smooth-l1", "balanced")


def cosine_distance(pred, target):
    """mean_n (1 − cos(ŷ_n, y_n)), norms floored at 1e-8 (a zero vector has cosine 0)."""
    dot = (pred * target).sum(1)
    norms = pred.norm(dim=1).clamp_min(1e-8) * target.norm(dim=1).clamp_min(1e-8)
    return (1 - dot / norms).mean()


def smooth_l1(pred, target, beta):
    """torch's smooth_l1_loss(β), mean over elements: 0.5 d²/β if |d| < β else |d| − β/2."""
    if not beta > 0:
        raise ValueError(f"smooth_l1: beta must be positive, got {beta}")
    d = (pred - target).abs()
    q = d.clamp(max=beta)
    return (0.5 * q * q / beta + (d - q)).mean()


def feature_loss(kind, pred, target, beta=2.0):
    """mse | cosine | smooth-l1 | balanced (0.9·cosine + 0.1·smooth-L1, AM-RADIO)."""
    if pred.shape != target.shape or pred.ndim != 2:
        raise ValueError(f"feature_loss({kind}): prediction {list(pred.shape)} and target {list(target.shape)} must both be [N, C] and equal")
    if kind == "mse":
        return ((pred - target) ** 2).mean()
    if kind == "cosine":
        return cosine_distance(pred, target)
    if kind == "smooth-l1":
        return smooth_l1(pred, target, beta)
    if kind == "balanced":
        return 0.9 * cosine_distance(pred, target) + 0.1 * smooth_l1(pred, target, beta)
    raise ValueError(f"unknown feature loss {kind!r}; choose from {', '.join(FEATURE_LOSSES)}")


def weighted_feature_loss(kind, pred, target, weight, beta=2.0):
    """Avatar KD's uncertainty-weighted loss (CONTRACTS): MSE and smooth-L1 = mean of λ ⊙ the
    elementwise loss; cosine uses each sample's mean λ; balanced = 0.9·weighted cosine + 0.1·weighted smooth-L1."""
    def wcos():
        dot = (pred * target).sum(1)
        norms = pred.norm(dim=1).clamp_min(1e-8) * target.norm(dim=1).clamp_min(1e-8)
        return (weight.mean(1) * (1 - dot / norms)).mean()

    def wsl1():
        d = (pred - target).abs()
        q = d.clamp(max=beta)
        return (weight * (0.5 * q * q / beta + (d - q))).mean()

    if kind == "mse":
        return (weight * (pred - target) ** 2).mean()
    if kind == "cosine":
        return wcos()
    if kind == "smooth-l1":
        return wsl1()
    if kind == "balanced":
        return 0.9 * wcos() + 0.1 * wsl1()
    raise ValueError(f"unknown feature loss {kind!r}")


def standardize_logits(z, eps=1e-7):
    """Logit standardization (Sun et al. 2024): (z − mean) / (eps + std), std unbiased."""
    return (z - z.mean(-1, keepdim=True)) / (eps + z.std(-1, keepdim=True))


def kd_loss(student, teacher, temperature=4.0, standardize=False):
    """T² · mean_n KL(softmax(z_t/T) ‖ softmax(z_s/T)); with `standardize`, LS-KD."""
    if not temperature > 0:
        raise ValueError(f"kd_loss: temperature must be positive, got {temperature}")
    zs = standardize_logits(student) if standardize else student
    zt = standardize_logits(teacher) if standardize else teacher
    log_ps = F.log_softmax(zs / temperature, dim=1)
    log_pt = F.log_softmax(zt / temperature, dim=1)
    return (log_pt.exp() * (log_pt - log_ps)).sum(1).mean() * temperature ** 2


def cross_entropy(logits, labels):
    return F.cross_entropy(logits, labels.long())


def ofa_loss(student, teacher, labels, eps=1.0, temperature=1.0, variant="code"):
    """OFA-KD (Hao et al. 2023), p = softmax(z/T), e the one-hot label:
    code:  −Σ_c [(p_t,c + e_c)^ε − e_c] log p_s,c      (Hao840/OFAKD distillers/ofa.py)
    paper: −(1 + p_t,y)^ε log p_s,y − Σ_{c≠y} p_t,c log p_s,c."""
    log_ps = F.log_softmax(student / temperature, dim=1)
    pt = F.softmax(teacher / temperature, dim=1)
    e = F.one_hot(labels.long(), student.shape[1]).to(student.dtype)
    if variant == "code":
        w = (pt + e) ** eps - e
    elif variant == "paper":
        w = e * (1 + pt) ** eps + (1 - e) * pt
    else:
        raise ValueError(f"unknown OFA variant {variant!r}")
    return -(w * log_ps).sum(1).mean()
