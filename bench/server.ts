/** The production dashboard server for the benchmark: the build check, `next start`, and the port. */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startChild } from './processes';

/** The build directory next start uses (next.config.js honours FARVIEW_DIST_DIR). */
export function distDir(root: string): string {
  return path.resolve(root, process.env.FARVIEW_DIST_DIR || '.next');
}

/** Newest modification time of the sources a production build depends on. */
export function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string, depth: number) => {
    if (!existsSync(dir) || depth > 20) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (!/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['app', 'components', 'lib']) walk(path.join(root, d), 0);
  for (const f of ['package.json', 'next.config.js', 'proxy.ts', 'instrumentation.ts']) {
    const p = path.join(root, f);
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `next build` when there is no build; returns a warning when the build is older than the sources. */
export async function ensureBuild(root: string, opts: { noBuild: boolean; timeoutMs: number; log: (s: string) => void }): Promise<string | null> {
  const buildId = path.join(distDir(root), 'BUILD_ID');
  if (existsSync(buildId)) {
    const stale = statSync(buildId).mtimeMs < newestSourceMtime(root);
    return stale ? `the build in ${path.relative(root, distDir(root))} is older than the sources: run \`npm run build\` to measure the current code` : null;
  }
  if (opts.noBuild) throw new Error(`no production build (${path.relative(root, buildId)} is missing): run \`npm run build\` or drop --no-build`);
  opts.log(`bench: no production build yet — running next build (up to ${Math.round(opts.timeoutMs / 60_000)} min)…`);
  const child = startChild(process.execPath, [nextBin(root), 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const code = await exitCode(child, opts.timeoutMs);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  return null;
}

function exitCode(child: ChildProcess, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? 'unknown');
    });
  });
}

export function nextBin(root: string): string {
  return path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Environment variables of the bench's own shell that would point the server elsewhere or turn sign-in on. */
const DROP = ['FARVIEW_CONTEXT', 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'FARVIEW_AUTH_TOKENS', 'FARVIEW_AUTH_TOKENS_FILE', 'FARVIEW_TRUST_PROXY_HEADERS', 'DATABASE_URL', 'NODE_OPTIONS', 'HOST', 'PORT'];

/** Starts `next start` on 127.0.0.1:port wired to the simulator, as scripts/demo.mjs does. */
export function startServer(
  root: string,
  opts: { port: number; kubeconfigPath: string; awsEnv: Record<string, string>; dataDir: string; cpuProfDir: string | null; logFile: NodeJS.WritableStream },
): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of DROP) delete env[k];
  Object.assign(env, opts.awsEnv, {
    KUBECONFIG: opts.kubeconfigPath,
    NEXT_TELEMETRY_DISABLED: '1',
    FARVIEW_DATA_DIR: opts.dataDir,
    NODE_ENV: 'production',
  });
  // next start serves from its own process; Node refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line,
  // with the semi-space cap `npm start`, the demo and the image use.
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProfDir)}`] : [];
  const child = startChild(process.execPath, [...prof, '--max-semi-space-size=8', nextBin(root), 'start', '--hostname', '127.0.0.1', '--port', String(opts.port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  child.stdout?.pipe(opts.logFile, { end: false });
  child.stderr?.pipe(opts.logFile, { end: false });
  return child;
}
