import { teacherColor } from '../charts/colors';
import { pct, width, X, type Ctx } from './graphParts';

/** The logit path: the teacher's logits → the logit loss (KD, LS-KD or OFA) → the student. */
export function logitPath(c: Ctx): void {
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
  logitTeacherNode(c, idx, y);
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
  if (m === 'ofa' && c.cfg.logits.ofa.branches) ofaBranches(c, y);
}

/** The logit teacher's node, unless its feature path drew it already. */
function logitTeacherNode(c: Ctx, idx: number, y: number): void {
  const t = c.cfg.teachers[idx];
  if (!t || c.nodes.some((n) => n.id === `t:${t.id}`)) return;
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

/** OFA-KD: a branch node per student stage, each edge as wide as its share. */
function ofaBranches(c: Ctx, y: number): void {
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
