import { NORMALIZER_LABELS, type ExperimentConfig } from '../../store/vocabulary';
import { teacherColor } from '../charts/colors';
import { pct, ROW, width, X, type Ctx } from './graphParts';

/** One teacher's feature path: teacher → normalizer → head → student, with its share. */
export function featurePath(c: Ctx, t: ExperimentConfig['teachers'][number], k: number): void {
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
  if (c.cfg.avatars.enabled) avatarNodes(c, t.id, name, y, color);
}

/** Avatar KD: one small node per avatar of the teacher, fanned out beside it. */
function avatarNodes(c: Ctx, id: string, name: string, y: number, color: string): void {
  const lam = c.run?.avatar.filter((a) => a.teacher === id).at(-1)?.meanWeight;
  for (let a = 0; a < c.cfg.avatars.count; a++) {
    const angle = Math.PI * (0.6 + (0.8 * a) / Math.max(1, c.cfg.avatars.count - 1));
    c.nodes.push({
      id: `a:${id}:${String(a)}`,
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
