import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // lib/server modules start with `import 'server-only'`; outside Next it must be a no-op.
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.farview/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
