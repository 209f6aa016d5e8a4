// The lint rules that guard determinism are real: ESLint refuses a Node built-in or an I/O module
// imported into workflow or policy code, and a floating promise anywhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

async function lint(file: string, extra: string): Promise<string[]> {
  // ESLint is loaded the way its CLI loads it; its flat config is the project's eslint.config.mjs.
  const { ESLint } = (await import('eslint')) as typeof import('eslint');
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(`${readFileSync(path.join(root, file), 'utf8')}\n${extra}\n`, {
    filePath: path.join(root, file),
  });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('the workflow and policy files lint clean as they are', async () => {
  expect(await lint('workflows/case-process.ts', '')).toEqual([]);
  expect(await lint('policies/money.ts', '')).toEqual([]);
});

test.each([
  ['workflows/case-process.ts', "import { readFileSync as read } from 'node:fs';\nexport const x = read;"],
  ['workflows/case-process.ts', "import { Client } from '@temporalio/client';\nexport const y = Client;"],
  ['policies/money.ts', "import pg from 'pg';\nexport const z = pg;"],
])('%s may not import: %s', async (file, extra) => {
  expect((await lint(file, extra)).some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
});

test('a type-only import of an I/O module is allowed in workflow code (it leaves no code behind)', async () => {
  expect(
    await lint(
      'workflows/case-process.ts',
      "import type { Client } from '@temporalio/client';\nexport type C = Client;",
    ),
  ).toEqual([]);
});

test('a floating promise is refused', async () => {
  expect(
    await lint(
      'client/workflow-calls.ts',
      'export function f(p: Promise<void>): void {\n  p.then(() => undefined);\n}',
    ),
  ).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises/)]);
});
