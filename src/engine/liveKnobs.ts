/**
 * Knobs that only change the loss or the optimizer, so a running training can take them at its
 * next step (issue 14 "live knobs"). Everything else in a setup needs a restart.
 */
export interface LiveKnobs {
  /** Per teacher: loss weight w_t, feature scale, logit scale (only the fields given change). */
  readonly teachers?: readonly {
    readonly id: string;
    readonly weight?: number;
    readonly featureScale?: number;
    readonly logitScale?: number;
  }[];
  readonly avatarRate?: number;
  readonly learningRate?: number;
  readonly labelWeight?: number;
}

export function isEmptyKnobs(k: LiveKnobs): boolean {
  return (
    (k.teachers ?? []).length === 0 &&
    k.avatarRate === undefined &&
    k.learningRate === undefined &&
    k.labelWeight === undefined
  );
}
