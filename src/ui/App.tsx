import { useDeferredValue, useEffect } from 'react';
import { useDisplay, useImported, useJob, useLabActions, useRuns } from '../store/hooks';
import { ComparePanel } from './compare/ComparePanel';
import { CompareView } from './compare/CompareView';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorList } from './ErrorList';
import { ExplanationCard } from './ExplanationCard';
import { Header } from './Header';
import { ActivationStats } from './charts/ActivationStats';
import { AvatarChart } from './charts/AvatarChart';
import { AccuracyChart, OfaChart, ThroughputChart } from './charts/EvalCharts';
import { FidelityChart } from './charts/FidelityChart';
import { LogitHistogramChart } from './charts/LogitHistogramChart';
import { LossChart } from './charts/LossChart';
import { ShareChart } from './charts/ShareChart';
import { DataPanel } from './panels/DataPanel';
import { HistoryPanel } from './panels/HistoryPanel';
import { MethodPanel } from './panels/MethodPanel';
import { StudentPanel } from './panels/StudentPanel';
import { TeachersPanel } from './panels/TeachersPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { useThrottled } from './charts/useThrottled';
import { LazyMount } from './LazyMount';
import { DistillGraph } from './graph/DistillGraph';
import { CompareGraph } from './graph/CompareGraph';
import { StoryBanner } from './stories/StoryBanner';
import { RestartNotice } from './RestartNotice';

function useSpaceToRun(): void {
  const job = useJob();
  const { startRun, pauseRun, resumeRun } = useLabActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.code !== 'Space' || e.repeat) return;
      const t = e.target as HTMLElement | null;
      if (t && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName)) return;
      e.preventDefault();
      const s = job?.status;
      if (s === 'running' || s === 'loading') pauseRun();
      else if (s === 'paused') resumeRun();
      else startRun();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [job?.status, pauseRun, resumeRun, startRun]);
}

/** The setup column: one panel per part of the experiment (each can be hidden). */
function SetupPanels({ hide }: { readonly hide: (id: string) => boolean }) {
  return (
    <ErrorBoundary>
      <DataPanel hidden={hide('data')} />
      <TeachersPanel hidden={hide('teachers')} />
      <StudentPanel hidden={hide('student')} />
      <MethodPanel hidden={hide('method')} />
      <TrainingPanel hidden={hide('training')} />
      <ComparePanel hidden={hide('compare')} />
      <HistoryPanel hidden={hide('history')} />
    </ErrorBoundary>
  );
}

type Run = ReturnType<typeof useRuns>[number] | undefined;

/** One run's live charts; the slow, heavy ones render from a deferred copy of the run. */
function SingleRunCharts({
  run,
  deferredRun,
  idle,
}: {
  readonly run: Run;
  readonly deferredRun: Run;
  readonly idle: boolean;
}) {
  const cfg = run?.config;
  const features = cfg?.feature.enabled === true && cfg.teachers.length > 0;
  return (
    <>
      <ErrorBoundary>
        <LossChart run={run} marks={run?.knobMarks} />
      </ErrorBoundary>
      {(features || run === undefined) && (cfg?.teachers.length ?? 2) > 1 && (
        <ErrorBoundary>
          <ShareChart run={run} />
        </ErrorBoundary>
      )}
      {features && (
        <ErrorBoundary>
          <FidelityChart run={deferredRun} />
        </ErrorBoundary>
      )}
      <ErrorBoundary>
        <AccuracyChart run={deferredRun} />
      </ErrorBoundary>
      <ErrorBoundary>
        <ThroughputChart run={run} />
      </ErrorBoundary>
      {run?.config.avatars.enabled === true && (
        <ErrorBoundary>
          <AvatarChart run={deferredRun} />
        </ErrorBoundary>
      )}
      {run !== undefined && run.config.logits.method !== 'none' && (
        <ErrorBoundary>
          <LogitHistogramChart run={deferredRun} />
        </ErrorBoundary>
      )}
      {run?.config.logits.method === 'ofa' && (
        <ErrorBoundary>
          <OfaChart run={deferredRun} />
        </ErrorBoundary>
      )}
      {features && (
        <ErrorBoundary>
          <LazyMount ready={idle} minHeight={480}>
            <ActivationStats run={deferredRun} />
          </LazyMount>
        </ErrorBoundary>
      )}
    </>
  );
}

/** The lab shell: header, setup panels on the left, explanation and live charts on the right. */
export function App() {
  const { connect } = useLabActions();
  const { projector, hidden } = useDisplay();
  const runs = useRuns();
  const imported = useImported();
  const job = useJob();
  // live charts redraw at most 4 times a second; heavy, slowly changing panels render from a
  // deferred value so React can yield to input
  const run = useThrottled(runs[0], 250);
  const deferredRun = useDeferredValue(run);
  const idle = job === null || !['loading', 'running'].includes(job.status);
  const comparing = runs.length > 1 || imported !== null;
  useSpaceToRun();
  useEffect(() => {
    connect();
  }, [connect]);
  const hide = (id: string): boolean => hidden.includes(id);
  return (
    <ErrorBoundary>
      <div className={`app${projector ? ' projector' : ''}`}>
        <Header />
        <ErrorList />
        <div className={`layout${hide('setup') ? ' no-setup' : ''}`}>
          {!hide('setup') && (
            <aside className="setup" aria-label="Experiment setup">
              <SetupPanels hide={hide} />
            </aside>
          )}
          <main className="charts">
            <ErrorBoundary>
              <StoryBanner />
            </ErrorBoundary>
            {!hide('graph') && (
              <ErrorBoundary>
                {comparing ? <CompareGraph /> : <DistillGraph run={run} />}
              </ErrorBoundary>
            )}
            <RestartNotice />
            {comparing && (
              <ErrorBoundary>
                <CompareView />
              </ErrorBoundary>
            )}
            {!comparing && <SingleRunCharts run={run} deferredRun={deferredRun} idle={idle} />}
            <ErrorBoundary>
              <ExplanationCard hidden={hide('explain')} />
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </ErrorBoundary>
  );
}
