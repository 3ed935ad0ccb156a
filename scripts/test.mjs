#!/usr/bin/env node
// `npm test`: the whole suite — lint, types and unit tests (`npm run check`), the integration tests (simulator,
// servers, databases), the production build, then the Playwright e2e suite against the simulator. Plain Node so
// that it runs on a fresh clone: it installs dependencies when they are missing and starts a throwaway PostgreSQL
// for the store tests when none is given.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✗ ${title} failed (exit ${r.status ?? r.signal})`);
    stopPostgres();
    process.exit(r.status || 1);
  }
  console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

let startedPostgres = false;
function startPostgres() {
  if (env.FARVIEW_TEST_DATABASE_URL) return;
  const r = spawnSync('bash', ['scripts/ci-postgres.sh'], { cwd: root, encoding: 'utf8', env });
  const m = /FARVIEW_TEST_DATABASE_URL=(\S+)/.exec(r.stdout ?? '');
  if (r.status === 0 && m) {
    env.FARVIEW_TEST_DATABASE_URL = m[1].replace(/^['"]|['"]$/g, '');
    startedPostgres = true;
  } else {
    console.warn('! could not start PostgreSQL: the store tests run on PGlite only.\n' + (r.stderr ?? ''));
  }
}
function stopPostgres() {
  if (startedPostgres) spawnSync('bash', ['scripts/ci-postgres.sh', 'stop'], { cwd: root, stdio: 'ignore', env });
}

if (!existsSync(path.join(root, 'node_modules', '.bin', 'next'))) step('install dependencies', 'npm', ['ci', '--no-audit', '--no-fund']);
startPostgres();
step('lint, types and unit tests', 'npm', ['run', '-s', 'check']);
step('integration tests', 'npm', ['run', '-s', 'integration']);
step('production build', 'npx', ['next', 'build']);
step('end-to-end tests in Chromium', 'npx', ['playwright', 'test']);
stopPostgres();
