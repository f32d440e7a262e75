"""The lab's architectures (src/models/architectures/*.ts) in PyTorch, with the lab's parameter
names: a lab parameter "block1/attn/q/kernel" is the state-dict key "block1.attn.q.weight"
(kernel → weight, gamma → weight, beta → bias). Inputs are NCHW; features and logits match the
lab's NHWC forward (MLP inputs are flattened in NHWC order, conv padding is TensorFlow's "same").
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

ARCHS = ("mlp", "cnn", "resnet", "vit", "mixer")


def gelu(x):
    """GELU, tanh approximation (as the lab)."""
    return F.gelu(x, approximate="tanh")


def tf_same_pad(x, k, stride):
    h, w = x.shape[2], x.shape[3]
    pads = []
    for size in (w, h):
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


class Conv(nn.Module):
    """Conv2d with TensorFlow "same" padding (asymmetric for stride 2) or "valid"."""

    def __init__(self, k, cin, cout, stride=1, pad="same"):
        super().__init__()
        self.k, self.stride, self.pad = k, stride, pad
        self.weight = nn.Parameter(torch.empty(cout, cin, k, k))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.lab_init = "he"
        nn.init.kaiming_normal_(self.weight, nonlinearity="relu")

    def forward(self, x):
        if self.pad == "same":
            x = tf_same_pad(x, self.k, self.stride)
        return F.conv2d(x, self.weight, self.bias, stride=self.stride)


def dense(i, o, init="glorot"):
    m = nn.Linear(i, o)
    m.lab_init = init
    if init == "he":
        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
    else:
        nn.init.xavier_uniform_(m.weight)
    nn.init.zeros_(m.bias)
    return m


def layer_norm(d):
    return nn.LayerNorm(d, eps=1e-5)


def stage_indices(count):
    """At most four stage taps spread over `count` blocks, always the last."""
    if count <= 4:
        return set(range(count))
    return {round((k + 1) * count / 4) - 1 for k in range(4)}


class LabNet(nn.Module):
    """Base: registers submodules under lab paths and keeps the lab's layer order (DFL resets)."""

    def __init__(self, spec):
        super().__init__()
        self.spec = dict(spec)
        self.layer_names = []

    def put(self, path, module):
        parts = path.split("/")
        parent = self
        for p in parts[:-1]:
            if not hasattr(parent, p):
                parent.add_module(p, nn.Module())
            parent = getattr(parent, p)
        parent.add_module(parts[-1], module)
        self.layer_names.append(path)
        return module

    def layers(self):
        """[(lab layer name, [(parameter, initializer)])] in creation (forward) order; initializers
        are "he", "glorot", "ones", "zeros" or "pos" (normal, std 0.02), as the lab's ParamStore."""
        out = []
        for name in self.layer_names:
            m = self
            for p in name.split("/"):
                m = getattr(m, p)
            if isinstance(m, nn.LayerNorm):
                out.append((name, [(m.weight, "ones"), (m.bias, "zeros")]))
            else:
                out.append((name, [(m.weight, getattr(m, "lab_init", "glorot")), (m.bias, "zeros")]))
        return out


class Mlp(LabNet):
    def __init__(self, spec):
        super().__init__(spec)
        h, w, c = spec["inputShape"]
        self.in_dim = h * w * c
        depth, width = spec["depth"], spec["width"]
        self.hidden = [self.put(f"fc{i + 1}", dense(self.in_dim if i == 0 else width, width, "he")) for i in range(max(0, depth - 1))]
        self.feature = self.put("feature", dense(width if depth > 1 else self.in_dim, spec["featureDim"], "he"))
        self.head = self.put("head", dense(spec["featureDim"], spec["numClasses"]))
        self.taps = stage_indices(depth)

    def forward(self, x):
        z = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # NHWC order, as the lab
        stages = []
        for i, layer in enumerate(self.hidden):
            z = F.relu(layer(z))
            if i in self.taps:
                stages.append(z)
        features = F.relu(self.feature(z))
        if self.spec["depth"] - 1 in self.taps:
            stages.append(features)
        return {"stages": stages, "features": features, "logits": self.head(features)}


