import type { Story } from './storyTypes';
import { withNormalizer } from './storyChanges';

const fmt = (v: number | null | undefined, d = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

/**
 * The flagship: a loud teacher (the preset's CNN at ×10) dominates raw MSE; PHI-S balances it.
 * It ends on raw vs global vs PHI-S and says, from the measured numbers, what the rotation adds.
 */
export const PHI_S_STORY: Story = {
  preset: 'phi-s-balance',
  question:
    'Why does one teacher dominate multi-teacher distillation, and what does PHI-S do about it?',
  steps: [
    {
      button: 'Run with raw MSE',
      doText:
        'Train on three teachers with plain MSE. The CNN’s features are ×10 louder (its feature-scale knob in Teachers).',
      watch: 'the loss share chart and the edge widths in the graph',
      expect:
        'One colour takes over: the loud CNN gets 80 % or more of the loss, the ViT and MLP are barely heard.',
      action: { kind: 'run', change: withNormalizer('none') },
    },
    {
      button: 'Now switch to PHI-S',
      doText:
        'Same teachers, same ×10 CNN, but each teacher is standardized by PHI-S (rotate by a Hadamard matrix, divide by one scale).',
      watch: 'the loss share and the halos around the teachers in the graph',
      expect:
        'The shares sit near one third each: after PHI-S every teacher has the same isotropic spread, so the ×10 knob changes nothing.',
      action: { kind: 'run', change: withNormalizer('phi-s') },
    },
    {
      button: 'Compare raw MSE, global and PHI-S',
      doText:
        'Run raw MSE, global standardization (one scalar per teacher, no rotation) and PHI-S side by side.',
      watch:
        'the claim table: the CNN’s share, the worst teacher’s FVU and how evenly the error spreads over dimensions',
      expect:
        'Raw MSE: CNN share ≥ 0.8. Global and PHI-S: ≤ 0.5. Global already does the balancing; PHI-S’s rotation spreads the error evenly over dimensions.',
      action: {
        kind: 'compare',
        variants: [
          { label: 'raw MSE', change: withNormalizer('none') },
          { label: 'global', change: withNormalizer('global') },
          { label: 'PHI-S', change: withNormalizer('phi-s') },
        ],
      },
    },
  ],
  claim: {
    metrics: [
      { label: 'CNN loss share', metric: { kind: 'teacherShare', teacher: 'cnn' }, digits: 2 },
      { label: 'worst-teacher FVU', metric: { kind: 'worstFvu' }, digits: 3 },
      {
        label: 'CNN error spread over dims (max/mean)',
        metric: { kind: 'errorSpread', teacher: 'cnn' },
        digits: 2,
      },
    ],
    reading:
      'Share: how much of the loss the loud CNN takes (1/3 = fair). FVU: fraction of a teacher’s variance the student misses, in the teacher’s own units (lower is better, comparable across normalizers). Error spread: 1 means every dimension is learned equally well.',
    verdict: (v) => {
      const raw = v.get('raw MSE');
      const global = v.get('global');
      const phis = v.get('PHI-S');
      if (!raw || !global || !phis) return '';
      const [gFvu, pFvu] = [global[1] ?? Number.NaN, phis[1] ?? Number.NaN];
      const gain = (gFvu - pFvu) / gFvu;
      const fvuWords = !Number.isFinite(gain)
        ? ''
        : Math.abs(gain) < 0.05
          ? `Worst-teacher FVU: global ${fmt(gFvu, 3)} vs PHI-S ${fmt(pFvu, 3)} — within 5 %: on these teachers the rotation adds little to the fidelity; the balance comes from rescaling.`
          : gain > 0
            ? `Worst-teacher FVU: PHI-S ${fmt(pFvu, 3)} vs global ${fmt(gFvu, 3)} — ${(gain * 100).toFixed(0)} % lower with the rotation.`
            : `Worst-teacher FVU: PHI-S ${fmt(pFvu, 3)} vs global ${fmt(gFvu, 3)} — the rotation costs ${(-gain * 100).toFixed(0)} % here.`;
      return `Rescaling alone takes the CNN’s share from ${fmt(raw[0])} (raw MSE) to ${fmt(global[0])} (global); PHI-S: ${fmt(phis[0])}. ${fvuWords} What the rotation does change is how the error spreads over the CNN’s dimensions: max/mean ${fmt(global[2])} under global vs ${fmt(phis[2])} under PHI-S.`;
    },
  },
};
