"""Evaluation as the lab's engine/training/evaluation.ts and CONTRACTS.md: per-teacher errors
(normalized space, FVU in the teacher's raw space, centered cosine, whitened error, linear CKA),
student test accuracy and kNN accuracy of its features."""
import numpy as np
import torch


def teacher_errors(pred, target, norm, zca):
    """pred: adaptor output in the run's normalized space; target: scaled teacher features."""
    target_norm = norm(target)
    per_dim = ((pred - target_norm) ** 2).mean(0)
    pred_raw = norm.inverse(pred)
    mu = target.mean(0, keepdim=True)
    yc, pc = target - mu, pred_raw - mu
    fvu = ((pred_raw - target) ** 2).sum() / (yc ** 2).sum().clamp_min(1e-12)
    cos = ((pc * yc).sum(1) / (pc.norm(dim=1).clamp_min(1e-8) * yc.norm(dim=1).clamp_min(1e-8))).mean()
    whitened = ((zca(pred_raw) - zca(target)) ** 2).mean()
    return {
        "errorNormalized": float(per_dim.mean()),
        "fvu": float(fvu),
        "whitenedError": float(whitened),
        "cosineCentered": float(cos),
        "errorPerDim": per_dim.tolist(),
    }


def linear_cka(x, y):
    """‖Ycᵀ Xc‖²_F / (‖Xcᵀ Xc‖_F ‖Ycᵀ Yc‖_F), centered, in float64."""
    x = x.double() - x.double().mean(0)
    y = y.double() - y.double().mean(0)
    num = (y.T @ x).norm() ** 2
    den = (x.T @ x).norm() * (y.T @ y).norm()
    return float(num / den.clamp_min(1e-30))


def accuracy(logits, labels):
    return float((logits.argmax(1) == labels).float().mean())


def knn_accuracy(db, db_labels, queries, labels, num_classes, k=5):
    """Cosine kNN, majority vote with a small similarity bonus so ties go to the closer class."""
    unit = lambda z: z / z.norm(dim=1, keepdim=True).clamp_min(1e-8)  # noqa: E731
    sims = unit(queries) @ unit(db).T
    values, idx = sims.topk(min(k, db.shape[0]), dim=1)
    onehot = torch.nn.functional.one_hot(db_labels[idx], num_classes).float()
    votes = (onehot * (1 + values * 1e-3).unsqueeze(2)).sum(1)
    return float((votes.argmax(1) == labels).float().mean())


def feature_shares(terms, values):
    """Each teacher's share of the feature loss (the avatar terms in Avatar KD's "code" variant)."""
    idx = [i for i, t in enumerate(terms) if t["kind"] == "feature"] or [i for i, t in enumerate(terms) if t["kind"] == "avatar"]
    f = [values[i] for i in idx]
    s = sum(f)
    return [v / s if s > 0 else 0.0 for v in f]


def summarize(history, teacher_ids, last_eval, has_head, wall, batch, diverged, refit_steps, avatar_rows):
    """The lab's RunSummary (engine/events.ts)."""
    tail = [p["shares"] for p in history[-100:]]
    first = history[0]["shares"] if history else []
    nan = float("nan")
    per = []
    for k, tid in enumerate(teacher_ids):
        e = next((p for p in (last_eval or {}).get("perTeacher", []) if p["id"] == tid), {})
        per.append({
            "id": tid,
            "lossShare": float(np.mean([r[k] for r in tail])) if tail and len(tail[0]) > k else nan,
            "initialShare": first[k] if k < len(first) else nan,
            **{key: e.get(key, nan) for key in ("errorNormalized", "fvu", "whitenedError", "cka", "cosineCentered")},
        })
    ls = [p["lossShare"] for p in per if np.isfinite(p["lossShare"])]
    fin = lambda key: [p[key] for p in per if np.isfinite(p[key])]  # noqa: E731
    fvus = fin("fvu")
    avatars = [{"teacher": t, "meanWeight": float(np.mean([a["meanWeight"] for a in avatar_rows if a["teacher"] == t])),
                "spread": float(np.mean([a["spread"] for a in avatar_rows if a["teacher"] == t]))} for t in teacher_ids if any(a["teacher"] == t for a in avatar_rows)]
    return {
        "steps": len(history),
        "perTeacher": per,
        "balanceIndex": max(ls) / min(ls) if ls and min(ls) > 0 else float("inf"),
        "worstFvu": max(fvus) if fvus else nan,
        "meanFvu": float(np.mean(fvus)) if fvus else nan,
        "fvuSpread": max(fvus) / min(fvus) if fvus and min(fvus) > 0 else nan,
        "worstWhitenedError": max(fin("whitenedError")) if fin("whitenedError") else nan,
        "meanCka": float(np.mean(fin("cka"))) if fin("cka") else nan,
        "avatars": avatars,
        "refitSteps": refit_steps,
        "testAccuracy": (last_eval or {}).get("testAccuracy") if has_head else None,
        "knnAccuracy": (last_eval or {}).get("knnAccuracy"),
        "samplesPerSecond": len(history) * batch / max(wall, 1e-3),
        "wallSeconds": wall,
        "finalLoss": history[-1]["total"] if history else nan,
        "diverged": diverged,
    }
