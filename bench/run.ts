/**
 * `npm run bench [-- --nodes N --pods M --churn R --json FILE]`: Farview at scale, end to end.
 *
 * Starts the simulator's scale scenario (bench/sim-child.ts, churn paused) and the production server
 * (`next start`, wired to the simulator through its kubeconfig and aws.env like scripts/demo.mjs), then:
 *   1. sync       server start → GET view holds every pod
 *   2. view       GETs of the whole view with gzip, quiet cluster
 *   3. kubectl    `kubectl get pods -A -o wide` against the same simulator
 *   4. browser    navigation → rows painted (fresh context each), then `/` filter keystrokes
 *   5. live       churn on; label patches through the API → the row painted in the browser; server RSS;
 *                 GETs of the view under churn (for information)
 *   6. settle     churn off, wait for the simulator to go quiet, then compare the server's view and the
 *                 browser with a fresh API list (lostEvents)
 * Prints a table (stdout) and writes JSON. Exit 0 when every target is met, 1 when one is missed,
 * 2 for bad arguments, 3 when the run itself failed. Everything listens on 127.0.0.1 and is stopped on exit.
 */
import { createWriteStream, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import type { ClusterView } from '../lib/view/model';
import { seededRng } from '../sim/context';
import { BENCH_USAGE, BenchArgError, parseBenchArgs, type BenchArgs } from './args';
import { allRows, armRow, cancelWaits, firstRows, focusFilter, freshPage, holdsWithin, launchBrowser, probeInstalled, rowPainted, setFilter, timedFilterKey, until, visibleRows, type FirstRows } from './browser';
import { closeDashboardAgent, getView, type TimedResponse } from './dashboard';
import { KubeClient } from './kube';
import { loadAverage, machine } from './machine';
import { killAllChildrenNow, startChild, stopAllChildren, stopChild, treeRss } from './processes';
import { formatTable, verdicts, TARGETS, type Measurements } from './report';
import { ensureBuild, freePort, startServer } from './server';
import { startSimChild, type SimHandle } from './sim';
import { median, percentile, round } from './stats';
import { comparePods, factsOfApiPod, factsOfPodView, type Difference } from './truth';
import { usagePhase } from './usage';

const root = path.resolve(__dirname, '..');
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const MB = 1024 * 1024;

/** Runs `fn` and fails with `what` when it takes longer than `ms`. */
async function bounded<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Run {
  args: BenchArgs;
  tmp: string;
  sim: SimHandle | null;
  server: ChildProcess | null;
  browser: Browser | null;
  kube: KubeClient | null;
}

/** Phase 1: spawn → GET view holds `expected` pods. Returns ms since `t0` and the last view. */
async function syncPhase(base: string, context: string, expected: number, server: ChildProcess, t0: number): Promise<{ ms: number; view: ClusterView }> {
  const deadline = Date.now() + 120_000;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before the view was complete; see its log`);
    try {
      const { view } = await getView(base, context, 60_000);
      if (view.pods.length >= expected) return { ms: performance.now() - t0, view };
      last = `${view.pods.length} of ${expected} pods`;
      await sleep(100);
    } catch (e) {
      last = (e as Error).message;
      await sleep(/ECONNREFUSED/.test(last) ? 50 : 200);
    }
  }
  throw new Error(`the view did not hold all ${expected} pods within 120 s (last: ${last})`);
}

/** Phase 2 (and 5b): `n` sequential GETs of the view with gzip. */
async function viewPhase(base: string, context: string, n: number): Promise<{ samples: number[]; bytes: number; last: ClusterView; gzipLayers: number }> {
  const samples: number[] = [];
  let r: TimedResponse | null = null;
  let last: ClusterView | null = null;
  let gzipLayers = 0;
  for (let i = 0; i < n; i++) {
    const got = await getView(base, context, 30_000);
    if (got.r.headers['content-encoding'] !== 'gzip') throw new Error('the view route did not answer with gzip although the request accepted it');
    samples.push(got.r.ms);
    r = got.r;
    last = got.view;
    gzipLayers = Math.max(gzipLayers, got.gzipLayers);
  }
  return { samples, bytes: r?.bytes ?? 0, last: last as ClusterView, gzipLayers };
}

/** Phase 3: wall time of `kubectl get pods -A -o wide` (one warm-up for discovery, then the median of three). */
async function kubectlPhase(kubeconfig: string, cacheDir: string): Promise<{ ms: number; samples: number[] }> {
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const devnull = openSync('/dev/null', 'w');
      const t0 = performance.now();
      const child = startChild('kubectl', ['get', 'pods', '-A', '-o', 'wide', '--kubeconfig', kubeconfig, '--cache-dir', cacheDir, '--request-timeout', '120s'], {
        stdio: ['ignore', devnull, 'pipe'],
        env: { ...process.env, KUBECONFIG: kubeconfig },
      });
      let err = '';
      child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
      child.once('error', (e) => {
        clearTimeout(timer);
        closeSync(devnull);
        reject(new Error(`kubectl could not run: ${e.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        closeSync(devnull);
        if (code === 0) resolve(performance.now() - t0);
        else reject(new Error(`kubectl get pods failed (exit ${code}): ${err.trim().slice(0, 300)}`));
      });
    });
  await once();
  const samples = [await once(), await once(), await once()];
  return { ms: median(samples), samples };
}

