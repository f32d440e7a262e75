/** Formula (TeX), one-line idea and sources for every method choice: shown by the explanation card. */
export interface MethodDoc {
  readonly title: string;
  readonly tex: string;
  readonly idea: string;
  readonly paper: { readonly label: string; readonly url: string };
  readonly code?: { readonly label: string; readonly url: string };
  /** Choices that are ours where the paper is silent or the lab simplifies (shown on the card). */
  readonly choices?: readonly string[];
}

const PHIS_PAPER = {
  label: 'Ranzinger et al. 2024, PHI-S (arXiv 2410.01680)',
  url: 'https://arxiv.org/abs/2410.01680',
};
const RADIO_CODE = {
  label: 'NVlabs/RADIO examples/common/phi_s.py',
  url: 'https://github.com/NVlabs/RADIO',
};

export const NORMALIZER_DOCS: Record<string, MethodDoc> = {
  none: {
    title: 'Raw MSE',
    tex: "y' = y",
    idea: 'Targets as they are: the teacher with the largest feature energy dominates the loss.',
    paper: PHIS_PAPER,
  },
  center: {
    title: 'Centering',
    tex: "y' = y - \\mu",
    idea: 'Removes the mean only; scale differences remain.',
    paper: PHIS_PAPER,
  },
  global: {
    title: 'Global standardization',
    tex: "y' = \\frac{y-\\mu}{\\sigma_g},\\quad \\sigma_g^2 = \\tfrac{1}{C}\\operatorname{tr}\\Sigma",
    idea: 'One scalar per teacher: equalizes total energy, keeps the spectrum.',
    paper: PHIS_PAPER,
  },
  'per-dim': {
    title: 'Per-dimension standardization',
    tex: "y'_c = \\frac{y_c-\\mu_c}{\\sigma_c}",
    idea: 'Each channel to unit variance; correlations stay.',
    paper: PHIS_PAPER,
  },
  pca: {
    title: 'PCA whitening',
    tex: "y' = \\Lambda^{-1/2} U^\\top (y-\\mu)",
    idea: 'Decorrelates and equalizes every direction, amplifying noise in tiny ones (floored at 1e-6).',
    paper: PHIS_PAPER,
  },
  zca: {
    title: 'ZCA whitening',
    tex: "y' = U\\Lambda^{-1/2} U^\\top (y-\\mu)",
    idea: 'PCA whitening rotated back to the original axes.',
    paper: PHIS_PAPER,
  },
  hca: {
    title: 'Hadamard whitening',
    tex: "y' = H\\Lambda^{-1/2} U^\\top (y-\\mu)",
    idea: 'Whitening followed by a Hadamard rotation.',
    paper: PHIS_PAPER,
  },
  'phi-s': {
    title: 'PHI-S',
    tex: "y' = \\alpha^{-1} H U^\\top (y-\\mu),\\quad \\alpha = \\sqrt{\\tfrac{1}{C}\\textstyle\\sum_i \\lambda_i}",
    idea: 'Rotate to the eigenbasis, spread variance evenly with a Hadamard matrix, one isotropic scale: every dimension gets variance exactly 1 and the spectrum’s shape is kept.',
    paper: PHIS_PAPER,
    code: RADIO_CODE,
  },
};

export const LOGIT_DOCS: Record<string, MethodDoc> = {
  none: {
    title: 'No logit distillation',
    tex: '\\mathcal{L} = \\textstyle\\sum_t w_t \\mathcal{L}_t^{\\text{feat}}',
    idea: 'Feature distillation only (label-free unless the cross-entropy weight is set).',
    paper: PHIS_PAPER,
  },
  kd: {
    title: 'Knowledge distillation',
    tex: '\\mathcal{L} = T^2\\,\\mathrm{KL}\\big(\\sigma(z_t/T)\\,\\|\\,\\sigma(z_s/T)\\big)',
    idea: 'Match the teacher’s softened class probabilities.',
    paper: {
      label: 'Hinton et al. 2015 (arXiv 1503.02531)',
      url: 'https://arxiv.org/abs/1503.02531',
    },
  },
  'ls-kd': {
    title: 'Logit-standardized KD',
    tex: '\\mathcal{Z}(z) = \\frac{z-\\bar z}{\\epsilon + \\operatorname{std}(z)},\\quad \\mathcal{L} = T^2\\,\\mathrm{KL}\\big(\\sigma(\\mathcal{Z}(z_t)/T)\\,\\|\\,\\sigma(\\mathcal{Z}(z_s)/T)\\big)',
    idea: 'Z-score the logits first: the student need not match the teacher’s logit range, only its relations. Turn a teacher’s logit scale knob to ×4: KD then chases a range a small student cannot reach, LS-KD does not notice (see the logit histograms).',
    paper: {
      label: 'Sun et al., CVPR 2024 (arXiv 2403.01427)',
      url: 'https://arxiv.org/abs/2403.01427',
    },
    code: {
      label: 'sunshangquan/logit-standardization-KD',
      url: 'https://github.com/sunshangquan/logit-standardization-KD',
    },
  },
  ofa: {
    title: 'OFA-KD',
    tex: '\\mathcal{L}_{\\text{code}} = -\\textstyle\\sum_c \\big[(p_{t,c}+e_c)^{\\epsilon} - e_c\\big]\\log p_{s,c}\\qquad \\mathcal{L}_{\\text{paper}} = -(1+p_{t,y})^{\\epsilon}\\log p_{s,y} - \\textstyle\\sum_{c\\neq y} p_{t,c}\\log p_{s,c}',
    idea: 'Branches project each student stage to logits; ε > 1 enhances the target class. Works across CNN, ViT and MLP.',
    paper: {
      label: 'Hao et al., NeurIPS 2023 (arXiv 2310.19444)',
      url: 'https://arxiv.org/abs/2310.19444',
    },
    code: { label: 'Hao840/OFAKD distillers/ofa.py', url: 'https://github.com/Hao840/OFAKD' },
    choices: [
      'A branch on every student stage, the last included, plus the loss on the final logits. As in Hao840/OFAKD, shallower stages get deeper projectors: stage i of S gets S − i blocks of the student’s own kind (downsampling conv blocks, transformer or Mixer blocks, dense layers for an MLP), then pool and linear. “Light branches” (one small head per stage) are an option.',
      'ε can be set per stage (the paper’s ablation); the final logits use the main ε. Reference defaults: T = 1, OFA weight 1, CE 1.',
    ],
  },
};

