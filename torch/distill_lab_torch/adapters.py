"""Swap in your own teachers and data without touching the methods.

Teachers: anything with `features(x)` (and optionally `logits(x)`) over NCHW batches —
  * `ModuleTeacher(module)`: any torch.nn.Module returning features, a (features, logits) tuple,
    or a dict with "features" (and "logits");
  * `named_teacher("torchvision:resnet18")` / `named_teacher("timm:vit_tiny_patch16_224")`: a
    pretrained model by name if that library is installed (classifier removed: pooled features);
  * `CachedTeacher`: features computed once (the lab's cache), looked up by sample index.
Data: `LabData` (the lab's arrays) or `ImageFolderData` (torchvision ImageFolder, one folder per class).
"""
import importlib

import numpy as np
import torch


class CachedTeacher:
    """Frozen teacher outputs over the train/eval samples, looked up by index."""

    def __init__(self, train_features, eval_features, train_logits=None, eval_logits=None):
        self.train_features = torch.as_tensor(train_features, dtype=torch.float32)
        self.eval_features = torch.as_tensor(eval_features, dtype=torch.float32)
        self.train_logits = None if train_logits is None else torch.as_tensor(train_logits, dtype=torch.float32)
        self.eval_logits = None if eval_logits is None else torch.as_tensor(eval_logits, dtype=torch.float32)
        self.feature_dim = self.train_features.shape[1]
        self.has_logits = self.train_logits is not None

    def outputs(self, split, idx, x, device):
        f = (self.train_features if split == "train" else self.eval_features)[idx].to(device)
        lg = self.train_logits if split == "train" else self.eval_logits
        return f, None if lg is None else lg[idx].to(device)


class ModuleTeacher:
    """Any frozen torch.nn.Module, run on the fly under no_grad."""

    def __init__(self, module, device="cpu", feature_dim=None, input_transform=None):
        self.module = module.to(device).eval()
        for p in self.module.parameters():
            p.requires_grad_(False)
        self.transform = input_transform
        self.feature_dim = feature_dim
        self.has_logits = None

    @torch.no_grad()
    def forward(self, x):
        out = self.module(self.transform(x) if self.transform else x)
        if isinstance(out, dict):
            return out["features"], out.get("logits")
        if isinstance(out, (tuple, list)):
            return out[0], out[1] if len(out) > 1 else None
        return out, None

    def outputs(self, split, idx, x, device):
        f, lg = self.forward(x.to(device))
        if f.ndim != 2:
            f = f.flatten(1)
        if self.feature_dim is None:
            self.feature_dim = f.shape[1]
        if self.has_logits is None:
            self.has_logits = lg is not None
        return f.float(), None if lg is None else lg.float()

    def probe(self, x, device):
        self.outputs("train", None, x[:2], device)
        return self


def named_teacher(name, device="cpu"):
    """`torchvision:<model>` or `timm:<model>`, pretrained weights if the library can load them."""
    lib, _, model = name.partition(":")
    if lib == "torchvision":
        try:
            tv = importlib.import_module("torchvision.models")
        except ImportError as e:
            raise SystemExit(f"teacher {name}: torchvision is not installed ({e})") from e
        m = tv.get_model(model, weights="DEFAULT") if hasattr(tv, "get_model") else getattr(tv, model)(pretrained=True)
        for attr in ("fc", "classifier", "head", "heads"):
            if hasattr(m, attr):
                setattr(m, attr, torch.nn.Identity())
                break
        return ModuleTeacher(m, device)
    if lib == "timm":
        try:
            timm = importlib.import_module("timm")
        except ImportError as e:
            raise SystemExit(f"teacher {name}: timm is not installed ({e})") from e
        return ModuleTeacher(timm.create_model(model, pretrained=True, num_classes=0), device)
    raise SystemExit(f"teacher {name}: use torchvision:<model>, timm:<model> or module:<file.py>:<factory>")


def module_teacher(spec, device="cpu"):
    """`module:path/to/file.py:factory` — calls factory() and uses the nn.Module it returns."""
    _, path, factory = spec.split(":", 2)
    loader = importlib.util.spec_from_file_location("user_teacher", path)
    mod = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(mod)
    return ModuleTeacher(getattr(mod, factory)(), device)


class LabData:
    """The lab's train/eval arrays (NHWC float32 in [0, 1]) as NCHW tensors."""

    def __init__(self, bundle):
        d = bundle.data
        self.train_x = torch.from_numpy(d["train_x"]).permute(0, 3, 1, 2).contiguous()
        self.train_y = torch.from_numpy(d["train_y"].astype(np.int64))
        self.eval_x = torch.from_numpy(d["eval_x"]).permute(0, 3, 1, 2).contiguous()
        self.eval_y = torch.from_numpy(d["eval_y"].astype(np.int64))
        self.num_classes = len(bundle.manifest["dataset"]["classNames"])

    def batch(self, split, idx):
        if split == "train":
            return self.train_x[idx], self.train_y[idx]
        return self.eval_x[idx], self.eval_y[idx]

    @property
    def train_count(self):
        return self.train_x.shape[0]

    @property
    def eval_count(self):
        return self.eval_x.shape[0]


class ImageFolderData(LabData):
    """torchvision ImageFolder (train and eval folders, one sub-folder per class), loaded into
    memory at a fixed size so batches are indexable like the lab's data."""

    def __init__(self, train_dir, eval_dir, size=28, channels=1):
        try:
            datasets = importlib.import_module("torchvision.datasets")
            transforms = importlib.import_module("torchvision.transforms")
        except ImportError as e:
            raise SystemExit(f"ImageFolder data needs torchvision ({e})") from e
        steps = [transforms.Resize((size, size))]
        if channels == 1:
            steps.append(transforms.Grayscale(1))
        tf = transforms.Compose(steps + [transforms.ToTensor()])

        def load(folder):
            ds = datasets.ImageFolder(folder, transform=tf)
            xs, ys = zip(*[ds[i] for i in range(len(ds))])
            return torch.stack(xs), torch.tensor(ys), ds.classes

        self.train_x, self.train_y, classes = load(train_dir)
        self.eval_x, self.eval_y, _ = load(eval_dir)
        self.num_classes = len(classes)
