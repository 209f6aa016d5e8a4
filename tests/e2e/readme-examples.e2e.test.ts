// The README's examples are tests: every ```sh block runs, in README order, in one bash session
// (as a reader pasting them into one terminal would, so variables and functions carry over)
// against a real stack (Temporal dev server, PGlite, worker, API on a free port).
//
// README conventions this test reads (the HTML comments do not render; README.md tells the reader
// what `# → 403` means):
//   <!-- file: request.json -->   right before a ```json block: the block is that file's content;
//                                 it is written into the working directory where it appears.
//   <!-- not run: <reason> -->    right before a ```sh block: the block is not run (it starts the
//                                 whole stack, or runs the whole suite), and the reason is required.
//   # → 409                       at the end of a command's (last) line: that curl must answer 409;
//                                 every other curl must answer below 400.
//
// What the test maps, and nothing else (the blocks are otherwise run exactly as written):
//   - http://127.0.0.1:3000 (the address `npm start` prints) becomes the test stack's URL;
//   - tf_dev_<role>_… (the keys `npm start` prints) becomes that role's test key (KEYS);
//   - .transferflow/audit-signing-key.pub.pem (the public key `npm start` leaves in its state
//     folder) is the test stack's audit key, so offline checks find it where a reader's would be;
//   - TEMPORAL_ADDRESS is exported as the test's dev server (`npm start` runs it on 127.0.0.1:7233,
//     the CLI's default), for the CLI commands that talk to Temporal directly;
//   - `npx transferflow` is a shell function running this checkout's bin/transferflow.js (with
//     the node running the tests), which is what npx runs in a checkout: the
//     blocks run in a temporary directory (so request.json, bundle/ etc. do not land in the
//     checkout), where npx would look the name up in the registry instead of in the checkout;
//     tests/replay is linked into that directory because the auditor's example names it;
//   - `curl` is a shell function that runs the real curl and fails on an unexpected HTTP status
//     (curl -s exits 0 on a 4xx, so a broken example would otherwise pass).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYS, startE2E, type E2E } from '../support/stack';
import { DEV_PUBLIC_KEY_FILE } from '../../client/audit-key';

const ROOT = path.join(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');

type Step =
  | { kind: 'sh'; line: number; text: string }
  | { kind: 'file'; line: number; name: string; text: string }
  | { kind: 'skipped'; line: number; reason: string; text: string };

/** The README's fenced blocks this test cares about, in order; `line` is the fence's 1-based line. */
function readmeSteps(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed code fence`);
    const text = lines.slice(i + 1, end).join('\n');
    const before = i > 0 ? lines[i - 1] : '';
    const notRun = /^<!-- not run: (.+?) -->$/.exec(before);
    const file = /^<!-- file: (\S+) -->$/.exec(before);
    if (fence[1] === 'sh') {
      if (file) throw new Error(`README.md:${i + 1}: a file marker belongs before a json block`);
      steps.push(
        notRun ? { kind: 'skipped', line: i + 1, reason: notRun[1], text } : { kind: 'sh', line: i + 1, text },
      );
    } else if (file) {
      steps.push({ kind: 'file', line: i + 1, name: file[1], text });
    } else if (notRun) {
      throw new Error(`README.md:${i + 1}: a not-run marker belongs before a sh block`);
    }
    i = end;
  }
  return steps;
}

/** The two placeholders of the README, and only those, replaced by the test stack's values. */
function mapPlaceholders(text: string, apiUrl: string, keys: Record<string, string>): string {
  return text.replaceAll('http://127.0.0.1:3000', apiUrl).replace(/tf_dev_([a-z]+)_…/g, (_, role: string) => {
    const key = keys[role];
    if (!key) throw new Error(`README uses a key for role ${role}, which the test stack has no key for`);
    return key;
  });
}

/**
 * `# → <status>` markers of a block, by every line of the command they end (bash reports a
 * command's LINENO at its first or its last line depending on how it continues).
 */
function expectations(block: string): Array<{ lines: number[]; status: number }> {
  const out: Array<{ lines: number[]; status: number }> = [];
  let start = 0;
  let quote: string | null = null;
  block.split('\n').forEach((line, i) => {
    let comment = '';
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && quote === '"') c++;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') c++;
      else if (ch === '#' && (c === 0 || /\s/.test(line[c - 1]))) {
        comment = line.slice(c);
        break;
      }
    }
    const marker = /^#\s*→\s*(\d{3})\b/.exec(comment);
    if (marker)
      out.push({ lines: Array.from({ length: i - start + 1 }, (_, k) => start + k), status: Number(marker[1]) });
    if (!quote && !/\\$/.test(line)) start = i + 1;
  });
  return out;
}

