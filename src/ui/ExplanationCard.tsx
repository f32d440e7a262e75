import type { ExperimentConfig } from '../engine/experiment/schema';
import { useImported, useRuns, useSetup } from '../store/hooks';
import type { RunState } from '../store/runState';
import { variantColor } from './charts/colors';
import { Formula } from './Formula';
import {
  AVATAR_DOC,
  DFL_DOC,
  LOGIT_DOCS,
  MEASURES_DOC,
  NORMALIZER_DOCS,
  STREAMING_DOC,
  type MethodDoc,
} from './methodDocs';

function Doc({ doc }: { readonly doc: MethodDoc }) {
  return (
    <article className="method-doc">
      <h3>{doc.title}</h3>
      <Formula tex={doc.tex} label={`${doc.title} formula`} />
      <p>{doc.idea}</p>
      {doc.choices && doc.choices.length > 0 && (
        <ul className="doc-choices" aria-label="Our choices">
          {doc.choices.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      <p className="sources">
        Paper:{' '}
        <a href={doc.paper.url} target="_blank" rel="noreferrer noopener">
          {doc.paper.label}
        </a>
        {doc.code && (
          <>
            {' · '}Code:{' '}
            <a href={doc.code.url} target="_blank" rel="noreferrer noopener">
              {doc.code.label}
            </a>
          </>
        )}
      </p>
    </article>
  );
}

/** The method cards a setup uses (normalizer, logit method, avatars, DFL, the measures). */
function docsFor(setup: ExperimentConfig): MethodDoc[] {
  const docs: MethodDoc[] = [];
  if (setup.feature.enabled) {
    const d = NORMALIZER_DOCS[setup.feature.normalizer];
    if (d) docs.push(d);
    if (setup.feature.statistics === 'streaming') docs.push(STREAMING_DOC);
  }
  if (setup.logits.method !== 'none') {
    const d = LOGIT_DOCS[setup.logits.method];
    if (d) docs.push(d);
  }
  if (setup.avatars.enabled) docs.push(AVATAR_DOC);
  if (setup.dfl.enabled) docs.push(DFL_DOC);
  if (setup.feature.enabled) docs.push(MEASURES_DOC);
  return docs;
}

/** Compare mode: each variant's own cards side by side; cards every variant shares, once. */
function VariantCards({ runs }: { readonly runs: readonly RunState[] }) {
  const labels = [...new Set(runs.map((r) => r.label))];
  const variants = labels.flatMap((label) => {
    const r = runs.find((x) => x.label === label);
    return r ? [{ label, docs: docsFor(r.config) }] : [];
  });
  const shared = (variants[0]?.docs ?? []).filter((d) =>
    variants.every((v) => v.docs.some((x) => x.title === d.title)),
  );
  const own = (docs: readonly MethodDoc[]) =>
    docs.filter((d) => !shared.some((x) => x.title === d.title));
  return (
    <section className="explanation variant-cards" aria-label="How each variant works">
      {variants.map((v, i) => (
        <div
          key={v.label}
          className="variant-card"
          style={{ borderTopColor: variantColor(i) }}
          data-testid={`variant-card-${v.label}`}
        >
          <h3 className="variant-card-label" style={{ color: variantColor(i) }}>
            {v.label}
          </h3>
          {own(v.docs).map((d) => (
            <Doc key={d.title} doc={d} />
          ))}
          {own(v.docs).length === 0 && (
            <p className="hint">
              {v.docs.length === 0
                ? 'Plain supervised training on labels.'
                : 'Only the shared cards below.'}
            </p>
          )}
        </div>
      ))}
      {shared.map((d) => (
        <Doc key={d.title} doc={d} />
      ))}
    </section>
  );
}

/** The formula and sources of every method in the current setup, or of each compared variant. */
export function ExplanationCard({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  const runs = useRuns();
  const imported = useImported();
  if (hidden) return null;
  if (runs.length > 1 && imported === null) return <VariantCards runs={runs} />;
  const docs = docsFor(setup);
  return (
    <section className="explanation" aria-label="How this method works">
      {docs.map((d) => (
        <Doc key={d.title} doc={d} />
      ))}
      {docs.length === 0 && <p>Plain supervised training on labels.</p>}
    </section>
  );
}
