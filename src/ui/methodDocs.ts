/** Formula (TeX), one-line idea and sources for every method choice: shown by the explanation card. */
export interface MethodDoc {
  readonly title: string;
  readonly tex: string;
  readonly idea: string;
  readonly paper: { readonly label: string; readonly url: string };
  readonly code?: { readonly label: string; readonly url: string };
}

const PHIS_PAPER = { label: 'Ranzinger et al. 2024, PHI-S (arXiv 2410.01680)', url: 'https://arxiv.org/abs/2410.01680' };
const RADIO_CODE = { label: 'NVlabs/RADIO examples/common/phi_s.py', url: 'https://github.com/NVlabs/RADIO' };

export const NORMALIZER_DOCS: Record<string, MethodDoc> = {
  none: { title: 'Raw MSE', tex: "y' = y", idea: 'Targets as they are: the teacher with the largest feature energy dominates the loss.', paper: PHIS_PAPER },
  center: { title: 'Centering', tex: "y' = y - \\mu", idea: 'Removes the mean only; scale differences remain.', paper: PHIS_PAPER },
  global: { title: 'Global standardization', tex: "y' = \\frac{y-\\mu}{\\sigma_g},\\quad \\sigma_g^2 = \\tfrac{1}{C}\\operatorname{tr}\\Sigma", idea: 'One scalar per teacher: equalizes total energy, keeps the spectrum.', paper: PHIS_PAPER },
  'per-dim': { title: 'Per-dimension standardization', tex: "y'_c = \\frac{y_c-\\mu_c}{\\sigma_c}", idea: 'Each channel to unit variance; correlations stay.', paper: PHIS_PAPER },
  pca: { title: 'PCA whitening', tex: "y' = \\Lambda^{-1/2} U^\\top (y-\\mu)", idea: 'Decorrelates and equalizes every direction, amplifying noise in tiny ones (floored at 1e-6).', paper: PHIS_PAPER },
  zca: { title: 'ZCA whitening', tex: "y' = U\\Lambda^{-1/2} U^\\top (y-\\mu)", idea: 'PCA whitening rotated back to the original axes.', paper: PHIS_PAPER },
  hca: { title: 'Hadamard whitening', tex: "y' = H\\Lambda^{-1/2} U^\\top (y-\\mu)", idea: 'Whitening followed by a Hadamard rotation.', paper: PHIS_PAPER },
  'phi-s': {
    title: 'PHI-S',
    tex: "y' = \\alpha^{-1} H U^\\top (y-\\mu),\\quad \\alpha = \\sqrt{\\tfrac{1}{C}\\textstyle\\sum_i \\lambda_i}",
    idea: 'Rotate to the eigenbasis, spread variance evenly with a Hadamard matrix, one isotropic scale: every dimension gets variance exactly 1 and the spectrum’s shape is kept.',
    paper: PHIS_PAPER,
    code: RADIO_CODE,
  },
};

export const LOGIT_DOCS: Record<string, MethodDoc> = {
  none: { title: 'No logit distillation', tex: '\\mathcal{L} = \\textstyle\\sum_t w_t \\mathcal{L}_t^{\\text{feat}}', idea: 'Feature distillation only (label-free unless the cross-entropy weight is set).', paper: PHIS_PAPER },
  kd: { title: 'Knowledge distillation', tex: '\\mathcal{L} = T^2\\,\\mathrm{KL}\\big(\\sigma(z_t/T)\\,\\|\\,\\sigma(z_s/T)\\big)', idea: 'Match the teacher’s softened class probabilities.', paper: { label: 'Hinton et al. 2015 (arXiv 1503.02531)', url: 'https://arxiv.org/abs/1503.02531' } },
  'ls-kd': {
    title: 'Logit-standardized KD',
    tex: '\\mathcal{Z}(z) = \\frac{z-\\bar z}{\\epsilon + \\operatorname{std}(z)},\\quad \\mathcal{L} = T^2\\,\\mathrm{KL}\\big(\\sigma(\\mathcal{Z}(z_t)/T)\\,\\|\\,\\sigma(\\mathcal{Z}(z_s)/T)\\big)',
    idea: 'Z-score the logits first: the student need not match the teacher’s logit range, only its relations.',
    paper: { label: 'Sun et al., CVPR 2024 (arXiv 2403.01427)', url: 'https://arxiv.org/abs/2403.01427' },
    code: { label: 'sunshangquan/logit-standardization-KD', url: 'https://github.com/sunshangquan/logit-standardization-KD' },
  },
  ofa: {
    title: 'OFA-KD',
    tex: '\\mathcal{L}_{\\text{code}} = -\\textstyle\\sum_c \\big[(p_{t,c}+e_c)^{\\epsilon} - e_c\\big]\\log p_{s,c}\\qquad \\mathcal{L}_{\\text{paper}} = -(1+p_{t,y})^{\\epsilon}\\log p_{s,y} - \\textstyle\\sum_{c\\neq y} p_{t,c}\\log p_{s,c}',
    idea: 'Branches project each student stage to logits; ε > 1 enhances the target class. Works across CNN, ViT and MLP.',
    paper: { label: 'Hao et al., NeurIPS 2023 (arXiv 2310.19444)', url: 'https://arxiv.org/abs/2310.19444' },
    code: { label: 'Hao840/OFAKD distillers/ofa.py', url: 'https://github.com/Hao840/OFAKD' },
  },
};

export const AVATAR_DOC: MethodDoc = {
  title: 'Avatar KD',
  tex: 'd_k = \\overline{(a_k - y)^2},\\quad u = \\operatorname{Var}_k(d_k),\\quad \\lambda = \\frac{1}{1+u},\\quad \\mathcal{L} = \\lambda\\,\\tfrac{1}{K}\\textstyle\\sum_k \\mathcal{L}(\\hat y, a_k)',
  idea: 'K perturbed avatars of the teacher each step; their disagreement (uncertainty u) lowers their weight. Our documented reading of the paper’s uncertainty factor.',
  paper: { label: 'Zhang et al. 2023, Avatar KD (arXiv 2305.02722)', url: 'https://arxiv.org/abs/2305.02722' },
  code: { label: 'Gumpest/AvatarKD (detection; one avatar, non-affine BN)', url: 'https://github.com/Gumpest/AvatarKD' },
};

export const DFL_DOC: MethodDoc = {
  title: 'DFL: self-distillation with resets',
  tex: 'z_{\\text{target}} = \\tfrac{1}{K}\\textstyle\\sum_{k} z_{\\theta_k},\\quad \\mathcal{L} = T^2\\,\\mathrm{KL}(\\sigma(z_{\\text{target}}/T)\\,\\|\\,\\sigma(z_s/T)),\\ \\text{reset head every } R \\text{ steps}',
  idea: 'Snapshots of the student’s own trajectory teach it; periodic partial resets let it recover. No public code exists: K, the rule, R and the depth are exposed.',
  paper: { label: 'Park 2024 (arXiv 2403.19941)', url: 'https://arxiv.org/abs/2403.19941' },
};
