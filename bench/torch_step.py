"""The lab's training step, matched in PyTorch (CPU, one thread): npm run bench calls this.

Student: MLP 784-256-128 (ReLU), class head 128-10 evaluated as in the lab. distill: one linear
adaptor head per teacher (128 -> C_t), MSE per teacher, summed; plain: cross-entropy on the class
head. Adam, lr 1e-3. Inputs and targets are random (the step's cost does not depend on values).
Prints one JSON line: {"mode", "batch", "ms_per_step", "samples_per_s", "threads", "torch"}.
"""
import argparse
import json
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--mode", choices=["plain", "distill"], required=True)
p.add_argument("--batch", type=int, required=True)
p.add_argument("--heads", default="128,48,128")
p.add_argument("--steps", type=int, default=100)
a = p.parse_args()

torch.set_num_threads(1)
torch.manual_seed(0)
nn = torch.nn
student = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU())
head = nn.Linear(128, 10)
dims = [int(d) for d in a.heads.split(",")] if a.mode == "distill" else []
adaptors = nn.ModuleList([nn.Linear(128, d) for d in dims])
params = list(student.parameters()) + list(head.parameters()) + list(adaptors.parameters())
opt = torch.optim.Adam(params, lr=1e-3)
x = torch.rand(a.batch, 784)
labels = torch.randint(0, 10, (a.batch,))
targets = [torch.randn(a.batch, d) for d in dims]


def step():
    opt.zero_grad(set_to_none=True)
    f = student(x)
    logits = head(f)
    if a.mode == "distill":
        loss = sum(torch.mean((ad(f) - t) ** 2) for ad, t in zip(adaptors, targets))
    else:
        loss = nn.functional.cross_entropy(logits, labels)
    loss.backward()
    opt.step()
    return loss


for _ in range(20):
    step()
times = []
for _ in range(a.steps):
    t0 = time.perf_counter()
    step().item()
    times.append(time.perf_counter() - t0)
ms = statistics.median(times) * 1000
print(json.dumps({"mode": a.mode, "batch": a.batch, "ms_per_step": ms, "samples_per_s": a.batch / (ms / 1000), "threads": torch.get_num_threads(), "torch": torch.__version__}))
