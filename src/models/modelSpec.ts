/** Architectures of the zoo and of students (DESIGN §2 models/). Plain data, no tf.js. */
export const ARCH_KINDS = ['mlp', 'cnn', 'resnet', 'vit', 'mixer'] as const;
export type ArchKind = (typeof ARCH_KINDS)[number];

export const ARCH_LABELS: Record<ArchKind, string> = {
  mlp: 'MLP',
  cnn: 'CNN',
  resnet: 'ResNet',
  vit: 'ViT',
  mixer: 'MLP-Mixer',
};

/**
 * Everything needed to rebuild a network. `width` is the base channel/hidden size, `depth` the
 * number of blocks/hidden layers; the pooled feature vector has `featureDim` values.
 */
export interface ModelSpec {
  readonly arch: ArchKind;
  /** [height, width, channels]; 2-D point data uses [1, 1, 2]. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly width: number;
  readonly depth: number;
  readonly featureDim: number;
  /** ViT/Mixer patch size (must divide the image side). */
  readonly patch?: number;
  /** ViT attention heads (must divide width). */
  readonly heads?: number;
}

export function isArchKind(v: unknown): v is ArchKind {
  return typeof v === 'string' && (ARCH_KINDS as readonly string[]).includes(v);
}
