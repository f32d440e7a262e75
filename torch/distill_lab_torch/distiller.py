"""The trainable part of a run: the student, one linear adaptor head per teacher (zero-initialized,
as the lab) and the OFA branch heads — one module, so DDP wraps it whole."""
import torch
import torch.nn as nn

from .models import build, ofa_branches


class Distiller(nn.Module):
    def __init__(self, student_spec, teacher_dims, ofa_kind=None):
        super().__init__()
        self.student = build(student_spec)
        dim = student_spec["featureDim"]
        self.adaptors = nn.ModuleDict()
        for tid, c in teacher_dims.items():
            head = nn.Linear(dim, c)
            nn.init.zeros_(head.weight)
            nn.init.zeros_(head.bias)
            self.adaptors[tid] = head
        self.branches = nn.ModuleList()
        if ofa_kind is not None:
            h, w, cin = student_spec["inputShape"]
            with torch.no_grad():
                stages = self.student(torch.zeros(1, cin, h, w))["stages"]
            self.branches.extend(ofa_branches(student_spec, [list(s.shape) for s in stages], ofa_kind))

    def forward(self, x):
        out = self.student(x)
        preds = {tid: head(out["features"]) for tid, head in self.adaptors.items()}
        branch_logits = [b(s) for b, s in zip(self.branches, out["stages"])]
        return out, preds, branch_logits

