"""DFL — self-distillation from the student's own snapshots plus periodic partial reset (Park 2024,
arXiv 2403.19941), as the lab's src/methods/dfl.ts: a pool of K snapshots kept by best validation
accuracy or recency, their mean logits as the KD target, and a re-initialization of the last
`depth` layers every R steps."""
import copy
import math

import torch


class SnapshotPool:
    def __init__(self, capacity, rule="best-val"):
        if capacity < 1:
            raise ValueError(f"SnapshotPool: capacity must be a positive integer, got {capacity}")
        if rule not in ("best-val", "last-k"):
            raise ValueError(f"unknown snapshot rule {rule!r}")
        self.capacity, self.rule = capacity, rule
        self.items = []  # [(step, val_accuracy, frozen model)]

    def offer(self, step, val_accuracy, model):
        """Keeps a frozen copy of `model` if the rule accepts it; returns (accepted, evicted step)."""
        if not math.isfinite(val_accuracy):
            raise ValueError(f"SnapshotPool.offer: validation accuracy is not finite ({val_accuracy})")
        evict = None
        if len(self.items) >= self.capacity:
            if self.rule == "last-k":
                evict = 0
            else:
                worst = min(range(len(self.items)), key=lambda i: self.items[i][1])
                if self.items[worst][1] >= val_accuracy:
                    return False, None
                evict = worst
        evicted = self.items.pop(evict)[0] if evict is not None else None
        frozen = copy.deepcopy(model).eval()
        for p in frozen.parameters():
            p.requires_grad_(False)
        self.items.append((step, val_accuracy, frozen))
        return True, evicted

    @torch.no_grad()
    def target(self, x):
        """Mean logits of the snapshots on x, or None while the pool is empty."""
        if not self.items:
            return None
        return torch.stack([m(x)["logits"] for _, _, m in self.items]).mean(0)


def reset_due(step, period):
    """True at steps R, 2R, … (never at 0)."""
    return period > 0 and step > 0 and step % period == 0


@torch.no_grad()
def reset_layers(layers, depth, seed):
    """Re-initializes the last `depth` weight layers, counted from the output (LayerNorms between
    them are reset with them, not counted), each parameter with its own initializer (He stays He,
    Glorot stays Glorot, LayerNorm γ = 1, β = 0), seeded. Returns (layer names, parameters): the
    caller clears their optimizer state, as the lab does."""
    if depth <= 0:
        return [], []
    start, counted = len(layers), 0
    while start > 0 and counted < depth:
        start -= 1
        if any(p.ndim >= 2 for p, _ in layers[start][1]):
            counted += 1
    chosen = layers[start:]
    g = torch.Generator().manual_seed(seed)
    params = []
    for _, group in chosen:
        for p, init in group:
            fan_out = p.shape[0] if p.ndim >= 2 else 1
            fan_in = p.numel() // fan_out
            if init == "he":
                value = torch.randn(p.shape, generator=g) * math.sqrt(2 / fan_in)
            elif init == "glorot":
                limit = math.sqrt(6 / (fan_in + fan_out))
                value = (torch.rand(p.shape, generator=g) * 2 - 1) * limit
            elif init == "pos":
                value = torch.randn(p.shape, generator=g) * 0.02
            else:
                value = torch.ones(p.shape) if init == "ones" else torch.zeros(p.shape)
            p.copy_(value.to(p.device, p.dtype))
            params.append(p)
    return [n for n, _ in chosen], params