def _channels(spec):
    return [spec["featureDim"] if i == spec["depth"] - 1 else spec["width"] * 2 ** i for i in range(spec["depth"])]


class Cnn(LabNet):
    def __init__(self, spec):
        super().__init__(spec)
        cin = spec["inputShape"][2]
        ch = _channels(spec)
        self.convs = [self.put(f"conv{i + 1}", Conv(3, cin if i == 0 else ch[i - 1], co)) for i, co in enumerate(ch)]
        self.head = self.put("head", dense(spec["featureDim"], spec["numClasses"]))
        self.taps = stage_indices(spec["depth"])

    def forward(self, x):
        stages = []
        z = x
        for i, conv in enumerate(self.convs):
            z = F.relu(conv(z))
            if z.shape[2] > 4 and i < len(self.convs) - 1:
                z = F.max_pool2d(z, 2, 2, ceil_mode=True)  # TF "same" pooling
            if i in self.taps:
                stages.append(z)
        features = z.mean((2, 3))
        return {"stages": stages, "features": features, "logits": self.head(features)}


class ResBlock(nn.Module):
    def __init__(self, net, name, cprev, cout, stride):
        super().__init__()
        self.c1 = net.put(f"{name}/conv1", Conv(3, cprev, cout, stride))
        self.c2 = net.put(f"{name}/conv2", Conv(3, cout, cout))
        self.short = net.put(f"{name}/shortcut", Conv(1, cprev, cout, stride)) if cprev != cout or stride != 1 else None

    def forward(self, x):
        return F.relu(self.c2(F.relu(self.c1(x))) * 0.1 + (x if self.short is None else self.short(x)))


class Resnet(LabNet):
    def __init__(self, spec):
        super().__init__(spec)
        cin = spec["inputShape"][2]
        stem_stride = 2 if spec["inputShape"][0] >= 16 else 1
        self.stem = self.put("stem", Conv(3, cin, spec["width"], stem_stride))
        ch = _channels(spec)
        self.blocks = [ResBlock(self, f"block{i + 1}", spec["width"] if i == 0 else ch[i - 1], co, 1 if i == 0 else 2) for i, co in enumerate(ch)]
        self.head = self.put("head", dense(spec["featureDim"], spec["numClasses"]))
        self.taps = stage_indices(spec["depth"])

    def forward(self, x):
        stages = []
        z = F.relu(self.stem(x))
        for i, b in enumerate(self.blocks):
            z = b(z)
            if i in self.taps:
                stages.append(z)
        features = z.mean((2, 3))
        return {"stages": stages, "features": features, "logits": self.head(features)}


class PatchEmbed(nn.Module):
    """Non-overlapping p×p patches → tokens [N, T, D] in row-major patch order."""

    def __init__(self, patch, cin, dim):
        super().__init__()
        self.patch = patch
        self.lab_init = "glorot"
        self.weight = nn.Parameter(torch.empty(dim, cin, patch, patch))
        self.bias = nn.Parameter(torch.zeros(dim))
        fan_in, fan_out = patch * patch * cin, dim
        nn.init.uniform_(self.weight, -math.sqrt(6 / (fan_in + fan_out)), math.sqrt(6 / (fan_in + fan_out)))

    def forward(self, x):
        if x.shape[2] % self.patch or x.shape[3] % self.patch:
            raise ValueError(f"patch {self.patch} does not divide {x.shape[2]}×{x.shape[3]}")
        return F.conv2d(x, self.weight, self.bias, stride=self.patch).flatten(2).transpose(1, 2)


