import { create } from 'zustand';
import { exportTorchZip } from '../engine/export/exportClient';
import type { ExperimentConfig } from '../engine/experiment/schema';

/** State of the "Export to PyTorch" action: idle, building (with a status line), done or failed. */
export interface TorchExportState {
  readonly status: 'idle' | 'building' | 'done' | 'failed';
  readonly message: string;
  /** Starts an export; `onZip` receives the finished zip (the UI saves it). */
  readonly start: (
    config: ExperimentConfig,
    onZip: (zip: Uint8Array, name: string) => void,
  ) => void;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'experiment'
  );
}

export const useTorchExport = create<TorchExportState>()((set, get) => ({
  status: 'idle',
  message: '',
  start: (config, onZip) => {
    if (get().status === 'building') return;
    const uploaded = config.teachers.filter((t) => t.id.startsWith('upload-')).map((t) => t.id);
    if (uploaded.length > 0) {
      set({
        status: 'failed',
        message: `${uploaded.join(', ')}: an uploaded tf.js teacher has no PyTorch converter. Remove it, export, and pass your own module with --teacher ID=module:file.py:factory.`,
      });
      return;
    }
    set({ status: 'building', message: 'starting' });
    exportTorchZip(config, document.baseURI, (message) => set({ message })).then(
      ({ zip, files }) => {
        onZip(zip, `${slug(config.name)}-pytorch.zip`);
        set({ status: 'done', message: `${files} files, ${(zip.length / 1e6).toFixed(1)} MB` });
      },
      (e: unknown) =>
        set({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  },
}));
