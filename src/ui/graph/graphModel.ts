import type { ExperimentConfig } from '../../store/vocabulary';
import type { RunState } from '../../store/runState';
import { featurePath } from './featurePath';
import { pct, ROW, X, type Ctx, type Graph } from './graphParts';
import { logitPath } from './logitPath';
import { selfPaths } from './selfPaths';

export type { Graph, GraphEdge, GraphNode } from './graphParts';

/** Each term's share of the total loss over the last `window` steps, by term id. */
export function termShares(run: RunState | undefined, window = 50): Map<string, number> {
  const out = new Map<string, number>();
  if (!run || run.points.length === 0) return out;
  const last = run.points.slice(-window);
  run.terms.forEach((term, k) => {
    const id = term.key;
    let s = 0;
    let n = 0;
    for (const p of last) {
      const total = p.terms.reduce((a, b) => a + (Number.isFinite(b) ? Math.max(0, b) : 0), 0);
      if (total > 0) {
        s += Math.max(0, p.terms[k] ?? 0) / total;
        n += 1;
      }
    }
    out.set(id, n > 0 ? s / n : Number.NaN);
  });
  return out;
}

/** The distillation as a graph, its edges carrying the run's live quantities (pure). */
export function distillGraph(
  cfg: ExperimentConfig,
  run: RunState | undefined,
  names: ReadonlyMap<string, string>,
): Graph {
  const featureTeachers = cfg.feature.enabled ? cfg.teachers : [];
  const rows = Math.max(1, featureTeachers.length);
  const studentY = 50 + ((rows - 1) * ROW) / 2;
  const c: Ctx = { cfg, run, shares: termShares(run), names, nodes: [], edges: [], studentY };
  const arch = cfg.student.arch.toUpperCase();
  const acc = run?.evals.at(-1);
  const accText = acc
    ? ` Test accuracy ${acc.testAccuracy === null ? '—' : pct(acc.testAccuracy)}, kNN ${acc.knnAccuracy === null ? '—' : pct(acc.knnAccuracy)}.`
    : '';
  c.nodes.push({
    id: 'student',
    kind: 'student',
    label: `student ${arch}`,
    x: X.student,
    y: studentY,
    r: 34,
    halo: 0,
    color: '#0f172a',
    explain: `The student (${arch}, width ${String(cfg.student.width)}, depth ${String(cfg.student.depth)}, ${String(cfg.student.featureDim)}-d features): the only network that trains.${accText}`,
  });
  featureTeachers.forEach((t, k) => {
    featurePath(c, t, k);
  });
  if (cfg.logits.method !== 'none') logitPath(c);
  selfPaths(c);
  const minY = Math.min(...c.nodes.map((n) => n.y - n.r - n.halo));
  const nodes = c.nodes.map((n) => ({ ...n, y: n.y - minY + 24 }));
  const maxY = Math.max(...nodes.map((n) => n.y + n.r + n.halo));
  return { width: 1000, height: Math.max(160, maxY + 30), nodes, edges: c.edges };
}
