import { pct, width, X, type Ctx } from './graphParts';

/** The student's own paths: labels (cross-entropy) and DFL's snapshot pool. */
export function selfPaths(c: Ctx): void {
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
