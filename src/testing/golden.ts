import golden from '../../scripts/golden/methods-golden.json';

/** Values from the second (PyTorch/NumPy) implementation in scripts/golden/methods_golden.py. */
type Rows = number[][];
interface Graded {
  value: number;
  grad: Rows;
}
export interface MethodsGolden {
  normalizers: Record<string, { features: Rows; dim: number; outputs: Record<string, Rows> }>;
  logits: { student: Rows; teacher: Rows; labels: number[] };
  logitLosses: Record<string, Graded>;
  standardized: { student: Rows };
  features: { pred: Rows; target: Rows };
  featureLosses: Record<string, Graded>;
  avatars: {
    vanilla: Rows;
    avatars: Rows[];
    distances: number[];
    uncertainty: number;
    weight: number;
    batchStandardized: Rows;
  };
}

export const GOLDEN = golden as unknown as MethodsGolden;