/** Pods per namespace in a view (for the filter's expected counts). */
function podsPerNamespace(view: ClusterView): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of view.pods) m.set(p.namespace, (m.get(p.namespace) ?? 0) + 1);
  return m;
}

/**
 * Phase 4b: keystrokes in the `/` filter. The field holds "team-0" (namespaces team-00…team-09); each
 * measured pair types one more digit (one namespace) and deletes it again, so every keystroke changes
 * the list. The expected count comes from the view's namespaces: the text filter matches the namespace
 * (and the team=<namespace> label), nothing else in these pods.
 */
async function filterPhase(page: Page, view: ClusterView, keystrokes: number): Promise<{ samples: number[]; misses: string[] }> {
  const perNs = podsPerNamespace(view);
  const prefix = 'team-0';
  const wide = [...perNs].filter(([ns]) => ns.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
  const digits = '1234567890'.split('').filter((d) => (perNs.get(prefix + d) ?? 0) !== wide);
  if (!digits.length || wide === 0) throw new Error('the scale scenario has no team-0x namespaces to filter on');
  await focusFilter(page);
  await page.keyboard.type(prefix);
  await until(page, 'count', wide, 20_000, `the filter /${prefix} did not show ${wide} rows`);
  const samples: number[] = [];
  const misses: string[] = [];
  for (let i = 0; samples.length + misses.length < keystrokes; i++) {
    const d = digits[i % digits.length];
    for (const [key, expected, text] of [
      [d, perNs.get(prefix + d) ?? 0, prefix + d],
      ['Backspace', wide, prefix],
    ] as const) {
      const r = await timedFilterKey(page, key, expected);
      if (r.ms === null) misses.push(`/${text}: expected ${expected} rows, the title showed ${r.count}`);
      else samples.push(r.ms);
    }
  }
  return { samples, misses };
}

interface LiveResult {
  samples: number[];
  /** Pods deleted by churn before their patch (not measured). */
  gone: number;
  /** Patched pods whose row never appeared within the timeout. */
  timeouts: string[];
  labelled: Set<string>;
}

/** Phase 5: label patches on random running pods; each timed to its row painted under `-l benchlive`. */
async function livePhase(page: Page, kube: KubeClient, n: number, seed: number): Promise<LiveResult> {
  await setFilter(page, '-l benchlive', 0);
  const rng = seededRng(seed ^ 0xbe4c);
  const candidates = (await kube.listPods()).filter((p) => p.metadata.namespace !== 'kube-system' && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const res: LiveResult = { samples: [], gone: 0, timeouts: [], labelled: new Set() };
  const deadline = Date.now() + Math.max(120_000, n * 20_000);
  for (let i = 0, c = 0; res.samples.length + res.timeouts.length < n && c < candidates.length && Date.now() < deadline; c++) {
    const pod = candidates[c];
    const { namespace, name } = pod.metadata;
    await armRow(page, name, 15_000);
    const t0 = Date.now();
    const status = await kube.labelPod(namespace, name, { benchlive: String(i) });
    if (status === 404) {
      res.gone++;
      await cancelWaits(page);
      continue;
    }
    i++;
    res.labelled.add(`${namespace}/${name}`);
    const painted = await rowPainted(page);
    if (painted !== null) res.samples.push(painted - t0);
    else if (await kube.podExists(namespace, name)) res.timeouts.push(`${namespace}/${name}`);
    else res.gone++;
    // Spread the samples over the server's flush cycle instead of locking onto it.
    await sleep(250 + Math.floor(rng() * 500));
  }
  return res;
}

/** Phase 6a: churn off, then wait until the simulator has finished what churn started and gone quiet. */
async function settle(sim: SimHandle, speed: number): Promise<{ ms: number; quiet: boolean }> {
  const t0 = performance.now();
  await sim.setChurn(0);
  // Replacement pods on Fargate start 20 s (simulated) after creation; readiness flips last 5 s.
  await sleep(Math.ceil(22_000 / speed));
  let last = (await sim.stats()).revision;
  let stableSince = performance.now();
  const deadline = performance.now() + 90_000;
  while (performance.now() < deadline) {
    await sleep(500);
    const rev = (await sim.stats()).revision;
    if (rev !== last) {
      last = rev;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= 3000) {
      // The server flushes every 250 ms and the browser publishes every 150 ms: give both time to catch up.
      await sleep(2000);
      return { ms: performance.now() - t0, quiet: true };
    }
  }
  return { ms: performance.now() - t0, quiet: false };
}

interface LostReport {
  server: Difference[];
  browser: string[];
  truthPods: number;
  browserRows: number;
}

/** Phase 6b: the server's view and the browser against a fresh API list. */
async function lostPhase(base: string, context: string, page: Page, kube: KubeClient, labelled: Set<string>): Promise<LostReport> {
  const apiPods = await kube.listPods();
  const truth = apiPods.map(factsOfApiPod);
  const { view } = await getView(base, context, 60_000);
  const server = comparePods(truth, view.pods.map(factsOfPodView));
  const browser: string[] = [];
  const byKey = new Map<string, (typeof apiPods)[number]>(apiPods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));

  // The patched pods that still exist, and nothing else, under -l benchlive.
  const stillLabelled = [...labelled].filter((k) => byKey.get(k)?.metadata.labels?.benchlive !== undefined);
  await setFilter(page, '-l benchlive', null);
  await holdsWithin(page, 'count', stillLabelled.length, 10_000);
  const shown = new Set((await visibleRows(page)).map((r) => `${r.NAMESPACE}/${r.NAME}`));
  for (const k of stillLabelled) if (!shown.has(k)) browser.push(`${k}: labelled benchlive in the API, not listed under -l benchlive`);
  for (const k of shown) if (!stillLabelled.includes(k)) browser.push(`${k}: listed under -l benchlive, not labelled in the API`);

  // Every pod, once, with READY and RESTARTS as the API says: read the whole list by scrolling it.
  await setFilter(page, '', null);
  await holdsWithin(page, 'count', truth.length, 10_000);
  const total = await page.evaluate('window.__bench.titleCount()');
  if (total !== truth.length) browser.push(`the list title counts ${String(total)} pods, the API lists ${truth.length}`);
  const listed = await allRows(page);
  const want = new Map(truth.map((t) => [`${t.namespace}/${t.name}`, t] as [string, (typeof truth)[number]]));
  const seen = new Set<string>();
  for (const r of listed.rows) {
    const k = `${r.NAMESPACE}/${r.NAME}`;
    const t = want.get(k);
    if (seen.has(k)) browser.push(`${k}: listed twice in the browser`);
    seen.add(k);
    if (!t) browser.push(`${k}: in the browser, not in the API`);
    else if (r.READY !== t.ready || Number(r.RESTARTS) !== t.restarts) browser.push(`${k}: browser READY ${r.READY} RESTARTS ${r.RESTARTS}, API ${t.ready} ${t.restarts}`);
  }
  for (const k of want.keys()) if (!seen.has(k)) browser.push(`${k}: in the API, not in the browser`);
  if (listed.rows.length !== listed.total) browser.push(`read ${listed.rows.length} of the ${listed.total} rows the grid says it has`);
  return { server, browser, truthPods: truth.length, browserRows: listed.rows.length };
}

function rssSampler(pid: number): { stop(): { maxMB: number; treeMB: number; samples: number } } {
  let max = 0;
  let tree = 0;
  let n = 0;
  const take = () => {
    const r = treeRss(pid);
    if (!r) return;
    n++;
    max = Math.max(max, r.maxBytes);
    tree = Math.max(tree, r.totalBytes);
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { maxMB: max / MB, treeMB: tree / MB, samples: n };
    },
  };
}

