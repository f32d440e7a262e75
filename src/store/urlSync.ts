import { useLabStore } from './labStore';
import { encodeSetup } from './urlState';

/** Keeps `#x=…` in the address bar equal to the current setup (replaceState: no history spam). */
export function installUrlSync(): () => void {
  let last = '';
  return useLabStore.subscribe((s, prev) => {
    // encode only when the setup changed, not on every metrics update while training
    if (s.setup === prev.setup && last !== '') return;
    const encoded = encodeSetup(s.setup);
    if (encoded === last) return;
    last = encoded;
    const url = new URL(globalThis.location.href);
    url.hash = `x=${encoded}`;
    globalThis.history.replaceState(null, '', url);
  });
}
