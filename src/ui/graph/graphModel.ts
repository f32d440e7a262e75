import type { ExperimentConfig } from '../../store/vocabulary';
import type { RunState } from '../../store/runState';
import { NORMALIZER_LABELS } from '../../store/vocabulary';
import { teacherColor } from '../charts/colors';

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

const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)} %` : '—');
const ROW = 92;
const X = { teacher: 90, normalizer: 300, head: 520, student: 820 } as const;

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

const width = (share: number | undefined): number =>
  share === undefined || !Number.isFinite(share) ? 2 : 1.5 + 12 * share;

interface Ctx {
  readonly cfg: ExperimentConfig;
  readonly run: RunState | undefined;
  readonly shares: Map<string, number>;
  readonly names: ReadonlyMap<string, string>;
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly studentY: number;
}

function featurePath(c: Ctx, t: ExperimentConfig['teachers'][number], k: number): void {
  const y = 50 + k * ROW;
  const color = teacherColor(k);
  const name = c.names.get(t.id) ?? t.id;
  const evalT = c.run?.evals.at(-1)?.perTeacher.find((p) => p.id === t.id);
  const fvu = evalT?.fvu;
  const share = c.shares.get(`feature:${t.id}`);
  const norm = NORMALIZER_LABELS[c.cfg.feature.normalizer];
  c.nodes.push({
    id: `t:${t.id}`,
    kind: 'teacher',
    label: name.split(' (')[0] ?? name,
    x: X.teacher,
    y,
    r: 26,
    halo: 4 * Math.max(0, Math.log10(t.featureScale) + 1),
    color,
    explain: `Teacher ${name} (frozen). Its features are multiplied by ×${String(t.featureScale)} (feature scale; the halo grows with it); loss weight ${String(t.weight)}.`,
  });
  c.nodes.push({
    id: `n:${t.id}`,
    kind: 'normalizer',
    label: c.cfg.feature.normalizer === 'none' ? 'raw' : norm,
    x: X.normalizer,
    y,
    r: 18,
    halo: 0,
    color: '#475569',
    explain:
      c.cfg.feature.normalizer === 'none'
        ? `No normalization (raw MSE): the target is ${name}'s features as they are, so a louder teacher gets a larger loss.`
        : `${norm}: the target is ${name}'s features mapped to a standard scale, fitted on its statistics.`,
  });
  c.nodes.push({
    id: `h:${t.id}`,
    kind: 'head',
    label: `head ${t.id}`,
    x: X.head,
    y,
    r: 18,
    halo: fvu === undefined ? 0 : 14 * Math.min(1, fvu),
    color,
    explain: `Adaptor head for ${name}: a linear map from the student's features to the teacher's (normalized) target.${fvu === undefined ? '' : ` FVU ${fvu.toFixed(3)}: the fraction of ${name}'s variance the student still misses (the halo).`}`,
  });
  c.edges.push({
    id: `e:t-n:${t.id}`,
    from: `t:${t.id}`,
    to: `n:${t.id}`,
    width: 2,
    color,
    dashed: false,
    label: `×${String(t.featureScale)}`,
    explain: `${name}'s features y (scaled ×${String(t.featureScale)}) go into the normalizer.`,
  });
  c.edges.push({
    id: `e:n-h:${t.id}`,
    from: `n:${t.id}`,
    to: `h:${t.id}`,
    width: width(share),
    color,
    dashed: false,
    label: `share ${pct(share ?? Number.NaN)}`,
    explain: `Feature loss of ${name}: its share of the total loss is ${pct(share ?? Number.NaN)} (the edge width). Raw MSE gives a loud teacher most of it; standardizing normalizers balance it.`,
  });
  c.edges.push({
    id: `e:h-s:${t.id}`,
    from: `h:${t.id}`,
    to: 'student',
    width: width(share),
    color,
    dashed: false,
    label: '',
    explain: `The gradient of ${name}'s loss flows through the head into the student.`,
  });
  if (c.cfg.avatars.enabled) {
    const lam = c.run?.avatar.filter((a) => a.teacher === t.id).at(-1)?.meanWeight;
    for (let a = 0; a < c.cfg.avatars.count; a++) {
      const angle = Math.PI * (0.6 + (0.8 * a) / Math.max(1, c.cfg.avatars.count - 1));
      c.nodes.push({
        id: `a:${t.id}:${String(a)}`,
        kind: 'avatar',
        label: '',
        x: X.teacher + 42 * Math.cos(angle) + 150,
        y: y + 30 * Math.sin(angle) + 8,
        r: 6,
        halo: 0,
        color,
        explain: `Avatar ${String(a + 1)} of ${name}: its features with ${c.cfg.avatars.perturbation} (rate ${String(c.cfg.avatars.rate)}). Where avatars disagree, the weight λ falls${lam === undefined ? '' : ` (mean λ now ${lam.toFixed(3)})`}.`,
      });
    }
  }
}

