import { BACKEND_CHOICES, type BackendChoice } from '../store/labStore';
import { useBackend, useJob, useLabActions } from '../store/hooks';

/** Title, backend badge (with the reason it was chosen) and the run controls. */
export function Header() {
  const { choice, info } = useBackend();
  const job = useJob();
  const status = job?.status ?? 'idle';
  const actions = useLabActions();
  const running = status === 'running';
  return (
    <header className="header">
      <h1>Distill Lab</h1>
      <label className="backend-select">
        Backend
        <select
          aria-label="Backend"
          value={choice}
          disabled={running}
          onChange={(e) => {
            actions.setBackendChoice(e.target.value as BackendChoice);
          }}
        >
          {BACKEND_CHOICES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <output
        className="backend-badge"
        data-testid="backend-badge"
        data-backend={info?.name ?? ''}
        title={info?.reason ?? 'starting…'}
      >
        {info === null ? 'starting backend…' : info.name}
        <span className="backend-reason">{info?.reason ?? ''}</span>
      </output>
      <div className="run-controls">
        <button type="button" onClick={actions.startRun} disabled={info === null || running || status === 'loading'}>
          Run
        </button>
        <button
          type="button"
          onClick={status === 'paused' ? actions.resumeRun : actions.pauseRun}
          disabled={!(running || status === 'paused')}
        >
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={actions.stopRun} disabled={!(running || status === 'paused')}>
          Stop
        </button>
        <span className="run-status" data-testid="run-status" data-status={status}>
          {status}
          {job !== null && job.message !== '' ? ` · ${job.message}` : ''}
        </span>
      </div>
    </header>
  );
}
