/**
 * Container logs for `kubectl logs`: plausible nginx start-up and access-log lines, the same for the same pod
 * (seeded from the pod's uid) and spaced out between the container's start and now.
 */

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A small deterministic generator (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function clf(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function errorLogTime(d: Date): string {
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const PATHS = ['/', '/', '/', '/index.html', '/healthz', '/favicon.ico', '/api/items', '/static/app.js'];
const AGENTS = ['kube-probe/1.28+', 'ELB-HealthChecker/2.0', 'curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'];

export interface LogLine {
  time: Date;
  text: string;
}

/** The log of one container from `start` to `now`, oldest first. */
export function containerLog(podUid: string, container: string, start: Date, now: Date, maxLines = 2000): LogLine[] {
  const rnd = prng(hash(`${podUid}/${container}`));
  const lines: LogLine[] = [];
  const t0 = start.getTime();
  const boot = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ];
  for (const text of boot) lines.push({ time: new Date(t0), text });
  const pid = 1 + Math.floor(rnd() * 30);
  for (const [i, text] of ['using the "epoll" event method', 'nginx/1.25.3', 'start worker processes', `start worker process ${pid + 6}`].entries()) {
    lines.push({ time: new Date(t0 + i), text: `${errorLogTime(new Date(t0))} [notice] 1#1: ${text}` });
  }
  // Access lines every 5-65 s; only the newest maxLines are kept.
  const access: LogLine[] = [];
  for (let t = t0 + 5000 + rnd() * 30_000; t < now.getTime(); t += 5000 + rnd() * 60_000) {
    const d = new Date(t);
    const ip = `172.31.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`;
    const path = PATHS[Math.floor(rnd() * PATHS.length)];
    const status = path === '/favicon.ico' ? 404 : 200;
    const bytes = status === 404 ? 153 : 615;
    const agent = AGENTS[Math.floor(rnd() * AGENTS.length)];
    access.push({ time: d, text: `${ip} - - [${clf(d)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" "-"` });
    if (access.length > maxLines * 2) access.splice(0, access.length - maxLines);
  }
  lines.push(...access);
  return lines.slice(-maxLines);
}

/** One new access line for `kubectl logs -f`, at `now`. */
export function followLine(now: Date, rnd: () => number = Math.random): string {
  const ip = `172.31.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`;
  return `${ip} - - [${clf(now)}] "GET / HTTP/1.1" 200 615 "-" "ELB-HealthChecker/2.0" "-"`;
}
