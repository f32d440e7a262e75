import { useShallow } from 'zustand/react/shallow';
import { balanceIndex, fvuSpread, windowShares } from '../engine/lossTerms';
import { useLabStore } from './labStore';
import type { RunState } from './runState';

/** Small domain hooks: components never read the store's shape directly. */
export const useBackend = () =>
  useLabStore(useShallow((s) => ({ choice: s.backendChoice, info: s.backend })));
export const useJob = () => useLabStore((s) => s.job);
export const useRunOrder = () => useLabStore((s) => s.runOrder);
export const useRun = (id: string): RunState | undefined => useLabStore((s) => s.runs[id]);
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
      dismissError: s.dismissError,
      updateSetup: s.updateSetup,
      loadZoo: s.loadZoo,
      setProjector: s.setProjector,
      toggleHidden: s.toggleHidden,
      storyNext: s.storyNext,
      storyRestart: s.storyRestart,
      storyClose: s.storyClose,
      addUpload: s.addUpload,
      importCompare: s.importCompare,
      openSavedRun: s.openSavedRun,
      resumeSavedRun: s.resumeSavedRun,
      renameSavedRun: s.renameSavedRun,
      deleteSavedRun: s.deleteSavedRun,
      deleteOldestRuns: s.deleteOldestRuns,
      importRunFile: s.importRunFile,
      importExperimentFile: s.importExperimentFile,
      clearImport: s.clearImport,
    })),
  );
export const useZoo = (dataset: string) => useLabStore((s) => s.zoo[dataset]);
export const useDisplay = () =>
  useLabStore(useShallow((s) => ({ projector: s.projector, hidden: s.hidden })));
export const useUploads = () => useLabStore((s) => s.uploads);
export const useImported = () => useLabStore((s) => s.imported);
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
