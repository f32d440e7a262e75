// Finds a Chromium for the browser tests, or installs Debian's `chromium` when run as root with
// apt. With none it fails loudly: browser tests are never silently skipped.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return null;
}

function tryApt(): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log('ensure-chromium: installing Debian chromium with apt-get (one time)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let found = findChromium();
  if (found === null && tryApt()) found = findChromium();
  if (found === null) {
    console.error(
      "ensure-chromium: no Chromium found. Install Debian's chromium (sudo apt-get install chromium)\n" +
        'or set CHROMIUM_PATH=/path/to/chromium. (Do not run "npx playwright install".)',
    );
    process.exit(1);
  }
  console.log(`ensure-chromium: using ${found}`);
}
