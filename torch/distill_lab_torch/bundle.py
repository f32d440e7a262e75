"""The lab's own data and state, as exported next to train.py (folder `lab/`): train/eval arrays,
cached teacher features and logits, the zoo teachers as state dicts (.npz, key = state-dict key),
the student's initial weights and the lab's batch order."""
import json
import os

import numpy as np
import torch

from .models import build


def load_state(path):
    """A state dict stored as .npz (what a browser can write): {key: tensor}."""
    with np.load(path) as z:
        return {k: torch.from_numpy(np.array(z[k])) for k in z.files}


class LabBundle:
    def __init__(self, folder):
        self.folder = folder
        path = os.path.join(folder, "manifest.json")
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path} not found: export the experiment from the lab (npm run lab -- export-torch …)")
        with open(path, encoding="utf-8") as f:
            self.manifest = json.load(f)
        if self.manifest.get("format") != "distill-lab-torch-bundle":
            raise ValueError(f"{path} is not a Distill Lab bundle")
        self._data = None
        self._features = None

    def file(self, name):
        return os.path.join(self.folder, name)

    @property
    def data(self):
        if self._data is None:
            with np.load(self.file(self.manifest["data"])) as z:
                self._data = {k: np.array(z[k]) for k in z.files}
        return self._data

    @property
    def features(self):
        if self._features is None:
            name = self.manifest.get("features")
            if not name:
                self._features = {}
            else:
                with np.load(self.file(name)) as z:
                    self._features = {k: np.array(z[k]) for k in z.files}
        return self._features

    def batches(self):
        name = self.manifest.get("batches")
        return np.load(self.file(name)) if name else None

    def student_init(self):
        name = self.manifest.get("student", {}).get("init")
        return load_state(self.file(name)) if name else None

    def teacher_entry(self, teacher_id):
        for t in self.manifest["teachers"]:
            if t["id"] == teacher_id:
                return t
        return None

    def zoo_teacher(self, teacher_id):
        """The zoo teacher as a frozen PyTorch module (converted from the lab's tf.js weights)."""
        t = self.teacher_entry(teacher_id)
        if t is None or not t.get("weights"):
            raise ValueError(f"teacher {teacher_id!r} has no converted weights in this bundle")
        net = build(t["spec"])
        net.load_state_dict(load_state(self.file(t["weights"])))
        return net.eval()
