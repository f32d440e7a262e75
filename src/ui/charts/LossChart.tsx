import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useRuns } from '../../store/hooks';

/** Training loss per step, live. */
export function LossChart() {
  const run = useRuns()[0];
  const series = (run?.points ?? []).map((p) => ({ step: p.step, loss: p.total }));
  return (
    <section className="chart-card" aria-label="Loss chart">
      <h2>Loss</h2>
      <div className="chart-body" data-testid="loss-chart" data-points={series.length}>
        {series.length === 0 ? (
          <p className="empty">Press Run to train.</p>
        ) : (
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={series}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
              <YAxis domain={['auto', 'auto']} />
              <Tooltip />
              <Line dataKey="loss" stroke="#2563eb" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}
