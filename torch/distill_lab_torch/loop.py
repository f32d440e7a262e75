"""One run: setup (data, teachers, normalizers, DDP student) and the step loop."""
import json
import os
import time

import torch
from torch.nn.parallel import DistributedDataParallel as DDP

from . import moments as mom
from .adapters import ImageFolderData, LabData
from .avatars import avatar_term
from .bundle import LabBundle
from .dfl import SnapshotPool
from .distiller import Distiller
from .losses import cross_entropy, feature_loss, kd_loss, ofa_loss
from .normalizers import fit, stream_refit_due
from .recipe import batch_order, exact_moments, load_teachers
from .runlog import RunLog

DFL_HOLDOUT = 500


class Slot:
    """One teacher of the run: its outputs, scale, weight and normalizers."""

    def __init__(self, ref, teacher, exact, stat_mode, seed, kind):
        self.id, self.teacher = ref["id"], teacher
        self.scale, self.weight = ref.get("featureScale", 1), ref.get("weight", 1)
        self.logit_scale = ref.get("logitScale", 1)
        self.exact = exact
        self.zca = fit("zca", exact, seed)
        self.normalizer = fit(kind, exact, seed) if stat_mode == "exact" else None
        self.stream = mom.empty(teacher.feature_dim)
        self.last_fit = exact if stat_mode == "exact" else None


