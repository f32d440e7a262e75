"""Checks the converted zoo teachers against the lab's cached features (eval split):
    python3 -m distill_lab_torch.check lab
prints {teacher id: max |f_torch − f_lab| / max |f_lab|} as JSON."""
import json
import sys

import torch

from .adapters import LabData
from .bundle import LabBundle


@torch.no_grad()
def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    bundle = LabBundle(argv[0] if argv else "lab")
    data = LabData(bundle)
    out = {}
    for t in bundle.manifest["teachers"]:
        if not t.get("weights"):
            continue
        net = bundle.zoo_teacher(t["id"])
        got = torch.cat([net(data.eval_x[i:i + 250])["features"] for i in range(0, data.eval_count, 250)])
        ref = torch.from_numpy(bundle.features[f"{t['id']}/eval_features"])
        out[t["id"]] = float((got - ref).abs().max() / ref.abs().max())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