def _token_spec(spec):
    h, w, c = spec["inputShape"]
    patch = spec.get("patch") or 7
    if spec["featureDim"] != spec["width"]:
        raise ValueError(f"{spec['arch']}: featureDim ({spec['featureDim']}) must equal width ({spec['width']})")
    return c, patch, spec["width"], (h // patch) * (w // patch)


class Attention(nn.Module):
    def __init__(self, net, name, dim, heads):
        super().__init__()
        if dim % heads:
            raise ValueError(f"attention: {heads} heads do not divide width {dim}")
        self.heads = heads
        self.q = net.put(f"{name}/q", dense(dim, dim))
        self.k = net.put(f"{name}/k", dense(dim, dim))
        self.v = net.put(f"{name}/v", dense(dim, dim))
        self.proj = net.put(f"{name}/proj", dense(dim, dim))

    def forward(self, x):
        n, t, d = x.shape
        dh = d // self.heads

        def split(z):
            return z.reshape(n, t, self.heads, dh).permute(0, 2, 1, 3)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh), dim=-1)
        return self.proj((scores @ v).permute(0, 2, 1, 3).reshape(n, t, d))


class VitBlock(nn.Module):
    def __init__(self, net, name, dim, heads):
        super().__init__()
        self.ln1 = net.put(f"{name}/ln1", layer_norm(dim))
        self.attn = Attention(net, f"{name}/attn", dim, heads)
        self.ln2 = net.put(f"{name}/ln2", layer_norm(dim))
        self.mlp1 = net.put(f"{name}/mlp1", dense(dim, 2 * dim))
        self.mlp2 = net.put(f"{name}/mlp2", dense(2 * dim, dim))

    def forward(self, x):
        a = x + self.attn(self.ln1(x))
        return a + self.mlp2(gelu(self.mlp1(self.ln2(a))))


class Vit(LabNet):
    def __init__(self, spec):
        super().__init__(spec)
        c, patch, dim, tokens = _token_spec(spec)
        self.patch = self.put("patch", PatchEmbed(patch, c, dim))
        self.pos = nn.Parameter(torch.randn(1, tokens, dim) * 0.02)
        self.blocks = [VitBlock(self, f"block{i + 1}", dim, spec.get("heads") or 4) for i in range(spec["depth"])]
        self.ln_out = self.put("ln_out", layer_norm(dim))
        self.head = self.put("head", dense(dim, spec["numClasses"]))
        self.taps = stage_indices(spec["depth"])

    def layers(self):
        out = super().layers()
        out[0] = ("patch", out[0][1] + [(self.pos, "pos")])  # the lab groups pos with the patch layer
        return out

    def forward(self, x):
        stages = []
        z = self.patch(x) + self.pos
        for i, b in enumerate(self.blocks):
            z = b(z)
            if i in self.taps:
                stages.append(z)
        features = self.ln_out(z.mean(1))
        return {"stages": stages, "features": features, "logits": self.head(features)}


class MixerBlock(nn.Module):
    def __init__(self, net, name, dim, tokens):
        super().__init__()
        self.ln1 = net.put(f"{name}/ln1", layer_norm(dim))
        self.token1 = net.put(f"{name}/token1", dense(tokens, 2 * tokens))
        self.token2 = net.put(f"{name}/token2", dense(2 * tokens, tokens))
        self.ln2 = net.put(f"{name}/ln2", layer_norm(dim))
        self.channel1 = net.put(f"{name}/channel1", dense(dim, 2 * dim))
        self.channel2 = net.put(f"{name}/channel2", dense(2 * dim, dim))

    def forward(self, x):
        t = self.ln1(x).transpose(1, 2)
        mixed = x + self.token2(gelu(self.token1(t))).transpose(1, 2)
        return mixed + self.channel2(gelu(self.channel1(self.ln2(mixed))))


class Mixer(LabNet):
    def __init__(self, spec):
        super().__init__(spec)
        c, patch, dim, tokens = _token_spec(spec)
        self.patch = self.put("patch", PatchEmbed(patch, c, dim))
        self.blocks = [MixerBlock(self, f"block{i + 1}", dim, tokens) for i in range(spec["depth"])]
        self.ln_out = self.put("ln_out", layer_norm(dim))
        self.head = self.put("head", dense(dim, spec["numClasses"]))
        self.taps = stage_indices(spec["depth"])

    def forward(self, x):
        stages = []
        z = self.patch(x)
        for i, b in enumerate(self.blocks):
            z = b(z)
            if i in self.taps:
                stages.append(z)
        features = self.ln_out(z.mean(1))
        return {"stages": stages, "features": features, "logits": self.head(features)}


