// The English texts our input schemas write themselves (a refine's message, an addIssue's message,
// a schema's `error:`), read from the source so that a new one without a Chinese text fails
// tests/unit/console-issue-text.test.ts. A template's `${…}` parts become `{…}` placeholders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Where input schemas live; not the configuration (environment variables) nor the CLI's own arguments. */
const SCANNED = ['policies', 'client'];
const SKIPPED = [
  /^client\/config/,
  /^client\/errors\.ts$/,
  /^client\/issues\.ts$/,
  /^client\/api\/(server|operation)\.ts$/,
  /^client\/cli\//,
  /^client\/console\/(?!reports\/filters\.ts$)/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** The text of a call's arguments, from just after its opening parenthesis to the matching one. */
function argumentsAt(source: string, open: number): string {
  let depth = 1;
  for (let i = open + 1; i < source.length; i++) {
    if ('([{'.includes(source[i])) depth++;
    else if (')]}'.includes(source[i]) && --depth === 0) return source.slice(open + 1, i);
  }
  return '';
}

const LITERAL = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\`(?:[^\`\\]|\\.)*\`)`;

/** A literal's text as the catalog keys it: quotes off, `${x}` as `{x}`, `\'` unescaped. */
function textOf(literal: string): string {
  return literal
    .slice(1, -1)
    .replace(/\$\{([^}]*)\}/g, (_, expr: string) => `{${/\w+$/.exec(expr.trim())?.[0] ?? 'x'}}`)
    .replace(/\\(.)/g, '$1');
}

export interface FoundMessage {
  file: string;
  text: string;
}

export function inputSchemaMessages(): FoundMessage[] {
  const found: FoundMessage[] = [];
  for (const dir of SCANNED)
    for (const path of files(join(ROOT, dir))) {
      const file = relative(ROOT, path);
      if (SKIPPED.some((r) => r.test(file))) continue;
      const source = readFileSync(path, 'utf8');
      const add = (literal: string) => found.push({ file, text: textOf(literal) });
      for (const m of source.matchAll(new RegExp(String.raw`\b(?:message|error):\s*` + LITERAL, 'g'))) add(m[1]);
      // A refine's (or regex's) message given as its last argument.
      for (const m of source.matchAll(/\.(?:refine|regex)\(/g)) {
        const args = argumentsAt(source, m.index + m[0].length - 1);
        const last = new RegExp(String.raw`,\s*` + LITERAL + String.raw`\s*,?\s*$`).exec(args);
        if (last) add(last[1]);
      }
    }
  return found;
}
