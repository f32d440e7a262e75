import type { ExperimentConfig } from '../../store/vocabulary';
import type { RunState } from '../../store/runState';

/** A node of the distillation picture: position in the 1000-wide view box, halo radius extra. */
export interface GraphNode {
  readonly id: string;
  readonly kind:
    | 'teacher'
    | 'normalizer'
    | 'head'
    | 'student'
    | 'logits'
    | 'loss'
    | 'avatar'
    | 'snapshot'
    | 'branch'
    | 'labels';
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** Extra radius of the halo (feature scale for teachers, FVU for heads); 0 = none. */
  readonly halo: number;
  readonly color: string;
  /** What a hover shows: what the node is and its live numbers. */
  readonly explain: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Stroke width in view-box units (the term's share of the loss, 1…14). */
  readonly width: number;
  readonly color: string;
  readonly dashed: boolean;
  /** Short live label drawn on the edge (e.g. "share 34 %"). */
  readonly label: string;
  readonly explain: string;
}

export interface Graph {
  readonly width: number;
  readonly height: number;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '—');
export const ROW = 92;
export const X = { teacher: 90, normalizer: 300, head: 520, student: 820 } as const;

/** Edge width for a term's share of the loss (1.5…13.5; 2 when unknown). */
export const width = (share: number | undefined): number =>
  share === undefined || !Number.isFinite(share) ? 2 : 1.5 + 12 * share;

/** What the path builders share: the setup, the run, its shares, and the nodes and edges so far. */
export interface Ctx {
  readonly cfg: ExperimentConfig;
  readonly run: RunState | undefined;
  readonly shares: Map<string, number>;
  readonly names: ReadonlyMap<string, string>;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly studentY: number;
}
