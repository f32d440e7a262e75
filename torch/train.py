#!/usr/bin/env python3
"""Distill Lab recipe: distill the exported experiment with PyTorch DDP.

    torchrun --nproc_per_node=N train.py --config experiment.json

CPU processes talk over gloo, GPUs over nccl. See README.md for the options.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from distill_lab_torch.recipe import main  # noqa: E402

if __name__ == "__main__":
    main()
