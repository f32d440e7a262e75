import { presetConfig } from '../engine/experiment/presets';

/** Valid inputs the parsers' fuzz tests mutate (a run file, a comparison file, a model.json). */
export const config = presetConfig('phi-s-balance');
export const runFile = {
  format: 'distill-lab-run',
  version: 2,
  entry: { id: 'r', name: 'n', createdAt: 't', label: 'l', steps: 2, finished: true },
  run: {
    id: 'r',
    label: 'l',
    config,
    teachers: [
      {
        id: 'cnn',
        name: 'CNN',
        arch: 'cnn',
        featureDim: 128,
        parameters: 1,
        testAccuracy: 0.9,
        featureScale: 1,
        weight: 1,
      },
    ],
    terms: [{ kind: 'feature', teacher: 'cnn', key: 'feature:cnn', label: 'cnn' }],
    points: [{ step: 0, terms: [1], total: 1, shares: [1], samplesPerSecond: 1 }],
    evals: [
      {
        step: 0,
        testAccuracy: 0.5,
        knnAccuracy: null,
        perTeacher: [
          {
            id: 'cnn',
            errorNormalized: 1,
            fvu: 0.5,
            whitenedError: 1,
            cka: 0.5,
            cosineCentered: 0.5,
            errorPerDim: [1],
          },
        ],
        logits: null,
      },
    ],
    dfl: [{ step: 1, kind: 'reset', detail: 'd' }],
    summary: {
      steps: 2,
      perTeacher: [
        {
          id: 'cnn',
          lossShare: 1,
          initialShare: 1,
          errorNormalized: 1,
          fvu: 0.5,
          whitenedError: 1,
          cka: 0.5,
          cosineCentered: 1,
        },
      ],
      balanceIndex: 1,
      worstFvu: 0.5,
      meanFvu: 0.5,
      fvuSpread: 0,
      worstWhitenedError: 1,
      meanCka: 0.5,
      avatars: [],
      refitSteps: [],
      testAccuracy: 0.5,
      knnAccuracy: null,
      samplesPerSecond: 1,
      wallSeconds: 1,
      finalLoss: 1,
      diverged: null,
    },
  },
};
const stat = { mean: 1, std: 0, n: 1 };
export const compareFile = {
  format: 'distill-lab-compare',
  version: 2,
  createdAt: 't',
  rows: [
    {
      label: 'phi-s',
      perTeacher: [
        {
          id: 'cnn',
          fvu: stat,
          whitenedError: stat,
          cka: stat,
          lossShare: stat,
          errorNormalized: stat,
        },
      ],
      worstFvu: stat,
      meanFvu: stat,
      worstWhitenedError: stat,
      meanCka: stat,
      fvuSpread: stat,
      balanceIndex: stat,
      testAccuracy: stat,
      knnAccuracy: stat,
      samplesPerSecond: stat,
      wallSeconds: stat,
    },
  ],
};
export const modelJson = {
  format: 'layers-model',
  modelTopology: {
    class_name: 'Sequential',
    config: {
      layers: [
        {
          class_name: 'Dense',
          config: { name: 'features', units: 2, batch_input_shape: [null, 4] },
        },
      ],
    },
  },
  weightsManifest: [
    { paths: ['w.bin'], weights: [{ name: 'k', shape: [4, 2], dtype: 'float32' }] },
  ],
};
