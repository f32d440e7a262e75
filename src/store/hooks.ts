import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { budgetFor } from './runGuards';
import { MAX_COMPARE_FILE_BYTES } from './compareResults';
import { MAX_EXPERIMENT_FILE_BYTES, MAX_RUN_FILE_BYTES } from './runFile';
import { balanceIndex, fvuSpread, windowShares } from '../engine/lossTerms';
import { useLabStore } from './labStore';
import type { RunState } from './runState';
import { forkCheck } from './forkRun';

/** Small domain hooks: components never read the store's shape directly. */
export const useBackend = () =>
  useLabStore(useShallow((s) => ({ choice: s.backendChoice, info: s.backend })));
export const useJob = () => useLabStore((s) => s.job);
export const useRuns = (): RunState[] =>
  useLabStore(
    useShallow((s) =>
      s.runOrder.map((id) => s.runs[id]).filter((r): r is RunState => r !== undefined),
    ),
  );
export const useSetup = () => useLabStore((s) => s.setup);
export const usePresetId = () => useLabStore((s) => s.presetId);
export const useErrors = () => useLabStore((s) => s.errors);
export const useLabActions = () =>
  useLabStore(
    useShallow((s) => ({
      connect: s.connect,
      setBackendChoice: s.setBackendChoice,
      loadPreset: s.loadPreset,
      setSetup: s.setSetup,
      startRun: s.startRun,
      startCompare: s.startCompare,
      pauseRun: s.pauseRun,
      resumeRun: s.resumeRun,
      stepRun: s.stepRun,
      stopRun: s.stopRun,
      forkRun: s.forkRun,
      dismissError: s.dismissError,
      updateSetup: s.updateSetup,
      loadZoo: s.loadZoo,
      setProjector: s.setProjector,
      toggleHidden: s.toggleHidden,
      storyNext: s.storyNext,
      storyRestart: s.storyRestart,
      storyClose: s.storyClose,
      addUpload: s.addUpload,
      inspectUpload: s.inspectUpload,
      importCompare: s.importCompare,
      openSavedRun: s.openSavedRun,
      resumeSavedRun: s.resumeSavedRun,
      renameSavedRun: s.renameSavedRun,
      deleteSavedRun: s.deleteSavedRun,
      deleteOldestRuns: s.deleteOldestRuns,
      importRunFile: s.importRunFile,
      showImportedRun: s.showImportedRun,
      importExperimentFile: s.importExperimentFile,
      clearImport: s.clearImport,
      cancelConfirm: s.cancelConfirm,
      reportError: s.reportError,
    })),
  );
export const useZoo = (dataset: string) => useLabStore((s) => s.zoo[dataset]);
export const useDisplay = () =>
  useLabStore(useShallow((s) => ({ projector: s.projector, hidden: s.hidden })));
export const useUploads = () => useLabStore((s) => s.uploads);
export const useImported = () => useLabStore((s) => s.imported);
export const useConfirm = () => useLabStore((s) => s.confirm);
/** The setup's budget (memory, time on the current backend), recomputed when either changes. */
export const useBudget = () => {
  const setup = useLabStore((s) => s.setup);
  const backend = useLabStore((s) => s.backend?.name ?? null);
  const rates = useLabStore((s) => s.flopRates);
  return useMemo(() => budgetFor(setup, backend, rates), [setup, backend, rates]);
};
/** Seconds left in the current run from its measured rate, or null when none is running. */
export const useTimeLeft = (): number | null =>
  useLabStore((s) => {
    if (s.job?.status !== 'running') return null;
    const run = s.runs[s.runOrder[0] ?? ''];
    const last = run?.points.at(-1);
    if (!run || !last || !(last.samplesPerSecond > 0)) return null;
    return (
      (Math.max(0, run.config.steps - 1 - last.step) * run.config.batchSize) / last.samplesPerSecond
    );
  });
export { formatBytes, formatSeconds, type Budget } from '../engine/budget/budget';
/** Size caps of the files the lab reads (bytes), checked before a file is read. */
export const FILE_LIMITS = {
  run: MAX_RUN_FILE_BYTES,
  comparison: MAX_COMPARE_FILE_BYTES,
  experiment: MAX_EXPERIMENT_FILE_BYTES,
} as const;
export type FileKind = keyof typeof FILE_LIMITS;
export const useHistory = () =>
  useLabStore(useShallow((s) => ({ history: s.history, storageFull: s.storageFull })));

/** The balance index of the last 100 steps and the spread of per-teacher FVU at the last evaluation (engine definitions). */
export function useBalance(run: RunState | undefined): { balance: number; fvuSpread: number } {
  const shares = windowShares(run?.points ?? []);
  return {
    balance: shares.length > 0 ? balanceIndex(shares) : Number.NaN,
    fvuSpread: fvuSpread(run?.evals.at(-1)?.perTeacher.map((p) => p.fvu) ?? []),
  };
}
export const useStoryProgress = () => useLabStore((s) => s.story);
export const useRestartNeeded = () => useLabStore((s) => s.restartNeeded);
/** Whether "fork from here" can continue the live run with the current setup, and if not, why. */
export const useForkCheck = (): { ok: boolean; reason: string } =>
  useLabStore(
    useShallow((s) => {
      const c = forkCheck(s);
      return c.ok ? { ok: true, reason: '' } : { ok: false, reason: c.reason };
    }),
  );