/** Defined before the first block: the curl and npx functions and the expectation trap. */
function prelude(repo: string): string {
  return String.raw`
set -euo pipefail
exec 2>&1 # one stream, so an error shows after the output that led to it
declare -A TF_EXPECT=()
TF_EXPECT_STATUS=''; TF_LINE=''
# Before every top-level command: where it is, and the status the README expects of it if it
# carries "# → NNN" (functions do not inherit this trap, so a curl in act() sees its caller's).
trap 'TF_EXPECT_STATUS="\${TF_EXPECT[$LINENO]:-}"; TF_LINE=$LINENO' DEBUG
# Name the command that failed: set -e alone ends the script silently.
trap 'echo "readme-examples: exit $? at script line $TF_LINE: $BASH_COMMAND"' ERR
curl() {
  local headers status rc=0
  headers=$(mktemp)
  command curl -D "$headers" "$@" || rc=$?
  status=$(awk '/^HTTP\//{s=$2} END{print s}' "$headers"); rm -f "$headers"
  [ "$rc" = 0 ] || return "$rc"
  if [ -n "$TF_EXPECT_STATUS" ]; then
    if [ "$status" != "$TF_EXPECT_STATUS" ]; then printf '\nreadme-examples: HTTP %s, but the README says → %s\n' "$status" "$TF_EXPECT_STATUS"; return 22; fi
    echo "$TF_LINE" >> "$TF_CHECKED"
  elif [ -z "$status" ] || [ "$status" -ge 400 ]; then
    printf '\nreadme-examples: HTTP %s, which the README does not mark as expected (# → NNN)\n' "\${status:-none}"; return 22
  fi
}
npx() {
  if [ "\${1:-}" != transferflow ]; then echo "readme-examples: only npx transferflow is mapped"; return 127; fi
  shift
  ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(repo, 'bin', 'transferflow.js'))} "$@"
}
`.replaceAll('\\$', '$');
}

/** One bash script: the prelude, then every step in README order, each announced on the output. */
function script(steps: Step[], repo: string, apiUrl: string, keys: Record<string, string>) {
  const parts: string[] = [prelude(repo)];
  const lineNo = () => parts.join('\n').split('\n').length + 1;
  const markers: Array<{ readmeLine: number; scriptLines: number[] }> = [];
  const offsets: Array<{ first: number; last: number; readmeFirst: number }> = [];
  const table: string[] = [];
  for (const step of steps) {
    if (step.kind === 'skipped') continue;
    if (step.kind === 'file') {
      parts.push(
        `echo '::readme ${step.line}::'`,
        `cat > ${JSON.stringify(step.name)} <<'TF_README_EOF'\n${step.text}\nTF_README_EOF`,
      );
      continue;
    }
    parts.push(`echo '::readme ${step.line}::'`);
    const first = lineNo();
    const body = mapPlaceholders(step.text, apiUrl, keys);
    offsets.push({ first, last: first + body.split('\n').length - 1, readmeFirst: step.line + 1 });
    for (const e of expectations(body)) {
      for (const l of e.lines) table.push(`TF_EXPECT[${first + l}]=${e.status}`);
      markers.push({
        readmeLine: step.line + 1 + e.lines[e.lines.length - 1],
        scriptLines: e.lines.map((l) => first + l),
      });
    }
    parts.push(body);
  }
  // The table goes in the prelude: line numbers above were counted without it, so it takes one line.
  parts[0] = `${parts[0]}${table.join('; ')}`;
  /** The README line of a line of the script's blocks (placeholders never add lines). */
  const readmeLine = (scriptLine: number) => {
    const o = offsets.find((b) => scriptLine >= b.first && scriptLine <= b.last);
    return o ? o.readmeFirst + scriptLine - o.first : undefined;
  };
  return { text: `${parts.join('\n')}\n`, markers, readmeLine };
}

