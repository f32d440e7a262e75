import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** Typeset TeX with KaTeX (rendered to HTML markup, no scripts). */
export function Formula({ tex, label }: { readonly tex: string; readonly label: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, displayMode: true, output: 'html' }),
    [tex],
  );
  return (
    <div
      className="formula"
      role="math"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
