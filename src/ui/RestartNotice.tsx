import { useLabActions, useRestartNeeded } from '../store/hooks';

/** Says which changes the running training cannot take, and offers a new run with them. */
export function RestartNotice() {
  const fields = useRestartNeeded();
  const { startRun } = useLabActions();
  if (fields.length === 0) return null;
  return (
    <p className="restart-notice" role="status" data-testid="restart-notice">
      Changed during the run: <strong>{fields.join(', ')}</strong> — the running training cannot
      take this (only weights, scales, rates and the learning rate apply live).{' '}
      <button type="button" onClick={() => startRun()}>
        Run again with this setup
      </button>
    </p>
  );
}
