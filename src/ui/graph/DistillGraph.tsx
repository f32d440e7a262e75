import { memo, useState } from 'react';
import { useSetup, useZoo } from '../../store/hooks';
import type { RunState } from '../../store/runState';
import { distillGraph, type GraphEdge, type GraphNode } from './graphModel';

function EdgeView({
  e,
  a,
  b,
  onHover,
}: {
  readonly e: GraphEdge;
  readonly a: GraphNode;
  readonly b: GraphNode;
  readonly onHover: (t: string) => void;
}) {
  const mx = (a.x + b.x) / 2;
  const d = `M ${String(a.x)} ${String(a.y)} C ${String(mx)} ${String(a.y)}, ${String(mx)} ${String(b.y)}, ${String(b.x)} ${String(b.y)}`;
  return (
    <g
      className="graph-edge"
      tabIndex={0}
      onMouseEnter={() => onHover(e.explain)}
      onFocus={() => onHover(e.explain)}
      data-testid={`edge-${e.id}`}
      data-width={e.width.toFixed(2)}
    >
      <title>{e.explain}</title>
      <path
        d={d}
        fill="none"
        stroke={e.color}
        strokeOpacity={0.55}
        strokeWidth={e.width}
        strokeDasharray={e.dashed ? '8 5' : undefined}
      />
      <path d={d} fill="none" stroke="transparent" strokeWidth={Math.max(14, e.width)} />
      {e.label !== '' && (
        <text x={mx} y={(a.y + b.y) / 2 - 6} textAnchor="middle" className="graph-edge-label">
          {e.label}
        </text>
      )}
    </g>
  );
}

function NodeView({
  n,
  onHover,
}: {
  readonly n: GraphNode;
  readonly onHover: (t: string) => void;
}) {
  return (
    <g
      className={`graph-node graph-${n.kind}`}
      tabIndex={0}
      onMouseEnter={() => onHover(n.explain)}
      onFocus={() => onHover(n.explain)}
      data-testid={`node-${n.id}`}
      data-halo={n.halo.toFixed(2)}
    >
      <title>{n.explain}</title>
      {n.halo > 0 && (
        <circle cx={n.x} cy={n.y} r={n.r + n.halo} fill={n.color} fillOpacity={0.18} />
      )}
      <circle
        cx={n.x}
        cy={n.y}
        r={n.r}
        fill={n.kind === 'student' ? '#0f172a' : '#fff'}
        stroke={n.color}
        strokeWidth={n.kind === 'teacher' ? 4 : 2.5}
      />
      {n.label !== '' && (
        <text
          x={n.x}
          y={
            n.kind === 'teacher' || n.kind === 'student' ? n.y + n.r + n.halo + 16 : n.y + n.r + 14
          }
          textAnchor="middle"
          className="graph-label"
        >
          {n.label}
        </text>
      )}
    </g>
  );
}

/**
 * The distillation at a glance (GAN Lab's model overview, TF Playground's network): teachers →
 * normalizer → adaptor heads → student, plus logits, avatars and snapshots. Edge width = the
 * term's share of the loss, halos = feature scale (teachers) and FVU (heads); it follows the run.
 */
function DistillGraphView({
  run,
  title,
}: {
  readonly run: RunState | undefined;
  readonly title?: string;
}) {
  const setup = useSetup();
  const cfg = run?.config ?? setup;
  const zoo = useZoo(cfg.dataset);
  const names = new Map<string, string>();
  if (zoo && !('error' in zoo)) for (const t of zoo.teachers) names.set(t.id, t.name);
  for (const t of run?.teachers ?? []) names.set(t.id, t.name);
  const g = distillGraph(cfg, run, names);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const [hover, setHover] = useState(
    'Hover over (or tab to) any node or edge to see what it is and its live numbers.',
  );
  return (
    <section className="chart-card wide distill-graph" aria-label="Distillation graph">
      <h2>{title ?? 'The distillation'}</h2>
      <p className="chart-note">
        Edge width = share of the loss · halo around a teacher = its feature scale · halo around a
        head = the FVU still missed{run === undefined ? ' · press Run to bring it to life' : ''}
      </p>
      <svg
        viewBox={`0 0 ${String(g.width)} ${String(g.height)}`}
        role="img"
        aria-label="Teachers, normalizers, adaptor heads and the student"
        data-testid="distill-graph"
        style={{ maxHeight: `${String(Math.round(g.height * 0.9))}px` }}
      >
        {g.edges.map((e) => {
          const a = byId.get(e.from);
          const b = byId.get(e.to);
          return a && b ? <EdgeView key={e.id} e={e} a={a} b={b} onHover={setHover} /> : null;
        })}
        {g.nodes.map((n) => (
          <NodeView key={n.id} n={n} onHover={setHover} />
        ))}
      </svg>
      <p className="graph-explain" aria-live="polite" data-testid="graph-explain">
        {hover}
      </p>
    </section>
  );
}

export const DistillGraph = memo(DistillGraphView);
