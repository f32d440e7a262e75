import type { Story } from './storyTypes';
import { withAvatars, withLogitMethod, withLogitScale, withResetPeriod } from './storyChanges';

const fmt = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);

/** KD vs logit-standardized KD when the teacher's logits are far larger than the student's. */
export const LOGIT_STORY: Story = {
  preset: 'logit-standardization',
  question: 'Is one temperature enough when teacher and student logits live on different scales?',
  steps: [
    {
      button: 'Make the CNN’s logits ×4 louder',
      doText:
        'Multiply the teacher’s logits by 4 (its logit-scale knob): its softmax turns almost one-hot at any sensible temperature.',
      watch: 'the logit histograms: the teacher’s spread is now far wider than the student’s',
      expect: 'Nothing trains yet; the setup now has a logit-scale mismatch.',
      action: { kind: 'setup', change: withLogitScale('cnn', 4) },
    },
    {
      button: 'Compare KD with LS-KD (3 seeds)',
      doText:
        'Run classic KD and logit-standardized KD (Z-score both logits before the softmax), three seeds each.',
      watch: 'the claim table: test accuracy per method, mean over seeds',
      expect:
        'LS-KD matches or beats KD: Z-scoring removes the scale mismatch, a shared temperature cannot.',
      action: {
        kind: 'compare',
        seeds: 3,
        variants: [
          { label: 'KD', change: withLogitMethod('kd') },
          { label: 'LS-KD', change: withLogitMethod('ls-kd') },
        ],
      },
    },
  ],
  claim: {
    metrics: [{ label: 'test accuracy', metric: { kind: 'testAccuracy' }, digits: 3 }],
    reading: 'Test accuracy of the student (mean over 3 seeds).',
    verdict: (v) => {
      const kd = v.get('KD')?.[0];
      const ls = v.get('LS-KD')?.[0];
      if (kd === undefined || ls === undefined || kd === null || ls === null) return '';
      return ls >= kd
        ? `LS-KD ${fmt(ls)} ≥ KD ${fmt(kd)} (test accuracy, mean over the seeds).`
        : `Here KD ${fmt(kd)} beats LS-KD ${fmt(ls)} (mean over the seeds): the scale mismatch did not hurt KD on this run.`;
    },
  },
};

/** Avatars: λ responds to how strongly the avatars are perturbed. */
export const AVATAR_STORY: Story = {
  preset: 'avatars',
  question: 'Should a student trust every version of its teacher equally?',
  steps: [
    {
      button: 'Run with mild avatars (dropout 0.1)',
      doText:
        'Train against the ViT and four dropout avatars of it; each element’s weight λ = 1/(1 + u) falls where the avatars disagree.',
      watch: 'the avatar chart: mean λ and its spread',
      expect: 'λ stays close to 1: mild dropout barely changes the teacher.',
      action: { kind: 'run', change: withAvatars(true, 0.1) },
    },
    {
      button: 'Compare dropout 0.1, 0.5 and no avatars',
      doText: 'Run mild and strong avatars and a run without them.',
      watch: 'the claim table: mean λ per run',
      expect: 'λ is lower at dropout 0.5 than at 0.1: the student trusts the noisier avatars less.',
      action: {
        kind: 'compare',
        variants: [
          { label: 'dropout 0.1', change: withAvatars(true, 0.1) },
          { label: 'dropout 0.5', change: withAvatars(true, 0.5) },
          { label: 'no avatars', change: withAvatars(false) },
        ],
      },
    },
  ],
  claim: {
    metrics: [
      { label: 'mean λ', metric: { kind: 'avatarWeight' }, digits: 3 },
      { label: 'worst-teacher FVU', metric: { kind: 'worstFvu' }, digits: 3 },
    ],
    reading:
      'λ: the avatar weight (1 = full trust). FVU: fraction of the teacher’s variance the student misses.',
  },
};

/** DFL: snapshots of the student teach it after a reset of its top layers. */
export const DFL_STORY: Story = {
  preset: 'dfl',
  question: 'Can a network learn from its own past selves after forgetting part of itself?',
  steps: [
    {
      button: 'Run with resets',
      doText:
        'Train with snapshots every 50 steps and a reset of the last layer every 200 steps; the snapshots keep teaching.',
      watch: 'the accuracy chart: reset markers, the dip and the recovery',
      expect: 'Accuracy dips at each reset and climbs back within a few dozen steps.',
      action: { kind: 'run', change: withResetPeriod(200) },
    },
    {
      button: 'Compare with and without resets',
      doText: 'Run the same training with resets and with snapshots only.',
      watch: 'the claim table: final accuracy and the deepest dip',
      expect: 'The reset run dips, then recovers to about the same accuracy.',
      action: {
        kind: 'compare',
        variants: [
          { label: 'reset every 200', change: withResetPeriod(200) },
          { label: 'no reset', change: withResetPeriod(0) },
        ],
      },
    },
  ],
  claim: {
    metrics: [
      { label: 'test accuracy', metric: { kind: 'testAccuracy' }, digits: 3 },
      { label: 'deepest reset dip', metric: { kind: 'resetDip' }, digits: 3 },
    ],
    reading:
      'Dip: the lowest accuracy after a reset minus the accuracy just before it (0 = no dip).',
  },
};
