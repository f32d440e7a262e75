import { fail, type DisplaySlice, type InitialFromUrlKeys, type SliceContext } from './labTypes';

/** What the page shows or hides, and its messages. */
export function displaySlice(ctx: SliceContext): Omit<DisplaySlice, InitialFromUrlKeys> {
  const { set, get } = ctx;
  return {
    setProjector: (on) => {
      const rest = get().hidden.filter((h) => h !== 'setup');
      set({ projector: on, hidden: on ? [...rest, 'setup'] : rest });
    },
    toggleHidden: (id) => {
      const h = get().hidden;
      set({ hidden: h.includes(id) ? h.filter((x) => x !== id) : [...h, id] });
    },
    reportError: (message) => {
      fail(ctx, message);
    },
    dismissError: (index) => {
      set({ errors: get().errors.filter((_, i) => i !== index) });
    },
  };
}
