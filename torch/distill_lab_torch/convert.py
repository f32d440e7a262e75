"""Writes a .npz state dict (as exported by the lab) as a torch .pt state dict:
    python3 -m distill_lab_torch.convert lab/teachers/cnn.npz [out.pt]"""
import sys

import torch

from .bundle import load_state


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        raise SystemExit(__doc__)
    src = argv[0]
    dst = argv[1] if len(argv) > 1 else src.rsplit(".", 1)[0] + ".pt"
    torch.save(load_state(src), dst)
    print("wrote", dst)


if __name__ == "__main__":
    main()
