import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from './labStore';

export const useBackend = () =>
  useLabStore(useShallow((s) => ({ choice: s.backendChoice, info: s.backend })));
export const useRunStatus = () => useLabStore(useShallow((s) => ({ status: s.status, step: s.step })));
export const useLossSeries = () => useLabStore((s) => s.lossSeries);
export const useErrors = () => useLabStore((s) => s.errors);
export const useLabActions = () =>
  useLabStore(
    useShallow((s) => ({
      connect: s.connect,
      setBackendChoice: s.setBackendChoice,
      startRun: s.startRun,
      pauseRun: s.pauseRun,
      resumeRun: s.resumeRun,
      stopRun: s.stopRun,
      dismissError: s.dismissError,
    })),
  );
