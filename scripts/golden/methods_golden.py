#!/usr/bin/python3
"""Second implementation of Distill Lab's method math, in PyTorch/NumPy (float64).

Writes methods-golden.json: fixed inputs and the values/gradients the TypeScript methods must
reproduce. Written from the papers and DESIGN.md §3, independently of src/. Run with Debian's
python3-torch:  /usr/bin/python3 scripts/golden/methods_golden.py
"""
import json
import os

import numpy as np
import scipy.linalg
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20240601)
out = {}


def tolist(x):
    return np.asarray(x, dtype=np.float64).tolist()


# ---------- Hadamard (Sylvester via scipy; Paley I written out) ----------
def legendre(a, q):
    a %= q
    if a == 0:
        return 0
    return 1 if pow(a, (q - 1) // 2, q) == 1 else -1


def paley1(q):
    n = q + 1
    s = np.zeros((n, n))
    s[0, 1:] = 1
    s[1:, 0] = -1
    for i in range(q):
        for j in range(q):
            s[i + 1, j + 1] = legendre(j - i, q)
    return s + np.eye(n)


def hadamard_orthonormal(n):
    if n & (n - 1) == 0:
        h = scipy.linalg.hadamard(n).astype(np.float64)
    elif n == 12:
        h = paley1(11)
    else:
        raise ValueError(n)
    assert np.allclose(h @ h.T, n * np.eye(n))
    return h / np.sqrt(n)


# ---------- normalizers (PHI-S paper, DESIGN §3.1) ----------
def eig_desc(cov):
    lam, u = np.linalg.eigh(cov)
    order = np.argsort(-lam, kind="stable")
    lam, u = np.clip(lam[order], 0, None), u[:, order]
    for j in range(u.shape[1]):
        col = u[:, j]
        pivot = int(np.argmax(np.abs(col)))  # first index of the max magnitude
        if col[pivot] < 0:
            u[:, j] = -col
    return lam, u


def normalize(kind, y, eig_floor=1e-6, std_floor=None):
    mu = y.mean(0)
    cov = np.cov(y, rowvar=False, ddof=1)
    c = y.shape[1]
    x = y - mu
    if kind == "none":
        return y.copy()
    if kind == "center":
        return x
    if kind == "global":
        return x / np.sqrt(np.trace(cov) / c)
    if kind == "per-dim":
        floor = 1e-3 * np.sqrt(np.trace(cov) / c) if std_floor is None else std_floor
        return x / np.maximum(np.sqrt(np.diag(cov)), floor)
    lam, u = eig_desc(cov)
    lf = np.maximum(lam, eig_floor)
    if kind == "pca":
        return x @ (np.diag(lf ** -0.5) @ u.T).T
    if kind == "zca":
        return x @ (u @ np.diag(lf ** -0.5) @ u.T).T
    h = hadamard_orthonormal(c)
    if kind == "hca":
        return x @ (h @ np.diag(lf ** -0.5) @ u.T).T
    if kind == "phi-s":
        alpha = np.sqrt(lam.mean())
        return x @ (h @ u.T / alpha).T
    raise ValueError(kind)


KINDS = ["none", "center", "global", "per-dim", "pca", "zca", "hca", "phi-s"]


def feature_set(n, c, rank=None):
    r = rank or c
    z = rng.normal(size=(n, r)) * np.linspace(3.0, 0.2, r)
    a = rng.normal(size=(r, c))
    return z @ a + rng.normal(size=c) * 2.0


sets = {"c8": feature_set(40, 8), "c12": feature_set(48, 12), "c8rank3": feature_set(40, 8, rank=3)}
out["normalizers"] = {
    name: {"features": tolist(y), "dim": y.shape[1], "outputs": {k: tolist(normalize(k, y)) for k in KINDS}}
    for name, y in sets.items()
}

# ---------- logit losses ----------
zs = rng.normal(size=(4, 5)) * 1.5
zt = rng.normal(size=(4, 5)) * 6.0 + 2.0
labels = np.array([0, 3, 1, 4])
out["logits"] = {"student": tolist(zs), "teacher": tolist(zt), "labels": labels.tolist()}


def standardize(z):
    return (z - z.mean(-1, keepdim=True)) / (1e-7 + z.std(-1, keepdim=True))


def kd(s, t, temp, stand):
    if stand:
        s, t = standardize(s), standardize(t)
    log_ps = F.log_softmax(s / temp, dim=1)
    pt = F.softmax(t / temp, dim=1)
    return F.kl_div(log_ps, pt, reduction="none").sum(1).mean() * temp ** 2


def ofa(s, t, lab, eps, temp, variant):
    ps = F.softmax(s / temp, dim=1)
    pt = F.softmax(t / temp, dim=1)
    e = F.one_hot(torch.tensor(lab), s.shape[1]).to(s.dtype)
    if variant == "code":  # Hao840/OFAKD distillers/ofa.py
        w = (pt + e) ** eps - e
    else:  # paper Eq.: target boosted as (1 + p_t,y)^eps, others p_t,c
        w = e * (1 + pt) ** eps + (1 - e) * pt
    return torch.sum(-w * torch.log(ps), dim=-1).mean()


cases = {
    "kd_T4": lambda s: kd(s, torch.tensor(zt), 4.0, False),
    "kd_T1": lambda s: kd(s, torch.tensor(zt), 1.0, False),
    "lskd_T2": lambda s: kd(s, torch.tensor(zt), 2.0, True),
    "ofa_code_eps1_T1": lambda s: ofa(s, torch.tensor(zt), labels, 1.0, 1.0, "code"),
    "ofa_code_eps1.5_T1": lambda s: ofa(s, torch.tensor(zt), labels, 1.5, 1.0, "code"),
    "ofa_code_eps1.5_T2": lambda s: ofa(s, torch.tensor(zt), labels, 1.5, 2.0, "code"),
    "ofa_paper_eps1.5_T1": lambda s: ofa(s, torch.tensor(zt), labels, 1.5, 1.0, "paper"),
    "ce": lambda s: F.cross_entropy(s, torch.tensor(labels)),
}
res = {}
for name, fn in cases.items():
    s = torch.tensor(zs, requires_grad=True)
    v = fn(s)
    v.backward()
    res[name] = {"value": float(v), "grad": tolist(s.grad.numpy())}
out["logitLosses"] = res
out["standardized"] = {"student": tolist(standardize(torch.tensor(zs)).numpy())}

# ---------- feature losses ----------
pred = rng.normal(size=(3, 4)) * 2
target = rng.normal(size=(3, 4)) * 2
out["features"] = {"pred": tolist(pred), "target": tolist(target)}


def cos_loss(p, t):
    return (1 - F.cosine_similarity(p, t, dim=1)).mean()


flosses = {
    "mse": lambda p, t: F.mse_loss(p, t),
    "cosine": cos_loss,
    "smooth-l1": lambda p, t: F.smooth_l1_loss(p, t, beta=2.0),
    "balanced": lambda p, t: 0.9 * cos_loss(p, t) + 0.1 * F.smooth_l1_loss(p, t, beta=2.0),
}
fres = {}
for name, fn in flosses.items():
    p = torch.tensor(pred, requires_grad=True)
    v = fn(p, torch.tensor(target))
    v.backward()
    fres[name] = {"value": float(v), "grad": tolist(p.grad.numpy())}
out["featureLosses"] = fres

# ---------- avatars ----------
vanilla = rng.normal(size=(6, 4))
avatars = [vanilla + rng.normal(size=(6, 4)) * s for s in (0.1, 0.5, 1.0)]
d = torch.tensor([np.mean((a - vanilla) ** 2) for a in avatars])
u = torch.var(d, unbiased=False)
out["avatars"] = {
    "vanilla": tolist(vanilla),
    "avatars": [tolist(a) for a in avatars],
    "distances": tolist(d.numpy()),
    "uncertainty": float(u),
    "weight": float(1 / (1 + u)),
    "batchStandardized": tolist(F.batch_norm(torch.tensor(vanilla), None, None, training=True, eps=1e-5).numpy()),
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "methods-golden.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path)