function logitPath(c: Ctx): void {
  const m = c.cfg.logits.method;
  const y = c.studentY + 120;
  const src = c.cfg.logits.teacher;
  const idx = c.cfg.teachers.findIndex((t) => t.id === src);
  const name = src === 'mean' ? 'mean of the teachers' : (c.names.get(src) ?? src);
  const termId = `logit:${m}`;
  const share = c.shares.get(termId);
  const what =
    m === 'kd'
      ? 'KD: KL between softened teacher and student logits (temperature T)'
      : m === 'ls-kd'
        ? 'LS-KD: KD after Z-scoring both logits, so their scales no longer matter'
        : 'OFA-KD: every student stage gets a branch into logit space, trained towards the teacher with target-class enhancement ε';
  const teacherDrawn = c.nodes.some((n) => n.id === `t:${src}`);
  const t = c.cfg.teachers[idx];
  if (!teacherDrawn && t) {
    const tname = c.names.get(t.id) ?? t.id;
    c.nodes.push({
      id: `t:${t.id}`,
      kind: 'teacher',
      label: tname.split(' (')[0] ?? tname,
      x: X.teacher,
      y,
      r: 26,
      halo: 0,
      color: teacherColor(idx),
      explain: `Teacher ${tname} (frozen): only its logits are used here.`,
    });
  }
  if (idx >= 0)
    c.edges.push({
      id: 'e:t-logits',
      from: `t:${src}`,
      to: 'logits',
      width: 2,
      color: teacherColor(idx),
      dashed: false,
      label: '',
      explain: `${name} produces class scores (logits) for every image.`,
    });
  c.nodes.push({
    id: 'logits',
    kind: 'logits',
    label: `logits ${src}`,
    x: X.normalizer,
    y,
    r: 18,
    halo: 0,
    color: idx >= 0 ? teacherColor(idx) : '#475569',
    explain: `The logits of ${name}: its class scores.`,
  });
  c.nodes.push({
    id: 'logit-loss',
    kind: 'loss',
    label: m === 'ofa' ? 'OFA' : m === 'kd' ? 'KD' : 'LS-KD',
    x: X.head,
    y,
    r: 20,
    halo: 0,
    color: '#7c3aed',
    explain: what,
  });
  c.edges.push({
    id: 'e:l-loss',
    from: 'logits',
    to: 'logit-loss',
    width: 2,
    color: '#7c3aed',
    dashed: true,
    label: `T=${String(c.cfg.logits.temperature)}`,
    explain: `Teacher logits, softened with temperature T = ${String(c.cfg.logits.temperature)}.`,
  });
  c.edges.push({
    id: 'e:loss-s',
    from: 'logit-loss',
    to: 'student',
    width: width(share),
    color: '#7c3aed',
    dashed: true,
    label: `share ${pct(share ?? Number.NaN)}`,
    explain: `${what}. Share of the total loss: ${pct(share ?? Number.NaN)}.`,
  });
  if (m === 'ofa' && c.cfg.logits.ofa.branches) {
    const branchIds = (c.run?.terms ?? []).filter((t) => t.kind === 'ofa-branch').map((t) => t.key);
    const count = Math.max(branchIds.length, 3);
    for (let b = 0; b < count; b++) {
      const id = branchIds[b] ?? `ofa:branch${String(b + 1)}`;
      const s = c.shares.get(id);
      // 80 apart: the "stage k" labels under the nodes do not overlap
      const bx = X.student - 120 + b * 80;
      c.nodes.push({
        id: `b:${String(b)}`,
        kind: 'branch',
        label: `stage ${String(b + 1)}`,
        x: bx,
        y: y + 10,
        r: 12,
        halo: 0,
        color: '#7c3aed',
        explain: `OFA branch after student stage ${String(b + 1)}: projects that stage's features to logits and learns from the teacher. Share of the loss: ${pct(s ?? Number.NaN)}.`,
      });
      c.edges.push({
        id: `e:b:${String(b)}`,
        from: 'student',
        to: `b:${String(b)}`,
        width: width(s),
        color: '#7c3aed',
        dashed: true,
        label: '',
        explain: `Student stage ${String(b + 1)} → its OFA branch (share ${pct(s ?? Number.NaN)}).`,
      });
    }
  }
}