export const AVATAR_DOC: MethodDoc = {
  title: 'Avatar KD',
  tex: '\\delta_k = a_k - y,\\quad u = \\tfrac{1}{K}\\textstyle\\sum_k \\delta_k^2,\\quad \\lambda = \\frac{1}{1 + u / v_c},\\quad \\mathcal{L} = \\mathcal{L}(\\hat y, y) + \\tfrac{1}{K}\\textstyle\\sum_k \\overline{\\lambda \\odot \\ell(\\hat y, a_k)}',
  idea: 'Each step, K perturbed “avatars” of every teacher (dropout, noise or channel masking of its raw features, then normalized like the target). Where the avatars disagree with the teacher (u large relative to the channel’s variance v_c), their loss counts less. λ does not change when a feature scale changes, and falls as the perturbation grows.',
  paper: {
    label: 'Zhang et al. 2023, Avatar KD (arXiv 2305.02722)',
    url: 'https://arxiv.org/abs/2305.02722',
  },
  code: {
    label: 'Gumpest/AvatarKD (detection; one avatar, non-affine BN)',
    url: 'https://github.com/Gumpest/AvatarKD',
  },
  choices: [
    'u is taken element-wise, as the avatars’ variance about the vanilla teacher, relative to the channel’s variance over the data — our reading of the paper’s “variance of statistical differences between the vanilla teacher and Avatars”.',
    '“paper” variant: the vanilla feature loss plus the λ-weighted avatar losses. “code” variant (as the public code): one avatar, loss against the avatar only, both sides batch-standardized; no vanilla term.',
    'Avatars are perturbed in the teacher’s own space, seeded per teacher, then normalized with the run’s normalizer.',
  ],
};

export const DFL_DOC: MethodDoc = {
  title: 'DFL: self-distillation with resets',
  tex: 'z_{\\text{target}} = \\tfrac{1}{K}\\textstyle\\sum_{k} z_{\\theta_k},\\quad \\mathcal{L} = T^2\\,\\mathrm{KL}(\\sigma(z_{\\text{target}}/T)\\,\\|\\,\\sigma(z_s/T)),\\ \\text{reset head every } R \\text{ steps}',
  idea: 'Snapshots of the student’s own trajectory teach it; periodic partial resets let it recover. Watch the accuracy dip at each red reset marker and recover.',
  paper: { label: 'Park 2024 (arXiv 2403.19941)', url: 'https://arxiv.org/abs/2403.19941' },
  choices: [
    'No public code exists: K, the selection rule, R and the depth are exposed.',
    'Depth counts weight layers from the output (a LayerNorm between them is reset with them); each parameter is re-drawn from its own initializer (He stays He).',
    'The optimizer state of the reset layers is cleared (Adam’s moments → 0). tf.js keeps one step count, so the bias correction stays the run’s: a reset layer’s first updates are ~3× the learning rate.',
  ],
};

export const STREAMING_DOC: MethodDoc = {
  title: 'Streaming statistics (TAO)',
  tex: '\\mu, \\Sigma \\leftarrow \\text{merge}(\\mu, \\Sigma;\\ \\text{batch}_s),\\ s < F;\\quad \\text{refit at } n \\in \\{1,2,4,\\dots,64\\} \\cup 100\\mathbb{N} \\cup \\{F\\}',
  idea: 'For teachers too big to cache: every step folds its batch into float64 running moments until the freeze step F (default 3,000, at most the run length); the normalizer is refitted every 100 steps, as NVIDIA TAO does. Refits are dotted lines on the charts.',
  paper: PHIS_PAPER,
  choices: [
    'Ours: the first refits come after 1, 2, 4, …, 64 batches, so whitening leaves the rank-deficient first batch within a few steps instead of after 100.',
  ],
};

export const MEASURES_DOC: MethodDoc = {
  title: 'How fidelity is measured',
  tex: '\\mathrm{FVU}_t = \\frac{\\sum \\lVert \\hat y - y \\rVert^2}{\\sum \\lVert y - \\bar y \\rVert^2},\\quad \\text{whitened} = \\overline{(W_{\\text{zca}}(\\hat y - y))^2},\\quad \\mathrm{CKA} = \\frac{\\lVert Y_c^\\top X_c \\rVert_F^2}{\\lVert X_c^\\top X_c \\rVert_F \\lVert Y_c^\\top Y_c \\rVert_F}',
  idea: 'Three numbers per teacher, comparable across normalizations: FVU (in the teacher’s units; equal to MSE in its PHI-S space), whitened error (every principal direction counts the same — where whitening should win; eigenvalues floored at 1e-4 of their mean so dead directions cannot dominate), linear CKA (scale- and rotation-invariant similarity of student and teacher features). The loss share is about the loss, not the result: a run that learns nothing is perfectly balanced.',
  paper: PHIS_PAPER,
};
