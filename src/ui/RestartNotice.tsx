import { useForkCheck, useLabActions, useRestartNeeded } from '../store/hooks';

/**
 * Says which changes the running training cannot take, and offers "Fork from here" (continue
 * from the current weights with the new setting, as a new run beside this one) or a new run.
 */
export function RestartNotice() {
  const fields = useRestartNeeded();
  const fork = useForkCheck();
  const { startRun, forkRun } = useLabActions();
  if (fields.length === 0) return null;
  return (
    <div className="restart-notice" role="status" data-testid="restart-notice">
      <p>
        Changed during the run: <strong>{fields.join(', ')}</strong> — the running training cannot
        take this at its next step (only weights, scales, rates and the learning rate apply live).
      </p>
      <p className="restart-actions">
        <button
          type="button"
          onClick={forkRun}
          disabled={!fork.ok}
          title="Stop here and continue from the current weights with the new setting, as a new run charted beside this one"
        >
          Fork from here
        </button>{' '}
        <button type="button" onClick={() => startRun()}>
          Run again from scratch
        </button>
        {!fork.ok && <small className="hint"> Cannot fork: {fork.reason}.</small>}
      </p>
    </div>
  );
}