async function cleanup(run: Run): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ['browser', async () => run.browser?.close()],
    ['server', async () => run.server && stopChild(run.server, run.args.cpuProfDir ? 15_000 : 5000)],
    ['simulator', async () => run.sim?.stop()],
    ['children', () => stopAllChildren(3000)],
  ];
  for (const [what, fn] of steps) {
    try {
      await bounded(`stopping the ${what}`, 20_000, fn);
    } catch (e) {
      log(`bench: ${(e as Error).message}`);
    }
  }
  run.kube?.close();
  closeDashboardAgent();
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    const parsed = parseBenchArgs(process.argv.slice(2));
    if (parsed === 'help') {
      process.stdout.write(BENCH_USAGE + '\n');
      return 0;
    }
    args = parsed;
  } catch (e) {
    if (e instanceof BenchArgError) {
      log(`bench: ${e.message}`);
      return 2;
    }
    throw e;
  }

  const host = machine();
  const loadStart = loadAverage();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'farview-bench-'));
  const run: Run = { args, tmp, sim: null, server: null, browser: null, kube: null };
  let stopping = false;
  const abort = (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`bench: ${why}; stopping everything`);
    void cleanup(run).finally(() => process.exit(code));
    setTimeout(() => {
      killAllChildrenNow();
      process.exit(code);
    }, 30_000).unref();
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  process.on('exit', killAllChildrenNow);
  const overall = setTimeout(() => abort(`the whole run took longer than --timeout ${args.timeoutS} s`, 3), args.timeoutS * 1000);
  overall.unref();

  const notes: string[] = [];
  const m: Measurements = {
    pods: args.pods,
    nodes: args.nodes,
    syncMs: null,
    viewP50Ms: null,
    viewP95Ms: null,
    viewBytes: null,
    kubectlGetPodsMs: null,
    viewVsKubectl: null,
    browserFirstRowsMs: null,
    filterP95Ms: null,
    liveUpdateP50Ms: null,
    liveUpdateP95Ms: null,
    lostEvents: null,
    serverRssMB: null,
  };
  const extra: Record<string, unknown> = {};
  let failure: Error | null = null;

  try {
    const stale = await ensureBuild(root, { noBuild: args.noBuild, timeoutMs: 20 * 60_000, log });
    if (stale) {
      log(`bench: warning: ${stale}`);
      notes.push(`warning: ${stale}`);
    }

    log(`bench: starting the simulator (scale: ${args.nodes} nodes, ${args.pods} pods)…`);
    const sim = await startSimChild(root, { nodes: args.nodes, pods: args.pods, churn: args.churn, speed: args.speed, seed: args.seed, stateDir: path.join(tmp, 'sim') }, 300_000);
    run.sim = sim;
    run.kube = new KubeClient({ url: sim.k8sUrl, token: sim.token, caCert: sim.caCert });
    const expectedPods = (await sim.stats()).pods;
    extra.simLoadMs = round(sim.loadMs, 0);
    log(`bench: simulator ready in ${Math.round(sim.loadMs)} ms with ${expectedPods} pods (${sim.k8sUrl})`);

    const port = args.port || (await freePort());
    const base = `http://127.0.0.1:${port}`;
    const serverLog = createWriteStream(path.join(tmp, 'server.log'));
    if (args.cpuProfDir) mkdirSync(args.cpuProfDir, { recursive: true });
    const t0 = performance.now();
    const server = startServer(root, { port, kubeconfigPath: sim.kubeconfigPath, awsEnv: sim.awsEnv, dataDir: path.join(tmp, 'data'), cpuProfDir: args.cpuProfDir, logFile: serverLog });
    run.server = server;
    const context = sim.context;

    log('bench: 1/6 sync…');
    const sync = await bounded('sync', 150_000, () => syncPhase(base, context, expectedPods, server, t0));
    m.syncMs = round(sync.ms, 0);
    log(`bench:   ${m.syncMs} ms (server pid ${server.pid})`);

    log(`bench: 2/6 GET view ×${args.viewRequests}…`);
    const quiet = await bounded('view requests', 300_000, () => viewPhase(base, context, args.viewRequests));
    m.viewP50Ms = round(percentile(quiet.samples, 50));
    m.viewP95Ms = round(percentile(quiet.samples, 95));
    m.viewBytes = quiet.bytes;
    extra.viewSamplesMs = quiet.samples.map((x) => round(x));
    extra.viewGzipLayers = quiet.gzipLayers;
    if (quiet.gzipLayers > 1) notes.push(`view: the body arrived gzipped ${quiet.gzipLayers} times under one Content-Encoding: gzip (a browser cannot read it); times and bytes are as served`);
    log(`bench:   p50 ${m.viewP50Ms} ms, p95 ${m.viewP95Ms} ms, ${quiet.bytes} bytes`);

    log('bench: usage: one metrics-server poll, and a simulated day of history…');
    const usage = await bounded('usage', 600_000, () => usagePhase(run.kube as KubeClient, quiet.last, path.join(tmp, 'usage-store')));
    extra.usage = {
      pods: usage.pods,
      pollParseMs: round(usage.pollParseMs, 0),
      pollCpuMs: round(usage.pollCpuMs, 0),
      pollBytes: usage.pollBytes,
      series: usage.series,
      rowsPerMinute: round(usage.rowsPerMinute, 0),
      dayRows: usage.dayRows,
      dayMB: round(usage.dayBytes / MB, 1),
      dayWriteMs: round(usage.dayWriteMs, 0),
    };
    log(`bench:   poll of ${usage.pods} pods: parse ${round(usage.pollParseMs, 0)} ms (CPU ${round(usage.pollCpuMs, 0)} ms, ${usage.pollBytes} bytes); ${usage.series} series, ${round(usage.rowsPerMinute, 0)} rows/min; a day: ${usage.dayRows} rows, ${round(usage.dayBytes / MB, 1)} MB, writes ${round(usage.dayWriteMs, 0)} ms`);

    log('bench: 3/6 kubectl get pods -A -o wide…');
    const kc = await bounded('kubectl', 700_000, () => kubectlPhase(sim.kubeconfigPath, path.join(tmp, 'kubectl-cache')));
    m.kubectlGetPodsMs = round(kc.ms, 0);
    m.viewVsKubectl = round(m.viewP50Ms / kc.ms, 3);
    extra.kubectlSamplesMs = kc.samples.map((x) => round(x, 0));
    log(`bench:   ${m.kubectlGetPodsMs} ms`);

    log(`bench: 4/6 browser: first rows ×${args.firstRowsRuns}, filter ×${args.filterKeystrokes}…`);
    const browser = await launchBrowser();
    run.browser = browser;
    const url = `${base}/c/${encodeURIComponent(context)}?view=pods`;
    const firsts: FirstRows[] = [];
    if (args.traceDir) mkdirSync(args.traceDir, { recursive: true });
    for (let i = 0; i < args.firstRowsRuns; i++) {
      const trace = args.traceDir && i === 0 ? path.join(args.traceDir, 'first-rows.trace.json') : null;
      firsts.push(await bounded('first rows', 120_000, () => firstRows(browser, url, 90_000, trace)));
    }
    m.browserFirstRowsMs = round(median(firsts.map((f) => f.ms)), 0);
    extra.firstRows = firsts.map((f) => ({
      ms: round(f.ms, 0),
      domContentLoadedMs: f.domContentLoadedMs === null ? null : round(f.domContentLoadedMs, 0),
      streamOpenMs: f.streamOpenMs === null ? null : round(f.streamOpenMs, 0),
      snapshotMs: f.snapshotMs === null ? null : round(f.snapshotMs, 0),
      snapshotChars: f.snapshotChars,
    }));
    log(`bench:   first rows p50 ${m.browserFirstRowsMs} ms (${firsts.map((f) => Math.round(f.ms)).join(', ')})`);

    const { context: live, page } = await freshPage(browser);
    await page.goto(url, { waitUntil: 'commit', timeout: 90_000 });
    await probeInstalled(page, 30_000);
    await until(page, 'firstRows', null, 90_000, `no rows appeared at ${url}`);
    if (args.traceDir) await browser.startTracing(page, { path: path.join(args.traceDir, 'filter.trace.json'), screenshots: false });
    const filter = await bounded('filter', 300_000, () => filterPhase(page, quiet.last, args.filterKeystrokes));
    if (args.traceDir) await browser.stopTracing();
    m.filterP95Ms = filter.misses.length ? null : round(percentile(filter.samples, 95));
    extra.filterP50Ms = round(percentile(filter.samples, 50));
    extra.filterSamplesMs = filter.samples.map((x) => round(x));
    if (filter.misses.length) notes.push(`filter: ${filter.misses.length} keystrokes never showed the expected rows, e.g. ${filter.misses[0]}`);
    log(`bench:   filter p50 ${extra.filterP50Ms} ms, p95 ${round(percentile(filter.samples, 95))} ms${filter.misses.length ? `, ${filter.misses.length} misses` : ''}`);

    log(`bench: 5/6 live: churn ${args.churn}/s, ${args.liveSamples} label patches…`);
    await sim.setChurn(args.churn);
    const rss = rssSampler(server.pid as number);
    await sleep(3000);
    if (args.traceDir) await browser.startTracing(page, { path: path.join(args.traceDir, 'live.trace.json'), screenshots: false });
    const liveRes = await bounded('live updates', Math.max(180_000, args.liveSamples * 25_000), () => livePhase(page, run.kube as KubeClient, args.liveSamples, args.seed));
    if (args.traceDir) await browser.stopTracing();
    const churnView = await bounded('view requests under churn', 300_000, () => viewPhase(base, context, 20));
    const mem = rss.stop();
    m.liveUpdateP50Ms = liveRes.samples.length ? round(percentile(liveRes.samples, 50), 0) : null;
    m.liveUpdateP95Ms = liveRes.timeouts.length || !liveRes.samples.length ? null : round(percentile(liveRes.samples, 95), 0);
    m.serverRssMB = round(mem.maxMB, 0);
    extra.liveSamplesMs = liveRes.samples.map((x) => round(x, 0));
    extra.liveTimeouts = liveRes.timeouts;
    extra.liveGone = liveRes.gone;
    extra.viewUnderChurnP50Ms = round(percentile(churnView.samples, 50));
    extra.viewUnderChurnP95Ms = round(percentile(churnView.samples, 95));
    extra.serverTreeRssMB = round(mem.treeMB, 0);
    if (liveRes.timeouts.length) notes.push(`live: ${liveRes.timeouts.length} patched pods never appeared within 15 s: ${liveRes.timeouts.slice(0, 3).join(', ')}`);
    log(`bench:   live p50 ${m.liveUpdateP50Ms} ms, p95 ${round(percentile(liveRes.samples, 95), 0)} ms, RSS ${m.serverRssMB} MB; view under churn p50 ${extra.viewUnderChurnP50Ms} ms`);

    log('bench: 6/6 settle and compare with the API…');
    const st = await settle(sim, args.speed);
    extra.settleMs = round(st.ms, 0);
    if (!st.quiet) notes.push('settle: the simulator never stayed quiet for 3 s within 90 s after churn stopped');
    const lost = await bounded('lost-events check', 300_000, () => lostPhase(base, context, page, run.kube as KubeClient, liveRes.labelled));
    m.lostEvents = lost.server.length + lost.browser.length;
    extra.lost = { truthPods: lost.truthPods, browserRowsRead: lost.browserRows, server: lost.server.slice(0, 20), browser: lost.browser.slice(0, 20) };
    log(`bench:   ${lost.server.length} server rows and ${lost.browser.length} browser checks differ from ${lost.truthPods} API pods`);
    await live.close();
  } catch (e) {
    failure = e as Error;
    log(`bench: FAILED: ${failure.message}`);
    log(`bench: server log and simulator state kept in ${tmp}`);
  } finally {
    clearTimeout(overall);
    await cleanup(run);
  }

  const loadEnd = loadAverage();
  if (failure) notes.push(`the run failed: ${failure.message}`);
  const table = formatTable(m, host, { start: loadStart, end: loadEnd }, notes);
  process.stdout.write(`\n${table}\n`);
  const out = path.resolve(process.cwd(), args.json);
  mkdirSync(path.dirname(out), { recursive: true });
  const json = {
    ...m,
    targets: Object.fromEntries(TARGETS.map((t) => [t.key, t.key === 'lostEvents' ? '= 0' : `<= ${t.max}`])),
    verdicts: verdicts(m),
    machine: host,
    loadAverage: { start: loadStart, end: loadEnd },
    churn: args.churn,
    at: new Date().toISOString(),
    failed: failure ? failure.message : null,
    notes,
    details: extra,
  };
  writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
  log(`bench: results written to ${path.relative(process.cwd(), out) || out}`);
  if (!failure) rmSync(tmp, { recursive: true, force: true });
  if (failure) return 3;
  return Object.values(verdicts(m)).every((v) => v === 'pass') ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    killAllChildrenNow();
    process.exit(3);
  },
);
