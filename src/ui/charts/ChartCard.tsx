import type { ReactNode } from 'react';

/** A titled chart area; `points` is exposed for tests (how many data points are drawn). */
export function ChartCard(props: {
  readonly title: string;
  readonly testId: string;
  readonly points: number;
  readonly children: ReactNode;
  readonly note?: ReactNode;
  readonly wide?: boolean;
  readonly empty?: string;
}) {
  return (
    <section className={`chart-card${props.wide === true ? ' wide' : ''}`} aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.note !== undefined && <div className="chart-note">{props.note}</div>}
      <div className="chart-body" data-testid={props.testId} data-points={props.points}>
        {props.points === 0 ? (
          <p className="empty">{props.empty ?? 'No data yet — press Run.'}</p>
        ) : (
          props.children
        )}
      </div>
    </section>
  );
}