function run(file: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('README examples', () => {
  const markdown = readFileSync(README, 'utf8');
  const steps = readmeSteps(markdown);
  const blocks = steps.filter((s) => s.kind === 'sh');
  let e2e: E2E | undefined;
  let dir = '';

  beforeAll(async () => {
    e2e = await startE2E('pglite');
    dir = mkdtempSync(path.join(os.tmpdir(), 'tf-readme-'));
    mkdirSync(path.join(dir, 'tests'));
    symlinkSync(path.join(ROOT, 'tests', 'replay'), path.join(dir, 'tests', 'replay'));
    mkdirSync(path.join(dir, '.transferflow'));
    writeFileSync(path.join(dir, '.transferflow', DEV_PUBLIC_KEY_FILE), e2e.auditSigner.publicKeyPem());
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the extractor finds the examples (a silently broken extractor would run nothing)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    expect(
      steps
        .filter((s) => s.kind === 'file')
        .map((s) => (s as { name: string }).name)
        .sort(),
    ).toEqual(['case.json', 'determination.json', 'licence.json', 'request.json']);
    for (const s of steps) if (s.kind === 'skipped') expect(s.reason.length).toBeGreaterThan(10);
    expect(blocks.reduce((n, b) => n + expectations(b.text).length, 0)).toBeGreaterThanOrEqual(2);
  });

  test('a "# → NNN" mark covers every line of the command it ends, quoted newlines and continuations included', () => {
    const block = [
      `act '{"a":1}'   # → 201`,
      `curl -s -X POST http://x/y \\`,
      `  -d '{"a":"# not a comment",`,
      `  "b":2}'   # → 409: why`,
      `curl -s http://x/z   # read it`,
    ].join('\n');
    expect(expectations(block)).toEqual([
      { lines: [0], status: 201 },
      { lines: [1, 2, 3], status: 409 },
    ]);
  });

  test('every sh block runs as written, in README order, and succeeds', async () => {
    const keys: Record<string, string> = { ...KEYS };
    const { text, markers, readmeLine } = script(steps, ROOT, e2e!.stack.apiUrl, keys);
    const file = path.join(dir, 'readme.sh');
    writeFileSync(file, text);
    const checked = path.join(dir, 'checked');
    writeFileSync(checked, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_OPTIONS: '',
      TEMPORAL_ADDRESS: e2e!.env.address,
      TF_CHECKED: checked,
    };
    // The README sets these itself; inherited values would hide a block that forgets to.
    for (const name of ['TRANSFERFLOW_API_URL', 'TRANSFERFLOW_API_KEY', 'TRANSFERFLOW_ACTOR', 'DATABASE_URL'])
      delete env[name];
    const { code, output } = await run(file, dir, env);
    if (code !== 0) {
      const sections = output.split(/^::readme (\d+)::$/m);
      const block = sections.length > 1 ? sections[sections.length - 2] : '?';
      const at = /at script line (\d+)/.exec(output);
      const line = at ? readmeLine(Number(at[1])) : undefined;
      throw new Error(
        `README.md:${line ?? block}, in the block at README.md:${block}, failed (bash exit ${code}); the block's output:\n${sections[sections.length - 1].slice(-3000)}`,
      );
    }
    // Every "# → NNN" was met by a curl that answered NNN (not by no curl at all).
    const met = new Set(readFileSync(checked, 'utf8').split('\n').filter(Boolean).map(Number));
    const unmet = markers.filter((m) => !m.scriptLines.some((l) => met.has(l))).map((m) => `README.md:${m.readmeLine}`);
    expect(unmet).toEqual([]);
  }, 600_000); // every README example in order: dozens of CLI processes, slow on a loaded 2-core CI machine
});
