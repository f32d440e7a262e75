import { z } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` after probing whether eval is allowed.
 * The lab's Content-Security-Policy forbids eval, and the probe alone is reported as a CSP
 * violation on every load; jitless mode skips both (imported first by the experiment schema).
 */
z.config({ jitless: true });
