// ESLint flat config: type-aware and strict, plus import rules that back the per-layer tsconfigs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'events',
];
const forbid = (group, message) => ({ group, message });

const SHARED_TESTS = ['shared/**/*.test.ts', 'shared/**/*.test-support.ts'];
const sharedOnly = [
  forbid(nodeBuiltins, 'shared/ runs anywhere: no Node built-ins.'),
  forbid(
    ['electron', 'react', 'react-dom', '@mui/*', 'ssh2', 'better-sqlite3', 'ws'],
    'shared/ may import only shared/ and zod.',
  ),
  forbid(['**/electron/**', '**/renderer/**', '**/e2e/**'], 'shared/ may import only shared/.'),
];
/** The folders of shared/, lowest first; each may import only the ones before it. */
const SHARED_STACK = [
  'base',
  'security',
  'shell',
  'model',
  'probe',
  'plan',
  'lb',
  'cluster',
  'topology',
  'api',
  'snapshot',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.cache/',
      'test-results/',
      'playwright-report/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'renderer/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: SHARED_TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: sharedOnly }] },
  },
  // The folders of shared/ form a one-way stack (shared/README.md): each may import only the
  // folders below it. Tests and their fixtures (testing/ folders) stand outside the stack.
  ...SHARED_STACK.map((folder, i) => {
    const above = SHARED_STACK.slice(i + 1);
    const below = SHARED_STACK.slice(0, i);
    const may = below.length > 0 ? below.join(', ') : 'nothing else in shared/';
    return {
      files: [`shared/${folder}/**/*.ts`],
      ignores: [...SHARED_TESTS, 'shared/**/testing/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...sharedOnly,
              ...(above.length > 0
                ? [
                    forbid(
                      above.map((f) => `**/${f}/**`),
                      `shared/${folder} may import only ${may} (the stack in shared/README.md).`,
                    ),
                  ]
                : []),
            ],
          },
        ],
      },
    };
  }),
  {
    files: ['electron/core/**/*.ts', 'electron/headless/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['electron'],
              'The engine is plain Node: no electron import (it must run and test without Electron).',
            ),
            forbid(
              ['**/renderer/**', '**/electron/main/**', '**/main/**', '**/preload/**'],
              'core/headless may import only core and shared.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(
              ['**/core/**', '**/main/**', '**/renderer/**', '**/shared/model/**', 'node:*'],
              'preload may import only shared/api and electron.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(nodeBuiltins, 'The renderer is a browser page: no Node built-ins.'),
            forbid(
              ['electron', 'ssh2', 'better-sqlite3', 'ws'],
              'The renderer talks only through the api object.',
            ),
            forbid(['**/electron/**', '**/e2e/**'], 'The renderer may import only shared/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-support.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
