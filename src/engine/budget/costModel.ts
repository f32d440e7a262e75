/**
 * Closed-form cost of one network on one sample: forward multiply-adds ×2 (FLOPs), parameters,
 * and the activations kept for the backward pass (floats). Mirrors the layer layout of
 * src/models/architectures/* closely enough to be within a small factor; it is a budget, not a
 * profiler.
 */
export interface ArchShape {
  readonly arch: 'mlp' | 'cnn' | 'resnet' | 'vit' | 'mixer';
  readonly width: number;
  readonly depth: number;
  readonly featureDim: number;
  readonly patch?: number;
  readonly heads?: number;
}

export interface NetCost {
  readonly flops: number;
  readonly params: number;
  readonly activations: number;
}

type Input = readonly [number, number, number];

function mlp(s: ArchShape, [h, w, c]: Input, classes: number): NetCost {
  const dims = [
    h * w * c,
    ...Array.from({ length: Math.max(0, s.depth - 1) }, () => s.width),
    s.featureDim,
    classes,
  ];
  let params = 0;
  for (let i = 1; i < dims.length; i++)
    params += (dims[i - 1] ?? 0) * (dims[i] ?? 0) + (dims[i] ?? 0);
  return { flops: 2 * params, params, activations: dims.slice(1).reduce((a, b) => a + b, 0) };
}

function cnn(s: ArchShape, [h, , c]: Input, classes: number): NetCost {
  let side = h;
  let cin = c;
  let flops = 0;
  let params = 0;
  let activations = 0;
  for (let i = 0; i < s.depth; i++) {
    const cout = i === s.depth - 1 ? s.featureDim : s.width * 2 ** i;
    flops += 2 * side * side * 9 * cin * cout;
    params += 9 * cin * cout + cout;
    activations += 2 * side * side * cout;
    if (side > 4 && i < s.depth - 1) side = Math.ceil(side / 2);
    cin = cout;
  }
  params += s.featureDim * classes + classes;
  return { flops: flops + 2 * s.featureDim * classes, params, activations };
}

function resnet(s: ArchShape, [h, , c]: Input, classes: number): NetCost {
  let side = h >= 16 ? Math.ceil(h / 2) : h;
  let flops = 2 * side * side * 9 * c * s.width;
  let params = 9 * c * s.width;
  let activations = side * side * s.width;
  let cprev = s.width;
  for (let i = 0; i < s.depth; i++) {
    const cout = i === s.depth - 1 ? s.featureDim : s.width * 2 ** i;
    if (i > 0) side = Math.ceil(side / 2);
    const convs = 9 * cprev * cout + 9 * cout * cout + (cprev !== cout || i > 0 ? cprev * cout : 0);
    flops += 2 * side * side * convs;
    params += convs;
    activations += 4 * side * side * cout;
    cprev = cout;
  }
  return {
    flops: flops + 2 * s.featureDim * classes,
    params: params + s.featureDim * classes,
    activations,
  };
}

function tokens(s: ArchShape, [h, w, c]: Input, classes: number): NetCost {
  const p = s.patch ?? (h % 7 === 0 ? 7 : h % 4 === 0 ? 4 : 1);
  const t = Math.max(1, Math.floor(h / p) * Math.floor(w / p));
  const d = s.width;
  const heads = s.heads ?? (d % 4 === 0 ? 4 : 1);
  const embed = p * p * c * d;
  // ViT: qkv + projection (4D²), MLP D→2D→D (4D²), attention scores and mixing (2·T·D per token)
  // Mixer: token MLP T→2T→T per channel (4T² per channel), channel MLP D→2D→D (4D²)
  const perLayerFlops =
    s.arch === 'vit' ? 2 * t * 8 * d * d + 4 * t * t * d : 2 * d * 4 * t * t + 2 * t * 4 * d * d;
  const perLayerParams = s.arch === 'vit' ? 8 * d * d : 4 * t * t + 4 * d * d;
  const perLayerActs = s.arch === 'vit' ? 8 * t * d + 2 * heads * t * t : 8 * t * d + 4 * t * d;
  return {
    flops: 2 * t * embed + s.depth * perLayerFlops + 2 * d * classes,
    params: embed + t * d + s.depth * perLayerParams + d * classes,
    activations: t * d + s.depth * perLayerActs,
  };
}

export function netCost(s: ArchShape, input: Input, classes: number): NetCost {
  switch (s.arch) {
    case 'mlp':
      return mlp(s, input, classes);
    case 'cnn':
      return cnn(s, input, classes);
    case 'resnet':
      return resnet(s, input, classes);
    case 'vit':
    case 'mixer':
      return tokens(s, input, classes);
  }
}
