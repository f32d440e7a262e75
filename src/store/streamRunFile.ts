import { Tokenizer, TokenParser, TokenType, type ParsedTokenInfo } from '@streamparser/json';
import { mb } from './parseJsonFile';
import {
  MAX_IMPORTED_EVALS,
  MAX_IMPORTED_POINTS,
  validateSavedRun,
  type SavedRun,
} from './runFile';
import { RunLogFolder } from './runLog';
import type { RunState } from './runState';
import { StreamThinner } from './streamThin';

/**
 * Reads a run file (a saved run's JSON, or a JSON-lines run log) as a stream in bounded memory:
 * the long series (points, evaluations, DFL events) are thinned while they are read, everything
 * else the panels need is kept, then the result is validated like any run file. Only one value at
 * a time is held whole, and no single value may exceed MAX_RUN_VALUE_BYTES.
 */

/** Largest single value (a point, an evaluation, the config, the summary…) a streamed run file may hold. */
export const MAX_RUN_VALUE_BYTES = 4 * 1024 * 1024;
/** Bytes handed to the parser at a time (progress is reported after each). */
const PIECE = 256 * 1024;

export type ImportedRun =
  | { readonly kind: 'saved'; readonly rec: SavedRun }
  | { readonly kind: 'log'; readonly run: RunState };

const WHOLE = [
  '$.format',
  '$.version',
  '$.entry',
  '$.run.id',
  '$.run.label',
  '$.run.config',
  '$.run.teachers',
  '$.run.terms',
  '$.run.termIds',
  '$.run.summary',
];
const SERIES = {
  points: MAX_IMPORTED_POINTS,
  evals: MAX_IMPORTED_EVALS,
  dfl: MAX_IMPORTED_EVALS,
} as const;
type SeriesKey = keyof typeof SERIES;

/** Reads a byte stream in pieces of at most PIECE bytes. */
async function* pieces(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (let i = 0; i < value.length; i += PIECE) yield value.subarray(i, i + PIECE);
  }
}

/** True when the first line of `head` is a JSON "started" event (a run log, not a saved run). */
function looksLikeLog(head: string): boolean {
  const nl = head.indexOf('\n');
  if (nl < 0) return false;
  try {
    const v: unknown = JSON.parse(head.slice(0, nl));
    return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'started';
  } catch {
    return false;
  }
}

/** Folds a JSON-lines log line by line (the folder keeps its series bounded). */
async function readLog(
  first: Uint8Array,
  rest: AsyncGenerator<Uint8Array>,
  onBytes: (n: number) => void,
): Promise<ImportedRun> {
  const folder = new RunLogFolder(`imported-${Date.now().toString(36)}`, 'PyTorch');
  const decoder = new TextDecoder();
  let carry = '';
  const take = (bytes: Uint8Array, end: boolean): void => {
    const lines = (carry + decoder.decode(bytes, { stream: !end })).split('\n');
    carry = end ? '' : (lines.pop() ?? '');
    if (carry.length > MAX_RUN_VALUE_BYTES)
      throw new Error(`a line is over ${mb(MAX_RUN_VALUE_BYTES)}`);
    for (const line of lines) folder.feed(line);
    onBytes(bytes.length);
  };
  take(first, false);
  for await (const p of rest) take(p, false);
  take(new Uint8Array(0), true);
  return { kind: 'log', run: folder.result() };
}

/**
 * Notes what kind of value each of `run`'s fields starts with (arrays are streamed element by
 * element, so a series that is not an array would otherwise go unseen).
 */
class RunFieldKinds {
  readonly kinds = new Map<string, 'array' | 'other'>();
  private depth = 0;
  private keys: (string | undefined)[] = [];
  private lastString: string | undefined;
  private valueNext = false;

  token({ token, value }: ParsedTokenInfo): void {
    if (this.valueNext) {
      this.valueNext = false;
      const field = this.keys[2];
      if (this.depth === 2 && this.keys[1] === 'run' && field !== undefined)
        this.kinds.set(field, token === TokenType.LEFT_BRACKET ? 'array' : 'other');
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      this.depth += 1;
      this.keys[this.depth] = undefined;
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET)
      this.depth -= 1;
    else if (token === TokenType.STRING) this.lastString = value as string;
    else if (token === TokenType.COLON) {
      this.keys[this.depth] = this.lastString;
      this.valueNext = true;
    }
  }
}

