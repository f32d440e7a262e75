import type { HistoryEntry } from './runFile';
import type { RunState } from './runState';

/**
 * One save in flight per run: a save asked for while one is running replaces the pending one
 * (the newest state includes everything older), so saves never pile up behind a fast run and
 * the last one starts as soon as the one before it lands. A run is written by one tab only:
 * the tab that holds its Web Lock (held until the run's final save, released if the tab closes).
 */
export interface SaveQueueDeps {
  readonly save: (run: RunState, createdAt: string) => Promise<HistoryEntry[]>;
  readonly saved: (history: HistoryEntry[], run: RunState) => void;
  readonly failed: (e: unknown, run: RunState) => void;
  /** Resolves true when this tab may write the run (it holds the run's lock). */
  readonly claim: (runId: string, released: Promise<void>) => Promise<boolean>;
  readonly now: () => string;
}

interface Slot {
  pending: RunState | null;
  draining: boolean;
  owned: Promise<boolean> | null;
  release: () => void;
  readonly createdAt: string;
  idle: Promise<void>;
}

/** Read through a call: `pending` changes while a save is awaited. */
function hasPending(slot: Slot): boolean {
  return slot.pending !== null;
}

export class SaveQueue {
  private readonly slots = new Map<string, Slot>();
  constructor(private readonly deps: SaveQueueDeps) {}

  /** Asks for `run` to be saved (merged with any save already waiting). */
  request(run: RunState): void {
    let slot = this.slots.get(run.id);
    if (!slot) {
      let release = (): void => undefined;
      const released = new Promise<void>((r) => {
        release = r;
      });
      slot = {
        pending: null,
        draining: false,
        owned: null,
        release,
        createdAt: this.deps.now(),
        idle: Promise.resolve(),
      };
      slot.owned = this.deps.claim(run.id, released);
      this.slots.set(run.id, slot);
    }
    slot.pending = run;
    if (!slot.draining) slot.idle = this.drain(slot);
  }

  /** Resolves when every requested save has landed (or failed). */
  async flushed(): Promise<void> {
    await Promise.all([...this.slots.values()].map((s) => s.idle));
  }

  private async drain(slot: Slot): Promise<void> {
    slot.draining = true;
    const owned = await (slot.owned ?? Promise.resolve(true));
    while (slot.pending !== null) {
      const run = slot.pending;
      slot.pending = null;
      if (!owned) continue;
      try {
        this.deps.saved(await this.deps.save(run, slot.createdAt), run);
      } catch (e) {
        this.deps.failed(e, run);
      }
      if (run.summary !== null && !hasPending(slot)) slot.release();
    }
    slot.draining = false;
  }
}

/**
 * Claims a run's writes with the Web Locks API (held until `released`); true where the API is
 * missing. A run whose lock another tab holds (a tab closed mid-save whose page has not ended
 * yet) waits for it: its saves merge meanwhile and the newest is written once the lock is free.
 */
export function claimWithWebLocks(runId: string, released: Promise<void>): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks === undefined) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    void locks.request(`distill-lab-run:${runId}`, () => {
      resolve(true);
      return released;
    });
  });
}
