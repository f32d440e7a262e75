import { useErrors, useLabActions } from '../store/hooks';

/** Errors from the worker, each with a dismiss button; nothing else on the page changes. */
export function ErrorList() {
  const errors = useErrors();
  const { dismissError } = useLabActions();
  if (errors.length === 0) return null;
  return (
    <ul className="errors" aria-label="Errors">
      {errors.map((message, i) => (
        <li key={`${i}-${message}`} role="alert">
          {message}
          <button
            type="button"
            aria-label="Dismiss error"
            onClick={() => {
              dismissError(i);
            }}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
