import { readdirSync, readFileSync } from 'node:fs';

/**
 * Memory of the browser this test launched: every descendant process of the Playwright worker
 * (Chromium's browser, GPU, renderer and utility processes), read from /proc (Linux only; 0 elsewhere).
 * PSS counts shared pages once (split among the processes sharing them); RSS sums them per process.
 */
export interface ProcessMemory {
  readonly processes: number;
  readonly rssMb: number;
  readonly pssMb: number;
}

function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function kb(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

export function browserMemory(root = process.pid): ProcessMemory {
  let pids: number[];
  try {
    const pp = parents();
    const kids = new Set([root]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of pp)
        if (kids.has(ppid) && !kids.has(pid)) {
          kids.add(pid);
          grew = true;
        }
    }
    kids.delete(root);
    pids = [...kids];
  } catch {
    return { processes: 0, rssMb: 0, pssMb: 0 };
  }
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const t = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += kb(t, 'Rss');
      pss += kb(t, 'Pss');
    } catch {
      // ended or not readable
    }
  }
  return { processes: pids.length, rssMb: Math.round(rss / 1024), pssMb: Math.round(pss / 1024) };
}

/** Samples browserMemory every `ms` until stopped; returns the peak. */
export function samplePeak(ms = 250): { stop: () => ProcessMemory } {
  let peak: ProcessMemory = browserMemory();
  const timer = setInterval(() => {
    const m = browserMemory();
    if (m.pssMb > peak.pssMb) peak = m;
  }, ms);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
