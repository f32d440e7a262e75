import {
  formatBytes,
  formatSeconds,
  useBudget,
  useConfirm,
  useLabActions,
  useTimeLeft,
} from '../store/hooks';

/** The setup's estimate beside Run (time here, memory), and during a run the time left. */
export function BudgetBadge() {
  const budget = useBudget();
  const left = useTimeLeft();
  const title = `Estimated on this machine: teacher cache ${formatSeconds(budget.seconds.cache)}, training ${formatSeconds(budget.seconds.training)}, evaluations ${formatSeconds(budget.seconds.evals)}; memory ${formatBytes(budget.bytes.peak)} (teacher cache ${formatBytes(budget.bytes.cache)}, activations ${formatBytes(budget.bytes.activations)}).`;
  return (
    <span className="budget-badge" data-testid="budget" data-verdict={budget.verdict} title={title}>
      {left !== null
        ? `≈ ${formatSeconds(left)} left`
        : `≈ ${formatSeconds(budget.seconds.total)} · ${formatBytes(budget.bytes.peak)}`}
    </span>
  );
}

/** Asks before a run over the time or memory budget starts, saying why and what cuts it. */
export function ConfirmRun() {
  const confirm = useConfirm();
  const { startRun, cancelConfirm } = useLabActions();
  if (confirm === null) return null;
  return (
    <div className="confirm-run" role="alertdialog" aria-labelledby="confirm-run-title">
      <p id="confirm-run-title">
        <strong>This run is large.</strong>
      </p>
      <ul>
        {confirm.reasons.map((r) => (
          <li key={r}>It {r}.</li>
        ))}
      </ul>
      <button type="button" onClick={() => startRun(true)}>
        Run anyway
      </button>{' '}
      <button type="button" onClick={cancelConfirm} autoFocus>
        Cancel
      </button>
    </div>
  );
}
