import { defineConfig } from 'vitest/config';
import path from 'node:path';

/**
 * Two projects. `unit` is what `npm run check` runs: pure and in-process tests, quick enough to run after every
 * change. `integration` (files named `*.int.test.ts`) starts the simulator, a production-like server, a database or
 * a child process (and holds the simulator's own tests); `npm test` runs it too.
 */
const INTEGRATION = ['**/*.int.test.ts'];
const ALL = ['**/*.test.ts', '**/*.test.tsx'];
const EXCLUDE = ['node_modules/**', '.next/**', '.next-*/**', 'e2e/**', '.farview/**'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // lib/server modules start with `import 'server-only'`; outside Next it must be a no-op.
      'server-only': path.resolve(import.meta.dirname, 'lib/test-support/server-only.ts'),
    },
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...EXCLUDE, ...INTEGRATION], isolate: false } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: EXCLUDE } },
    ],
  },
});
