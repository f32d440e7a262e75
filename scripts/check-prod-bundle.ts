import { testHooksIn } from './testHookNames';

/** Run after a production build (`npm run build`): the bundle must not ship the e2e test hooks. */
const dir = process.argv[2] ?? 'dist';
const found = testHooksIn(dir);
if (found.length > 0) {
  console.error(
    `The production bundle in ${dir} contains e2e test hooks (build e2e with --mode e2e only):\n${found.join('\n')}`,
  );
  process.exit(1);
}
console.log(`${dir}: no e2e test hooks in the production bundle`);
