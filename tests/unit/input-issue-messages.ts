// The English texts our input schemas write themselves (a refine's message, an addIssue's message,
// a schema's `error:`), the workflows' own field refusals (`invalid('field', …)` and
// `refusal(FAILURE.invalidInput, …, 'field')`, which client/workflow-calls.ts hands to the console as
// an InvalidInputError) and the issues client code builds by hand (`new InvalidInputError([...])`),
// read from the source so that a new one without a Chinese text fails
// tests/unit/console-issue-text.test.ts. A template's `${…}` parts become `{…}` placeholders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Where input schemas live; not the configuration (environment variables) nor the CLI's own arguments. */
const SCANNED = ['policies', 'client', 'workflows'];
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

/** The literals of the value that starts at `from`, up to the comma or bracket that ends it. */
function valueLiterals(source: string, from: number): string[] {
  const literals: string[] = [];
  const token = new RegExp(LITERAL + '|[([{]|[)\\]},]|[^\'"`()[\\]{},]+', 'y');
  let depth = 0;
  token.lastIndex = from;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[1]) literals.push(m[1]);
    else if ('([{'.includes(m[0])) depth++;
    else if (!')]},'.includes(m[0]))
      continue; // the value's other words
    else if (depth === 0)
      break; // the value's own comma or closing bracket
    else if (m[0] !== ',') depth--;
  }
  return literals;
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
      // A workflow's field refusal: every literal of the message argument (a ternary gives two), not the field's name.
      for (const m of source.matchAll(/\binvalid\(|\brefusal\(\s*FAILURE\.invalidInput\s*,/g)) {
        const args = argumentsAt(source, source.indexOf('(', m.index));
        const literals = [...args.matchAll(new RegExp(LITERAL, 'g'))].map((l) => l[1]);
        (m[0].startsWith('invalid') ? literals.slice(1) : literals.slice(0, -1)).forEach(add);
      }
      // An issue built by hand: the literals of each `message:` (a ternary gives two), not its path.
      for (const m of source.matchAll(/\bnew InvalidInputError\(\s*\[/g)) {
        const args = argumentsAt(source, m.index + m[0].length - 1);
        for (const msg of args.matchAll(/\bmessage:/g)) valueLiterals(args, msg.index + msg[0].length).forEach(add);
      }
    }
  return found;
}
