import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

/*
 * The rooms (docs/architecture.md, "Rooms"): who may import whom. Each pattern matches the import string as written, so
 * it covers the `@/` alias and relative paths (`../server/x`, `../../lib/server/x`) alike. ESLint does not merge
 * one rule's options across blocks (the last matching block wins), so every block lists all the patterns that
 * apply to its files.
 */
const SERVER_OR_STORE = {
  regex: '^(@/lib/|(\\.\\./)+(lib/)?)(server|store)(/|$)',
  message: 'lib/server and lib/store are server rooms: the pure core and the UI see only plain data (lib/view/model).',
};
const SIM = {
  regex: '^(@/|(\\.\\./)+)sim(/|$)',
  message: 'sim/ is a separate process: the application never imports it.',
};
const TEST_HELPERS = {
  // sim/harness too, through SIM, which every lib block lists.
  regex: '(^|/)(test-support|testing[^/]*|testkit|test-helpers|fixtures|tests)(/|$)',
  message: 'Test helpers are for tests: application code must not import them.',
};
const LIB_VALUES = {
  regex: '^(@/|(\\.\\./)+)lib(/|$)',
  allowTypeImports: true,
  message: 'sim/ checks the engine, never borrows it: from lib it takes plain types only (`import type`).',
};

const PURE_LIB = ['fargate', 'lint', 'view', 'k8s', 'cost', 'ledger', 'profiles', 'ui', 'usage'].map((room) => `lib/${room}/**`);
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**'];
const testsIn = (...folders) => folders.flatMap((folder) => TESTS.map((t) => `${folder.replace(/\/\*\*$/, '')}/${t}`));
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const rooms = [
  { files: ['lib/**', 'app/**'], rules: restrict(SIM, TEST_HELPERS) },
  { files: PURE_LIB, rules: restrict(SERVER_OR_STORE, SIM, TEST_HELPERS) },
  { files: ['components/**'], rules: restrict(SERVER_OR_STORE, SIM, TEST_HELPERS) },
  // Tests and their helpers may use helpers, and those of lib/server, lib/store and app start the simulator.
  { files: testsIn('lib', 'app'), rules: { 'no-restricted-imports': 'off' } },
  { files: testsIn(...PURE_LIB, 'components'), rules: restrict(SERVER_OR_STORE, SIM) },
  { files: ['sim/**'], rules: restrict(LIB_VALUES) },
];

const config = [
  ...next,
  ...nextTs,
  ...rooms,
  { ignores: ['.next/**', 'node_modules/**', '.farview/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
