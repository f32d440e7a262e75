import { selectNodeBackend } from '../src/engine/backend/nodeBackend';
import { runPeerBench } from './peerBench';
await selectNodeBackend('wasm');
console.log(JSON.stringify(await runPeerBench((s) => console.error(s)), null, 1));
