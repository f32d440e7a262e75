import type { z } from 'zod';

/** Parses a user's JSON file against a schema; the error names the first problem and its path. */
export function parseJsonFile<S extends z.ZodType>(
  text: string,
  schema: S,
  what: string,
): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON.');
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(
      `Not a Distill Lab ${what}: ${i?.message ?? 'invalid'} at ${i?.path.join('.') || '(root)'}`,
    );
  }
  return r.data;
}
