"""The step loop around `Run.step`: logging, divergence, DFL snapshots/resets, evaluations."""
import math
import time

import torch

from .dfl import reset_due, reset_layers
from .evaluation import accuracy, feature_shares, knn_accuracy, linear_cka, summarize, teacher_errors

KNN_DB = 2000


def teacher_info(run):
    out = []
    for s in run.slots:
        e = run.bundle.teacher_entry(s.id) or {}
        out.append({"id": s.id, "name": e.get("name", s.id), "arch": (e.get("spec") or {}).get("arch", "torch"), "featureDim": s.teacher.feature_dim,
                    "parameters": e.get("parameters", 0), "testAccuracy": e.get("testAccuracy", float("nan")), "featureScale": s.scale, "weight": s.weight})
    return out


def train(run):
    ctx, cfg = run.ctx, run.cfg
    engine = f"PyTorch {torch.__version__} DDP ({ctx.backend}, {ctx.world} × {ctx.device.type})"
    run.log.started(cfg, teacher_info(run), run.terms, None, 0)
    run.log.emit({"type": "engine", "name": engine, "world": ctx.world, "device": ctx.device.type})
    started = time.perf_counter()
    last = started
    for step in range(cfg["steps"]):
        values, aux = run.step(step)
        now = time.perf_counter()
        point = {"step": step, "terms": values, "total": sum(values), "shares": feature_shares(run.terms, values), "samplesPerSecond": run.B / max(now - last, 1e-6)}
        last = now
        bad = next((i for i, v in enumerate(values) if not math.isfinite(v)), None)
        if bad is not None:
            run.diverged = {"step": step, "term": run.term_ids[bad]}
            run.log.emit({"type": "diverged", **run.diverged})
            break
        run.history.append(point)
        run.log.steps([point])
        run.avatar_rows += aux
        for a in aux if step % 10 == 0 or step == cfg["steps"] - 1 else []:
            run.log.emit({"type": "avatar", "step": step, "teacher": a["teacher"], "meanWeight": a["meanWeight"], "spread": a["spread"], "uncertainty": a["meanUncertainty"], "distances": a["distances"]})
        if run.pool is not None:
            dfl_hooks(run, step)
        if not run.args.no_eval and (step + 1) % cfg["evalEvery"] == 0 and step + 1 < cfg["steps"]:
            evaluate(run, step + 1)
    wall = time.perf_counter() - started
    if not run.args.no_eval and run.diverged is None:
        evaluate(run, len(run.history))
    summary = summarize(run.history, [s.id for s in run.slots], run.last_eval, has_head(cfg), wall, run.B, run.diverged, run.refit_steps, run.avatar_rows)
    run.log.emit({"type": "done", "summary": summary})
    return summary


def has_head(cfg):
    return cfg["labelWeight"] > 0 or cfg["logits"]["method"] != "none" or cfg["dfl"]["enabled"]


@torch.no_grad()
def holdout_accuracy(run):
    idx = torch.arange(run.trainable, run.data.train_count)
    x, y = run.data.batch("train", idx)
    return accuracy(run.model.student(x.to(run.ctx.device))["logits"], y.to(run.ctx.device))


def dfl_hooks(run, step):
    d = run.cfg["dfl"]
    if (step + 1) % d["snapshotEvery"] == 0:
        acc = holdout_accuracy(run)
        ok, evicted = run.pool.offer(step + 1, acc, run.model.student)
        detail = f"kept (val {acc * 100:.1f} %)" + ("" if evicted is None else f", dropped step {evicted}") if ok else f"not kept (val {acc * 100:.1f} %)"
        run.log.emit({"type": "dfl", "step": step + 1, "kind": "snapshot", "detail": detail})
    if reset_due(step + 1, d["resetPeriod"]):
        names, params = reset_layers(run.model.student.layers(), d["resetDepth"], run.cfg["seed"] + step)
        for p in params:
            run.opt.state.pop(p, None)  # Adam's moments would keep pushing along the old gradients
        run.log.emit({"type": "dfl", "step": step + 1, "kind": "reset", "detail": f"re-initialized {', '.join(names) or 'nothing'}"})


@torch.no_grad()
def evaluate(run, step):
    """Rank 0 evaluates on the whole eval split (no collectives inside); others skip."""
    if run.ctx.rank != 0:
        return
    dev, data, model = run.ctx.device, run.data, run.model
    model.eval()
    eidx = torch.arange(data.eval_count)
    x, y = data.batch("eval", eidx)
    out, preds, _ = model(x.to(dev))
    n_db = min(KNN_DB, run.trainable)
    dbx, dby = data.batch("train", torch.arange(n_db))
    db = model.student(dbx.to(dev))["features"]
    knn = knn_accuracy(db, dby.to(dev), out["features"], y.to(dev), data.num_classes)
    per = []
    for s in run.slots:
        f, _ = s.teacher.outputs("eval", eidx, x, dev)
        target = f * s.scale
        e = teacher_errors(preds[s.id], target, s.normalizer, s.zca)
        per.append({"id": s.id, **e, "cka": linear_cka(out["features"], target)})
    model.train()
    run.last_eval = {"testAccuracy": accuracy(out["logits"], y.to(dev)) if has_head(run.cfg) else None, "knnAccuracy": knn, "perTeacher": per}
    run.log.emit({"type": "eval", "step": step, **run.last_eval, "logits": None})
