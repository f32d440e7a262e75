import { Bar, BarChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { compareCharts, variantAxes, type CompareChartId } from '../../store/compareCharts';
import { runBalanceSeries } from '../../store/compareResults';
import type { RunState } from '../../store/runState';
import { variantColor } from '../charts/colors';
import { Overlay } from './Overlay';

/** Small multiples: each variant's per-dimension variance after its normalization, one teacher. */
function SmallMultiples({ runs }: { readonly runs: readonly RunState[] }) {
  const labels = [...new Set(runs.map((r) => r.label))];
  const first = labels
    .map((l) => runs.find((r) => r.label === l))
    .filter((r): r is RunState => r !== undefined);
  const teacherIds = first[0]?.teacherStats.map((t) => t.id) ?? [];
  return (
    <section className="chart-card wide" aria-label="Normalized variance profiles">
      <h2>Per-dimension variance after each normalization</h2>
      <div
        className="multiples"
        data-testid="small-multiples"
        data-points={first.reduce((s, r) => s + r.teacherStats.length, 0)}
      >
        {teacherIds.map((tid) => (
          <div key={tid} className="multiples-row">
            <span className="multiples-teacher">{tid}</span>
            {first.map((r, i) => {
              const v = r.teacherStats.find((t) => t.id === tid)?.normalized.perDimVariance ?? [];
              return (
                <figure key={r.id}>
                  <figcaption style={{ color: variantColor(i) }}>{r.label}</figcaption>
                  <ResponsiveContainer width="100%" height={70}>
                    <BarChart data={v.map((value, dim) => ({ dim, value }))}>
                      <XAxis dataKey="dim" hide />
                      <YAxis hide domain={[0, 'auto']} />
                      <Bar dataKey="value" fill={variantColor(i)} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </figure>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}

/** Mean λ over the teachers at each step where avatars reported. */
function avatarSeries(r: RunState): { x: number; y: number }[] {
  const by = new Map<number, number[]>();
  for (const a of r.avatar) by.set(a.step, [...(by.get(a.step) ?? []), a.meanWeight]);
  return [...by].map(([x, ws]) => ({ x, y: ws.reduce((s, w) => s + w, 0) / ws.length }));
}

function logitSeries(r: RunState): { x: number; y: number }[] {
  const k = r.terms.findIndex((t) => t.kind === 'logit');
  if (k < 0) return [];
  return r.points.flatMap((p) => {
    const y = p.terms[k];
    return y === undefined ? [] : [{ x: p.step, y }];
  });
}

interface OverlaySpec {
  readonly title: string;
  readonly testId: string;
  readonly value: (r: RunState) => { x: number; y: number }[];
  readonly empty?: string;
}

const evalSeries =
  (pick: (e: RunState['evals'][number]) => number | null) =>
  (r: RunState): { x: number; y: number }[] =>
    r.evals.flatMap((e) => {
      const y = pick(e);
      return y === null ? [] : [{ x: e.step, y }];
    });

/** Every overlay chart a comparison can show, by id. */
const OVERLAYS: Record<Exclude<CompareChartId, 'multiples'>, OverlaySpec> = {
  loss: {
    title: 'Total loss',
    testId: 'compare-loss',
    value: (r) => r.points.filter((p) => p.step % 2 === 0).map((p) => ({ x: p.step, y: p.total })),
  },
  accuracy: {
    title: 'Test accuracy of the student',
    testId: 'compare-accuracy',
    value: evalSeries((e) => e.testAccuracy),
    empty: 'No evaluation yet (one every “evaluate every” steps).',
  },
  logitLoss: {
    title: 'Logit distillation loss (KD / LS-KD / OFA term)',
    testId: 'compare-logit-loss',
    value: logitSeries,
    empty: 'No variant distills logits yet.',
  },
  knn: {
    title: 'kNN accuracy of student features',
    testId: 'compare-knn',
    value: evalSeries((e) => e.knnAccuracy),
  },
  balance: {
    title: 'Balance index (max / min share, 50-step window)',
    testId: 'compare-balance',
    value: runBalanceSeries,
  },
  fvu: {
    title: 'Worst-teacher FVU (fraction of variance unexplained)',
    testId: 'compare-error',
    value: evalSeries((e) =>
      e.perTeacher.length === 0 ? null : Math.max(...e.perTeacher.map((p) => p.fvu)),
    ),
  },
  avatarWeight: {
    title: 'Mean avatar weight λ (1 = full trust)',
    testId: 'compare-avatar',
    value: avatarSeries,
    empty: 'No variant uses avatars.',
  },
};

function Chart({ id, runs }: { readonly id: CompareChartId; readonly runs: readonly RunState[] }) {
  if (id === 'multiples') return <SmallMultiples runs={runs} />;
  const spec = OVERLAYS[id];
  return (
    <Overlay
      runs={runs}
      title={spec.title}
      testId={spec.testId}
      value={spec.value}
      {...(spec.empty === undefined ? {} : { empty: spec.empty })}
    />
  );
}

/** The overlays that fit the comparison: picked by what differs between the variants. */
export function CompareCharts({ runs }: { readonly runs: readonly RunState[] }) {
  const labels = [...new Set(runs.map((r) => r.label))];
  const configs = labels.flatMap((l) => {
    const r = runs.find((x) => x.label === l);
    return r ? [r.config] : [];
  });
  const axes = variantAxes(configs).filter((a) => a !== 'seed' || labels.length < runs.length);
  const charts = compareCharts(configs);
  return (
    <>
      <p
        className="compare-axes hint wide"
        data-testid="compare-axes"
        data-charts={charts.join(' ')}
      >
        The variants differ in{' '}
        <strong>{axes.length > 0 ? axes.join(', ') : 'nothing but their seeds'}</strong>: these
        charts show what that changes.
      </p>
      {charts.map((id) => (
        <Chart key={id} id={id} runs={runs} />
      ))}
    </>
  );
}
