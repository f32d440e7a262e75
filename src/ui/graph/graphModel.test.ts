import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../store/vocabulary';
import { emptyRun, type RunState } from '../../store/runState';
import { distillGraph, termShares } from './graphModel';

const cfg = presetConfig('phi-s-balance');

function run(terms: number[]): RunState {
  const keys = ['cnn', 'vit', 'mlp'].map((t) => ({
    kind: 'feature' as const,
    teacher: t,
    key: `feature:${t}`,
    label: t,
  }));
  return {
    ...emptyRun('r', 'r', cfg),
    terms: keys,
    points: [
      { step: 0, terms, shares: [], total: terms.reduce((a, b) => a + b, 0), samplesPerSecond: 1 },
    ],
  };
}

describe('distillation graph', () => {
  it('draws teacher → normalizer → head → student for every teacher, inside the view box', () => {
    const g = distillGraph(cfg, undefined, new Map([['cnn', 'CNN']]));
    for (const id of ['cnn', 'vit', 'mlp'])
      for (const p of ['t', 'n', 'h'])
        expect(g.nodes.some((n) => n.id === `${p}:${id}`)).toBe(true);
    expect(g.nodes.find((n) => n.id === 't:cnn')?.label).toBe('CNN');
    expect(
      distillGraph(cfg, undefined, new Map([['vit', 'ViT (3 blocks)']])).nodes.find(
        (n) => n.id === 't:vit',
      )?.label,
    ).toBe('ViT');
    for (const n of g.nodes) {
      expect(n.y - n.r - n.halo).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r + n.halo).toBeLessThanOrEqual(g.height);
    }
    for (const e of g.edges)
      expect(g.nodes.some((n) => n.id === e.from) && g.nodes.some((n) => n.id === e.to)).toBe(true);
  });

  it('edge width grows with the loss share; a loud teacher has the larger halo', () => {
    const g = distillGraph(cfg, run([90, 5, 5]), new Map());
    const w = (id: string) => g.edges.find((e) => e.id === `e:n-h:${id}`)?.width ?? 0;
    expect(w('cnn')).toBeGreaterThan(5 * w('vit'));
    expect(termShares(run([90, 5, 5])).get('feature:cnn')).toBeCloseTo(0.9, 12);
    const halo = (id: string) => g.nodes.find((n) => n.id === `t:${id}`)?.halo ?? 0;
    expect(halo('cnn')).toBeGreaterThan(halo('vit'));
  });

  it('a zero or missing loss does not break the shares', () => {
    const shares = termShares(run([0, 0, 0]));
    expect([...shares.values()].every((v) => Number.isNaN(v))).toBe(true);
  });

  it('OFA, DFL and logit-only setups get their own parts', () => {
    const ofa = distillGraph(presetConfig('ofa-heterogeneous'), undefined, new Map());
    expect(ofa.nodes.filter((n) => n.kind === 'branch').length).toBeGreaterThan(0);
    expect(ofa.nodes.some((n) => n.id === 't:cnn')).toBe(true);
    const dfl = distillGraph(presetConfig('dfl'), undefined, new Map());
    expect(dfl.nodes.filter((n) => n.kind === 'snapshot')).toHaveLength(3);
    for (const n of dfl.nodes) expect(n.y - n.r).toBeGreaterThanOrEqual(0);
    const av = distillGraph(presetConfig('avatars'), undefined, new Map());
    expect(av.nodes.filter((n) => n.kind === 'avatar')).toHaveLength(4);
  });
});