/** A tokenizer and a token parser wired together, with every token also shown to `onToken`. */
function makeParser(
  paths: string[],
  onToken: (t: ParsedTokenInfo) => void,
): { tokenizer: Tokenizer; parser: TokenParser } {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths, keepStack: false });
  tokenizer.onToken = (t) => {
    onToken(t);
    parser.write(t);
  };
  tokenizer.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  parser.onError = tokenizer.error.bind(tokenizer);
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };
  return { tokenizer, parser };
}

/** Streams a saved run's JSON: whole values for the small fields, thinned series for the long ones. */
async function readSaved(
  first: Uint8Array,
  rest: AsyncGenerator<Uint8Array>,
  onBytes: (n: number) => void,
): Promise<ImportedRun> {
  const fields = new RunFieldKinds();
  const { tokenizer, parser } = makeParser(
    [...WHOLE, '$.run.points.*', '$.run.evals.*', '$.run.dfl.*'],
    (t) => {
      fields.token(t);
    },
  );
  const top: Record<string, unknown> = {};
  const run: Record<string, unknown> = {};
  const series = {
    points: new StreamThinner<unknown>(SERIES.points),
    evals: new StreamThinner<unknown>(SERIES.evals),
    dfl: new StreamThinner<unknown>(SERIES.dfl),
  };
  let sinceValue = 0;
  parser.onValue = ({ value, key, stack }) => {
    sinceValue = 0;
    const path = stack.map((s) => s.key).slice(1);
    if (path.length === 0 && typeof key === 'string') top[key] = value;
    else if (path.length === 1 && path[0] === 'run' && typeof key === 'string') run[key] = value;
    else if (
      path.length === 2 &&
      path[0] === 'run' &&
      (path[1] === 'points' || path[1] === 'evals' || path[1] === 'dfl')
    ) {
      series[path[1]].push(value);
    }
  };
  const feed = (p: Uint8Array): void => {
    try {
      tokenizer.write(p);
    } catch (e) {
      throw new Error(`The file is not JSON (${e instanceof Error ? e.message : String(e)}).`, {
        cause: e,
      });
    }
    sinceValue += p.length;
    if (sinceValue > MAX_RUN_VALUE_BYTES)
      throw new Error(
        `The run file holds a single value over ${mb(MAX_RUN_VALUE_BYTES)}; run files are series of small entries.`,
      );
    onBytes(p.length);
  };
  feed(first);
  for await (const p of rest) feed(p);
  try {
    if (!tokenizer.isEnded) tokenizer.end();
    if (!parser.isEnded) throw new Error('incomplete');
  } catch (e) {
    throw new Error('The file is not JSON (it ends too early).', { cause: e });
  }
  for (const k of Object.keys(SERIES) as SeriesKey[]) {
    const kind = fields.kinds.get(k);
    if (kind !== undefined) run[k] = kind === 'array' ? series[k].values() : '(not a list)';
  }
  if (Object.keys(run).length > 0) top.run = run;
  return { kind: 'saved', rec: validateSavedRun(top) };
}

/** Reads a run file stream of `size` bytes; reports progress in bytes read; throws naming what is wrong. */
export async function readRunStream(
  stream: ReadableStream<Uint8Array>,
  onProgress: (bytesRead: number) => void = () => undefined,
): Promise<ImportedRun> {
  const it = pieces(stream);
  const head = await it.next();
  if (head.done === true) throw new Error('The file is empty.');
  let read = 0;
  const onBytes = (n: number): void => {
    read += n;
    onProgress(read);
  };
  const text = new TextDecoder().decode(head.value.subarray(0, 64 * 1024));
  return looksLikeLog(text) ? readLog(head.value, it, onBytes) : readSaved(head.value, it, onBytes);
}