class Run:
    def __init__(self, args, ctx):
        self.args, self.ctx = args, ctx
        with open(args.config, encoding="utf-8") as f:
            self.cfg = cfg = json.load(f)
        if args.steps is not None:
            cfg["steps"] = args.steps
        lab_dir = args.lab or os.path.join(os.path.dirname(os.path.abspath(args.config)), "lab")
        self.bundle = LabBundle(lab_dir)
        self.data = self._data()
        self.B = cfg["batchSize"]
        if self.B % ctx.world:
            raise SystemExit(f"batch size {self.B} is not divisible by {ctx.world} processes")
        self.local_b = self.B // ctx.world
        teachers = load_teachers(cfg, self.bundle, args, self.data, ctx.device)
        fcfg = cfg["feature"]
        self.slots = [Slot(t, teachers[t["id"]], exact_moments(ctx, teachers[t["id"]], t.get("featureScale", 1), self.data), fcfg["statistics"], cfg["seed"], fcfg["normalizer"]) for t in cfg["teachers"]]
        self.freeze = min(fcfg.get("streamFreezeSteps", 3000), cfg["steps"])
        self._student()
        self.holdout = min(DFL_HOLDOUT, self.data.train_count // 5) if cfg["dfl"]["enabled"] else 0
        self.trainable = self.data.train_count - self.holdout
        if self.trainable < self.B:
            raise SystemExit(f"batch size {self.B} exceeds the {self.trainable} training samples")
        self.order = batch_order(cfg, self.bundle if args.data == "lab" else None, self.trainable)
        self.pool = SnapshotPool(cfg["dfl"]["poolSize"], cfg["dfl"]["rule"]) if cfg["dfl"]["enabled"] else None
        self.terms = self._terms()
        self.term_ids = [t["key"] for t in self.terms]
        self.history, self.last_eval, self.diverged, self.refit_steps, self.avatar_rows = [], None, None, [], []
        self.log = RunLog(args.log or f"runs/{time.strftime('%Y%m%d-%H%M%S')}.jsonl" if ctx.rank == 0 else None)
        if ctx.rank == 0 and args.log is None:
            os.makedirs("runs", exist_ok=True)

    def _data(self):
        if self.args.data == "lab":
            return LabData(self.bundle)
        if self.args.data.startswith("imagefolder:"):
            train_dir, eval_dir = self.args.data.split(":", 1)[1].split(",")
            h, _, c = self.bundle.manifest["dataset"]["inputShape"]
            return ImageFolderData(train_dir, eval_dir, h, c)
        raise SystemExit(f"--data must be lab or imagefolder:<train>,<eval>, got {self.args.data}")

    def _student(self):
        cfg, ctx = self.cfg, self.ctx
        spec = dict(self.bundle.manifest["student"]["spec"])
        spec["numClasses"] = self.data.num_classes
        o = cfg["logits"]["ofa"]
        ofa = o.get("branchKind", "deep") if cfg["logits"]["method"] == "ofa" and o.get("branches", True) else None
        model = Distiller(spec, {s.id: s.teacher.feature_dim for s in self.slots}, ofa)
        init = self.bundle.student_init() if self.args.data == "lab" else None
        if init is not None:
            model.load_state_dict(init)
        self.model = model.to(ctx.device)
        self.ddp = DDP(self.model, device_ids=[ctx.device.index] if ctx.device.type == "cuda" else None, find_unused_parameters=True) if ctx.distributed else self.model
        o = cfg["optimizer"]
        params = list(self.model.parameters())
        self.opt = torch.optim.Adam(params, lr=o["learningRate"], eps=1e-7) if o["kind"] == "adam" else torch.optim.SGD(params, lr=o["learningRate"], momentum=0.9)

    def _terms(self):
        """The lab's loss-term descriptors (engine/lossTerms.ts), in the lab's order."""
        cfg = self.cfg
        name = lambda tid: (self.bundle.teacher_entry(tid) or {}).get("name", tid)  # noqa: E731
        avatars = cfg["feature"]["enabled"] and cfg["avatars"]["enabled"]
        terms = []
        if cfg["feature"]["enabled"] and not (avatars and cfg["avatars"].get("variant") == "code"):
            terms += [{"kind": "feature", "teacher": s.id, "key": f"feature:{s.id}", "label": f"{name(s.id)} features"} for s in self.slots]
        if avatars:
            terms += [{"kind": "avatar", "teacher": s.id, "key": f"avatar:{s.id}", "label": f"{name(s.id)} avatars"} for s in self.slots]
        method = cfg["logits"]["method"]
        if method != "none":
            label = {"kd": "KD (Hinton)", "ls-kd": "logit-standardized KD", "ofa": "OFA, final logits"}[method]
            terms.append({"kind": "logit", "method": method, "key": f"logit:{method}", "label": label})
        terms += [{"kind": "ofa-branch", "stage": i + 1, "key": f"ofa:branch{i + 1}", "label": f"OFA branch, stage {i + 1}"} for i in range(len(self.model.branches))]
        if cfg["labelWeight"] > 0:
            terms.append({"kind": "ce", "key": "ce", "label": "cross-entropy (labels)"})
        if cfg["dfl"]["enabled"]:
            terms.append({"kind": "dfl", "key": "dfl", "label": "DFL self-distillation"})
        return terms

    # ---------- statistics ----------
    def _refit_streaming(self, step, raws):
        if step >= self.freeze:
            return
        refitted = []
        for s, raw in zip(self.slots, raws):
            batch = mom.all_reduce(mom.of_batch(raw.cpu()), self.ctx.device if self.ctx.device.type == "cuda" else None)
            s.stream = mom.merge(s.stream, batch)
            n = step + 1
            if s.normalizer is None or stream_refit_due(n, self.freeze):
                s.normalizer = fit(self.cfg["feature"]["normalizer"], s.stream, self.cfg["seed"])
                s.last_fit = s.stream
                refitted.append(s.id)
        if refitted:
            self.refit_steps.append(step)
            self.log.emit({"type": "refit", "step": step, "teachers": refitted})

    # ---------- one step ----------
    def _teacher_logits(self, outs):
        cfg = self.cfg["logits"]
        chosen = [(s, lg) for s, (_, lg) in zip(self.slots, outs) if lg is not None and (cfg["teacher"] == "mean" or s.id == cfg["teacher"])]
        if not chosen:
            raise SystemExit(f"logit distillation needs a teacher with class logits ({cfg['teacher']})")
        return torch.stack([lg * s.logit_scale for s, lg in chosen]).mean(0)

    def step(self, step):
        cfg, ctx = self.cfg, self.ctx
        idx = self.order(step)[ctx.rank * self.local_b:(ctx.rank + 1) * self.local_b]
        x, labels = self.data.batch("train", idx)
        x, labels = x.to(ctx.device), labels.to(ctx.device)
        outs = [s.teacher.outputs("train", idx, x, ctx.device) for s in self.slots]
        raws = [f * s.scale for s, (f, _) in zip(self.slots, outs)]
        if cfg["feature"]["statistics"] == "streaming":
            self._refit_streaming(step, raws)
        out, preds, branch_logits = self.ddp(x)
        terms, aux = self._losses(step, out, preds, branch_logits, raws, outs, x, labels)
        total = torch.stack(terms).sum()
        self.opt.zero_grad(set_to_none=True)
        total.backward()
        self.opt.step()
        values = ctx.mean(torch.stack([t.detach() for t in terms]).double().cpu()).tolist()
        return values, aux

    def _losses(self, step, out, preds, branch_logits, raws, outs, x, labels):
        cfg = self.cfg
        fc, terms, aux = cfg["feature"], [], []
        if fc["enabled"]:
            if "feature" in {t["kind"] for t in self.terms}:
                for s, raw in zip(self.slots, raws):
                    terms.append(feature_loss(fc["loss"], preds[s.id], s.normalizer(raw), fc["beta"]) * s.weight)
            if cfg["avatars"]["enabled"]:
                for i, (s, raw) in enumerate(zip(self.slots, raws)):
                    loss, stats = avatar_term(preds[s.id], raw, s.normalizer, cfg["avatars"], fc["loss"], fc["beta"], cfg["seed"], i, step, (self.ctx.rank * self.local_b, self.B))
                    terms.append(loss * s.weight)
                    aux.append({"teacher": s.id, **stats})
        lc = cfg["logits"]
        if lc["method"] != "none":
            t_logits = self._teacher_logits(outs)
            if lc["method"] == "ofa":
                o = lc["ofa"]
                terms.append(ofa_loss(out["logits"], t_logits, labels, o["eps"], lc["temperature"], o["variant"]) * lc["weight"])
                eps = lambda i: (o.get("epsPerStage") or [])[i] if i < len(o.get("epsPerStage") or []) else o["eps"]  # noqa: E731
                terms += [ofa_loss(b, t_logits, labels, eps(i), lc["temperature"], o["variant"]) * lc["weight"] for i, b in enumerate(branch_logits)]
            else:
                terms.append(kd_loss(out["logits"], t_logits, lc["temperature"], lc["method"] == "ls-kd") * lc["weight"])
        if cfg["labelWeight"] > 0:
            terms.append(cross_entropy(out["logits"], labels) * cfg["labelWeight"])
        if self.pool is not None:
            target = self.pool.target(x)
            d = cfg["dfl"]
            terms.append(kd_loss(out["logits"], target, d["temperature"]) * d["weight"] if target is not None else out["logits"].sum() * 0)
        return terms, aux

