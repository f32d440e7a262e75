import type { z } from 'zod';

/** Megabytes, for messages. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

/** Refuses a file over `maxBytes` before it is read or parsed (the message says the cap). */
export function checkFileSize(size: number, maxBytes: number, what: string): void {
  if (size > maxBytes)
    throw new Error(
      `The ${what} file is ${mb(size)}; the lab reads ${what} files up to ${mb(maxBytes)}.`,
    );
}

/** JSON.parse behind a size cap (a text longer than the cap in characters is over it in bytes too). */
export function parseJsonText(text: string, maxBytes: number, what: string): unknown {
  if (text.length > maxBytes) checkFileSize(text.length, maxBytes, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('The file is not JSON.');
  }
}

/** Parses a user's JSON file against a schema; the error names the first problem and its path. */
export function parseJsonFile<S extends z.ZodType>(
  text: string,
  schema: S,
  what: string,
  maxBytes = 20 * 1024 * 1024,
): z.infer<S> {
  const raw = parseJsonText(text, maxBytes, what);
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(
      `Not a Distill Lab ${what}: ${i?.message ?? 'invalid'} at ${i?.path.join('.') || '(root)'}`,
    );
  }
  return r.data;
}