function selfPaths(c: Ctx): void {
  if (c.cfg.labelWeight > 0) {
    const share = c.shares.get('ce');
    c.nodes.push({
      id: 'labels',
      kind: 'labels',
      label: 'labels',
      x: X.student,
      y: c.studentY - 100,
      r: 16,
      halo: 0,
      color: '#0f172a',
      explain: `Ground-truth labels: cross-entropy with weight ${String(c.cfg.labelWeight)}.`,
    });
    c.edges.push({
      id: 'e:ce',
      from: 'labels',
      to: 'student',
      width: width(share),
      color: '#0f172a',
      dashed: false,
      label: `CE ${pct(share ?? Number.NaN)}`,
      explain: `Cross-entropy on labels: share of the total loss ${pct(share ?? Number.NaN)}.`,
    });
  }
  if (c.cfg.dfl.enabled) {
    const snaps = c.run?.dfl.filter((d) => d.kind === 'snapshot').length ?? 0;
    const resets = c.run?.dfl.filter((d) => d.kind === 'reset').length ?? 0;
    const share = c.shares.get('dfl');
    for (let p = 0; p < c.cfg.dfl.poolSize; p++) {
      const filled = p < snaps;
      c.nodes.push({
        id: `snap:${String(p)}`,
        kind: 'snapshot',
        label: `snapshot ${String(p + 1)}`,
        x: X.head,
        y: c.studentY - 70 + p * 60,
        r: 14,
        halo: 0,
        color: filled ? '#16a34a' : '#cbd5e1',
        explain: `Snapshot pool slot ${String(p + 1)} (${c.cfg.dfl.rule}); ${filled ? 'holds a past student' : 'empty until the next snapshot'}. Snapshots taken so far: ${String(snaps)}, resets: ${String(resets)}.`,
      });
      c.edges.push({
        id: `e:snap:${String(p)}`,
        from: `snap:${String(p)}`,
        to: 'student',
        width: width(share !== undefined ? share / c.cfg.dfl.poolSize : undefined),
        color: '#16a34a',
        dashed: true,
        label: p === 0 ? `DFL ${pct(share ?? Number.NaN)}` : '',
        explain: `A past self teaches the student (KD at T = ${String(c.cfg.dfl.temperature)}) — most useful right after a reset of the last ${String(c.cfg.dfl.resetDepth)} layer(s) every ${String(c.cfg.dfl.resetPeriod)} steps.`,
      });
    }
  }
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
