/** Tabs tell each other that the saved history changed (BroadcastChannel; absent in Node). */
const NAME = 'distill-lab-history';

let channel: BroadcastChannel | null | undefined;
function open(): BroadcastChannel | null {
  channel ??= typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NAME);
  return channel;
}

export function notifyHistoryChanged(): void {
  open()?.postMessage('history');
}

export function onHistoryChanged(listener: () => void): void {
  const c = open();
  if (c) c.onmessage = listener;
}
