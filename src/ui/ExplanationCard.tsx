import { useSetup } from '../store/hooks';
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

/** The formula and sources of every method in the current setup. */
export function ExplanationCard({ hidden }: { readonly hidden: boolean }) {
  const setup = useSetup();
  if (hidden) return null;
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
  return (
    <section className="explanation" aria-label="How this method works">
      {docs.map((d) => (
        <Doc key={d.title} doc={d} />
      ))}
      {docs.length === 0 && <p>Plain supervised training on labels.</p>}
    </section>
  );
}