def build(spec):
    """Builds a lab architecture from its ModelSpec (arch, inputShape [H, W, C], numClasses, width,
    depth, featureDim, patch?, heads?)."""
    kinds = {"mlp": Mlp, "cnn": Cnn, "resnet": Resnet, "vit": Vit, "mixer": Mixer}
    if spec["arch"] not in kinds:
        raise ValueError(f"unknown architecture {spec['arch']!r}; choose from {', '.join(ARCHS)}")
    return kinds[spec["arch"]](spec)


class OfaLightBranch(nn.Module):
    """OFA "light" branch (lab engine/heads.ts): conv stage → 1×1 conv, ReLU, pool, linear;
    token stage → LN of the token mean, linear, GELU, linear; vector stage → linear, ReLU, linear."""

    def __init__(self, stage_shape, num_classes, hidden=64):
        super().__init__()
        self.rank = len(stage_shape)
        if self.rank == 4:  # NCHW here
            self.proj = Conv(1, stage_shape[1], hidden)
            self.out = dense(hidden, num_classes)
        elif self.rank == 3:
            self.ln = layer_norm(stage_shape[2])
            self.fc = dense(stage_shape[2], hidden)
            self.out = dense(hidden, num_classes)
        else:
            self.fc = dense(stage_shape[1], hidden, "he")
            self.out = dense(hidden, num_classes)

    def forward(self, x):
        if self.rank == 4:
            return self.out(F.relu(self.proj(x)).mean((2, 3)))
        if self.rank == 3:
            return self.out(gelu(self.fc(self.ln(x.mean(1)))))
        return self.out(F.relu(self.fc(x)))


class OfaDeepBranch(LabNet):
    """OFA "deep" branch (lab engine/training/ofaBranches.ts, Hao840/OFAKD): the stage, then one block
    of the student's own kind per later stage (conv 3×3 + ReLU, stride 2 where the student
    downsamples; transformer or Mixer blocks; dense + ReLU), then pool → (LN →) linear."""

    def __init__(self, spec, path):
        super().__init__(spec)
        first, last, later = path[0], path[-1], path[1:]
        self.rank = len(first)
        if self.rank == 4:  # NCHW
            self.blocks = [self.put(f"block{j + 1}", Conv(3, path[j][1], shape[1], 2 if path[j][2] > shape[2] else 1)) for j, shape in enumerate(later)]
            self.out = self.put("out", dense(last[1], spec["numClasses"]))
        elif self.rank == 3:
            tokens, dim = first[1], first[2]
            if spec["arch"] == "mixer":
                self.blocks = [MixerBlock(self, f"block{j + 1}", dim, tokens) for j in range(len(later))]
            else:
                self.blocks = [VitBlock(self, f"block{j + 1}", dim, spec.get("heads") or 1) for j in range(len(later))]
            self.ln = self.put("ln", layer_norm(dim))
            self.out = self.put("out", dense(dim, spec["numClasses"]))
        else:
            self.blocks = [self.put(f"block{j + 1}", dense(path[j][1], shape[1], "he")) for j, shape in enumerate(later)]
            self.out = self.put("out", dense(last[1], spec["numClasses"]))

    def forward(self, x):
        if self.rank == 4:
            for b in self.blocks:
                x = F.relu(b(x))
            return self.out(x.mean((2, 3)))
        if self.rank == 3:
            for b in self.blocks:
                x = b(x)
            return self.out(self.ln(x.mean(1)))
        for b in self.blocks:
            x = F.relu(b(x))
        return self.out(x)


def ofa_branches(spec, stage_shapes, kind="deep"):
    """One OFA branch on every student stage, the last included."""
    if kind == "light":
        return [OfaLightBranch(shape, spec["numClasses"]) for shape in stage_shapes]
    return [OfaDeepBranch(spec, stage_shapes[i:]) for i in range(len(stage_shapes))]
