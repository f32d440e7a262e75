/** Avatar perturbations (Avatar KD, Zhang et al. 2023); plain data, no tf.js. */
export const AVATAR_PERTURBATIONS = ['dropout', 'gaussian', 'mask'] as const;
export type AvatarPerturbation = (typeof AVATAR_PERTURBATIONS)[number];
