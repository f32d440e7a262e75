import { useState } from 'react';
import { PRESET_IDS, presetTitle, type PresetId } from '../store/vocabulary';
import { RunProgress } from './RunProgress';
import { BACKEND_CHOICES, type BackendChoice } from '../store/labStore';
import {
  useBackend,
  useDisplay,
  useJob,
  useLabActions,
  usePresetId,
  useSetup,
} from '../store/hooks';
import { shareUrl } from '../store/urlState';
import { BudgetBadge, ConfirmRun } from './BudgetBadge';

/** The preset and backend pickers, and the badge saying which backend runs and why. */
function SetupPickers({ active }: { readonly active: boolean }) {
  const { choice, info } = useBackend();
  const presetId = usePresetId();
  const actions = useLabActions();
  return (
    <>
      <label className="header-field">
        Preset
        <select
          aria-label="Preset"
          value={presetId ?? ''}
          onChange={(e) => {
            if (e.target.value !== '') actions.loadPreset(e.target.value as PresetId);
          }}
        >
          <option value="">(custom)</option>
          {PRESET_IDS.map((p) => (
            <option key={p} value={p}>
              {presetTitle(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="header-field">
        Backend
        <select
          aria-label="Backend"
          value={choice}
          disabled={active}
          onChange={(e) => actions.setBackendChoice(e.target.value as BackendChoice)}
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
    </>
  );
}

/** Copies a link that reopens this setup. */
function ShareLinkButton() {
  const setup = useSetup();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        const url = shareUrl(setup, globalThis.location.href);
        void navigator.clipboard.writeText(url).then(
          () => setCopied(true),
          () => setCopied(false),
        );
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? 'Link copied' : 'Copy share link'}
    </button>
  );
}

/** Title, presets, backend badge (with the reason it was chosen), run controls and share link. */
export function Header() {
  const { info } = useBackend();
  const job = useJob();
  const { projector, hidden } = useDisplay();
  const actions = useLabActions();
  const status = job?.status ?? 'idle';
  const active = status === 'running' || status === 'loading' || status === 'paused';
  return (
    <header className="header">
      <h1>Distill Lab</h1>
      <SetupPickers active={active} />
      <div className="run-controls">
        <button
          type="button"
          onClick={() => actions.startRun()}
          disabled={info === null || active}
          title="Run (Space)"
        >
          Run
        </button>
        <BudgetBadge />
        <button
          type="button"
          onClick={status === 'paused' ? actions.resumeRun : actions.pauseRun}
          disabled={!(status === 'running' || status === 'paused')}
          title="Pause / resume (Space)"
        >
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          onClick={() => actions.stepRun(1)}
          disabled={status !== 'paused'}
          title="Run one more step, then pause"
        >
          Step
        </button>
        <button
          type="button"
          onClick={actions.stopRun}
          disabled={!active}
          title="Stop the run (it stays on the charts)"
        >
          Stop
        </button>
        <ShareLinkButton />
        <button
          type="button"
          aria-pressed={projector}
          onClick={() => actions.setProjector(!projector)}
        >
          Projector
        </button>
        <button
          type="button"
          aria-pressed={!hidden.includes('setup')}
          onClick={() => actions.toggleHidden('setup')}
          title="Show or hide the experiment setup"
        >
          Setup
        </button>
        <span className="run-status" data-testid="run-status" data-status={status} role="status">
          {status}
          {job !== null && job.message !== '' ? ` · ${job.message}` : ''}
        </span>
      </div>
      <ConfirmRun />
      <RunProgress />
    </header>
  );
}
