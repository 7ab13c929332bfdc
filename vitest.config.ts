import { defineConfig } from 'vitest/config';

const unitInclude = [
  'shared/**/*.test.ts',
  'electron/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'e2e/lab/**/*.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: unitInclude,
          exclude: ['**/*.int.test.ts', '**/*.lab.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.int.test.ts', 'e2e/support/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real sshd processes and CPU-heavy key exchanges: one file at a time on 2 cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['e2e/**/*.lab.test.ts'],
          // Starts (or reuses) the qemu lab once and always stops it, even when tests fail.
          globalSetup: ['e2e/lab/global-setup.ts'],
          environment: 'node',
          testTimeout: 15 * 60_000,
          hookTimeout: 30 * 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
