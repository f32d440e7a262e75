"""The training loop of an exported experiment, for `torchrun --nproc_per_node=N train.py`.

DDP student (gloo on CPU, nccl on GPUs), frozen teachers (the lab's cached features, or modules
run on the fly), normalizer statistics all-reduced across ranks, per-step loss terms in the lab's
order, logged as the lab's run events in JSON lines. The global batch B is split evenly over the
ranks; every loss is a mean over samples, so N processes at B compute the same step as 1 at B.
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.distributed as dist

from . import moments as mom
from .adapters import CachedTeacher, ModuleTeacher, module_teacher, named_teacher
from .rng import Rng, permutation


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="Distill Lab recipe: distill with PyTorch DDP (torchrun).")
    ap.add_argument("--config", default="experiment.json", help="the lab's experiment.json")
    ap.add_argument("--lab", default=None, help="the exported lab bundle (default: lab/ next to the config)")
    ap.add_argument("--steps", type=int, default=None, help="override the config's steps")
    ap.add_argument("--log", default=None, help="JSON-lines run log (default runs/<time>.jsonl)")
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument("--teachers", default="cached", choices=["cached", "live"], help="lab teachers: cached features (exact) or the converted zoo modules run on the fly")
    ap.add_argument("--teacher", action="append", default=[], metavar="ID=SOURCE", help="replace a teacher: ID=torchvision:<model> | timm:<model> | module:<file.py>:<factory>")
    ap.add_argument("--data", default="lab", help="lab | imagefolder:<train_dir>,<eval_dir>")
    ap.add_argument("--no-eval", action="store_true", help="skip evaluations (speed)")
    return ap.parse_args(argv)


class Context:
    def __init__(self, device):
        self.distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
        if self.distributed:
            dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        self.rank = dist.get_rank() if self.distributed else 0
        self.world = dist.get_world_size() if self.distributed else 1
        self.device = device
        self.backend = ("nccl" if device.type == "cuda" else "gloo") if self.distributed else "single process"

    def mean(self, t):
        """Mean of a tensor over the ranks (identical on every rank)."""
        if not self.distributed:
            return t
        t = t.clone()
        dist.all_reduce(t)
        return t / self.world


def pick_device(choice):
    if choice == "cuda" or (choice == "auto" and torch.cuda.is_available()):
        local = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local)
        return torch.device("cuda", local)
    return torch.device("cpu")


def load_teachers(cfg, bundle, args, data, device):
    """{id: teacher} in the config's order."""
    overrides = dict(s.split("=", 1) for s in args.teacher)
    feats = bundle.features if args.teachers == "cached" and args.data == "lab" else {}
    out = {}
    for t in cfg["teachers"]:
        tid = t["id"]
        src = overrides.get(tid)
        if src:
            teacher = module_teacher(src, device) if src.startswith("module:") else named_teacher(src, device)
            out[tid] = teacher.probe(data.train_x[:2], device)
        elif f"{tid}/train_features" in feats:
            g = lambda k: feats.get(f"{tid}/{k}")  # noqa: E731
            out[tid] = CachedTeacher(g("train_features"), g("eval_features"), g("train_logits"), g("eval_logits"))
        else:
            out[tid] = ModuleTeacher(bundle.zoo_teacher(tid), device).probe(data.train_x[:2], device)
    return out


def exact_moments(ctx, teacher, scale, data, chunk=512):
    """Moments of the scaled train features; each rank takes every world-th chunk, then all-reduce."""
    local = mom.empty(teacher.feature_dim)
    n = data.train_count
    for k, start in enumerate(range(0, n, chunk)):
        if k % ctx.world != ctx.rank:
            continue
        idx = torch.arange(start, min(n, start + chunk))
        x, _ = data.batch("train", idx)
        f, _ = teacher.outputs("train", idx, x, ctx.device)
        local = mom.merge(local, mom.of_batch(f.cpu() * scale))
    return mom.all_reduce(local, ctx.device if ctx.device.type == "cuda" else None)


def batch_order(cfg, bundle, trainable):
    """The lab's batches (exported) and, beyond them, the lab's own seeded permutation order."""
    exported = bundle.batches() if bundle is not None else None
    rng = Rng(cfg["seed"] + 17)
    B = cfg["batchSize"]
    order, cursor = permutation(trainable, rng), 0

    def nxt():
        nonlocal order, cursor
        if cursor + B > trainable:
            order, cursor = permutation(trainable, rng), 0
        idx = order[cursor:cursor + B]
        cursor += B
        return idx

    def at(step):
        if exported is not None and step < exported.shape[0]:
            return torch.from_numpy(exported[step].astype(np.int64))
        while len(cache) <= step:
            cache.append(nxt())
        return torch.tensor(cache[step], dtype=torch.int64)

    cache = []
    return at


def main(argv=None):
    args = parse_args(argv)
    device = pick_device(args.device)
    ctx = Context(device)
    from .loop import Run  # noqa: PLC0415  (loop imports this module)
    from .loop_eval import train  # noqa: PLC0415

    run = Run(args, ctx)
    try:
        train(run)
    finally:
        run.log.close()
    if ctx.distributed:
        dist.barrier()
        # Debian's torch 1.13 can deadlock tearing the gloo process group down at exit
        # (~ProcessGroupGloo joins a worker thread that waits for the GIL the destructor holds;
        # seen here: one rank finished, the other hung after writing its log). Every rank has
        # passed the barrier and the log is closed, so leave without running the destructors.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

