"""Distill Lab's distillation methods in PyTorch: one implementation per method, matching the lab.

Modules: hadamard (orthonormal Hadamard matrices), moments (float64 mergeable statistics,
all-reduced across ranks), normalizers (the eight teacher normalizations), losses (feature and
logit losses), avatars (Avatar KD), dfl (snapshot pool and reset), models (the lab's
architectures with its parameter names), adapters (your own teachers and data), runlog (the
lab's run-event format as JSON lines), recipe (the torchrun training loop).
"""
__version__ = "0.1.0"
