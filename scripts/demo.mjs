#!/usr/bin/env node
// `npm run demo`: Farview against the built-in simulator of the seed's `eksworkshop` cluster.
// Starts the simulator, then the production server wired to it exactly as to a real cluster — through the
// simulator's kubeconfig and the standard AWS endpoint variables — prints the URL, and stops both on Ctrl-C.
// Plain Node on purpose: it runs on a fresh clone before any dependency is installed.
//
//   node scripts/demo.mjs [--no-build] [--speed X] [--state-dir DIR] [--scenario NAME] [-- extra simulator flags]
//   PORT (default 3000) and HOST (default 127.0.0.1) choose where the dashboard listens.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function parseArgs(argv) {
  const opts = { build: true, speed: '1', stateDir: '.farview/sim', scenario: 'eksworkshop', simExtra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--no-build') opts.build = false;
    else if (a === '--speed') opts.speed = value();
    else if (a === '--state-dir') opts.stateDir = value();
    else if (a === '--scenario') opts.scenario = value();
    else if (a === '--') {
      opts.simExtra = argv.slice(i + 1);
      break;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run demo [-- --no-build] [--speed X] [--state-dir DIR] [--scenario NAME]');
      process.exit(0);
    } else fail(`unknown option ${a} (try --help)`);
  }
  return opts;
}

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(2);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Newest modification time under the folders a production build depends on. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['app', 'components', 'lib']) walk(path.join(root, d));
  for (const f of ['package.json', 'next.config.js']) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

function ensureBuilt(opts) {
  if (!existsSync(bin('next'))) {
    console.log('demo: installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  if (!opts.build) return;
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource()) {
    console.log('demo: building the dashboard (next build)…');
    run(bin('next'), ['build']);
  }
}

/** Reads the simulator's aws.env (KEY=value lines). */
function readEnvFile(file) {
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return env;
}

const children = [];
function stopAll(code) {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}

function startSimulator(opts) {
  const args = ['sim/main.ts', '--scenario', opts.scenario, '--state-dir', opts.stateDir, '--speed', opts.speed, ...opts.simExtra];
  const sim = spawn(bin('tsx'), args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(sim);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not report ready within 60 s')), 60_000);
    let buffer = '';
    sim.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const m = /sim ready kubeconfig=(\S+) env=(\S+)/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolve({ kubeconfig: m[1], envFile: m[2] });
      }
    });
    sim.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}) before it was ready`));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureBuilt(opts);
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  const sim = await startSimulator(opts);
  const host = process.env.HOST ?? '127.0.0.1';
  const port = process.env.PORT ?? '3000';
  const env = { ...process.env, ...readEnvFile(sim.envFile), KUBECONFIG: sim.kubeconfig, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.FARVIEW_CONTEXT;
  delete env.AWS_PROFILE;
  // The young generation capped as `npm start` and the image do (README, "Performance at 10,000 pods").
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const server = spawn(process.execPath, ['--max-semi-space-size=8', next, 'start', '--hostname', host, '--port', port], { cwd: root, stdio: 'inherit', env });
  children.push(server);
  for (const c of children) c.on('exit', (code) => stopAll(code ?? 1));

  // Reach "all interfaces" through loopback; an IPv6 literal needs brackets in a URL.
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' || host === '[::]' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const url = `http://${reach}:${port}`;
  await waitForHealth(`${url}/api/health`, server);
  console.log(`\nFarview is running at ${url}  (cluster: simulated ${opts.scenario})`);
  console.log(`Change the cluster live:  kubectl --kubeconfig ${path.relative(root, sim.kubeconfig)} get pods -A -o wide`);
  console.log('Press Ctrl-C to stop.\n');
}

main().catch((err) => {
  console.error(`demo: ${err.message}`);
  stopAll(1);
});
