/**
 * House rule (STYLE, issue 15): no file under src/ over 300 lines, no function over 80 lines.
 * Lists every breach and exits 1 when there is one; part of `npm run lint`.
 *
 *   npx tsx scripts/check-sizes.ts          # src/
 *   npx tsx scripts/check-sizes.ts path…    # other roots or files
 *
 * Not counted: the callback of a test's `describe(…)` (a list of cases, not one piece of logic).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

export interface SizeBreach {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
  readonly limit: number;
}

const lineCount = (text: string): number =>
  text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name !== undefined) return named.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText();
  if (ts.isCallExpression(parent)) return `callback of ${parent.expression.getText()}(…)`;
  return '(anonymous)';
}

const isDescribeCallback = (node: ts.Node): boolean =>
  ts.isCallExpression(node.parent) && /^describe(\.\w+)?$/.test(node.parent.expression.getText());

/** Breaches in one file's text: the file itself, then each function over the limit. */
export function sizeBreaches(file: string, text: string): SizeBreach[] {
  const out: SizeBreach[] = [];
  const total = lineCount(text);
  if (total > MAX_FILE_LINES)
    out.push({ file, line: 1, name: '(file)', lines: total, limit: MAX_FILE_LINES });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES && !isDescribeCallback(node))
        out.push({
          file,
          line: start + 1,
          name: functionName(node),
          lines,
          limit: MAX_FUNCTION_LINES,
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.tsx?$/.test(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => sourceFiles(join(path, entry)));
}

function main(roots: string[]): number {
  const files = roots.flatMap(sourceFiles).map((f) => f.replaceAll('\\', '/'));
  const breaches = files.flatMap((f) => sizeBreaches(f, readFileSync(f, 'utf8')));
  for (const b of breaches)
    console.log(`${b.file}:${b.line}  ${b.name}: ${b.lines} lines (limit ${b.limit})`);
  console.log(
    breaches.length === 0
      ? `sizes: ${files.length} files, none over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}`
      : `sizes: ${breaches.length} over the limits`,
  );
  return breaches.length === 0 ? 0 : 1;
}

if (process.argv[1]?.endsWith('check-sizes.ts'))
  process.exitCode = main(process.argv.length > 2 ? process.argv.slice(2) : ['src']);
