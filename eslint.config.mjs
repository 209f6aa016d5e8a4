// Lint rules. The important ones guard Temporal's determinism and the policy packs' purity: code in
// workflows/ and policies/ is bundled into the workflow sandbox, where Node built-ins and I/O
// modules do not exist (and must not be reached for: a workflow that reads a file or the clock of
// the machine is not replay-safe). Promises must be awaited or explicitly voided.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const ioModules = [
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
  '@prisma/client',
  '@prisma/*',
  'pg',
  'fastify',
  'commander',
  '@electric-sql/pglite',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'prisma/generated/**',
      'tools/**',
      'dist/**',
      'coverage/**',
      '.transferflow/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts', 'policies/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'workflow and policy code runs in the workflow sandbox: no Node built-ins (use an activity)',
          })),
          patterns: [
            {
              group: ioModules,
              message: 'workflow and policy code does no I/O: use an activity, or a type-only import',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
