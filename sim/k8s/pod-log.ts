/** The pods/log subresource: a container's log as one body, or followed as a stream. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Obj } from '../store';
import type { ResourceInfo } from './resources';
import { errors } from './status';
import { containerLog, followLine } from './logs';
import { boolParam, isRecord, type Query } from './http';

interface LogDeps {
  now: () => Date;
  rng: () => number;
  mustGet: (r: ResourceInfo, ns: string | null, name: string) => Readonly<Obj>;
  /** Open follow streams, so closing the API can end them. */
  streams: Set<ServerResponse>;
}

export function createLogHandler({ now, rng, mustGet, streams }: LogDeps) {
  function serveLog(req: IncomingMessage, res: ServerResponse, r: ResourceInfo, ns: string, name: string, q: Query): void {
    const pod = mustGet(r, ns, name);
    const spec = isRecord(pod.spec) ? pod.spec : {};
    const status = isRecord(pod.status) ? pod.status : {};
    const names = [...((spec.containers as unknown[]) ?? []), ...((spec.initContainers as unknown[]) ?? [])]
      .map((c) => (isRecord(c) && typeof c.name === 'string' ? c.name : ''))
      .filter(Boolean);
    let container = q.get('container');
    if (!container) {
      const regular = ((spec.containers as unknown[]) ?? []).length;
      if (regular !== 1) throw errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
      container = names[0];
    }
    if (!names.includes(container)) throw errors.badRequest(`container ${container} is not valid for pod ${name}`);
    const cs = [...((status.containerStatuses as unknown[]) ?? []), ...((status.initContainerStatuses as unknown[]) ?? [])]
      .filter(isRecord)
      .find((c) => c.name === container);
    const state = isRecord(cs?.state) ? cs.state : {};
    const running = isRecord(state.running) ? state.running : null;
    const terminated = isRecord(state.terminated) ? state.terminated : null;
    if (!running && !terminated) {
      const waiting = isRecord(state.waiting) ? state.waiting : {};
      const why = typeof waiting.reason === 'string' ? waiting.reason : 'ContainerCreating';
      throw errors.badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
    }
    if (boolParam(q, 'previous') && !(typeof cs?.restartCount === 'number' && cs.restartCount > 0)) {
      throw errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    }
    const startedAt = String(running?.startedAt ?? terminated?.startedAt ?? status.startTime ?? pod.metadata.creationTimestamp);
    const t = now();
    const end = terminated && typeof terminated.finishedAt === 'string' ? new Date(terminated.finishedAt) : t;
    let lines = containerLog(pod.metadata.uid, container, new Date(startedAt), end);
    const sinceSeconds = q.get('sinceSeconds');
    const sinceTime = q.get('sinceTime');
    if (sinceSeconds && /^\d+$/.test(sinceSeconds)) lines = lines.filter((l) => l.time.getTime() >= t.getTime() - Number(sinceSeconds) * 1000);
    else if (sinceTime && !Number.isNaN(Date.parse(sinceTime))) lines = lines.filter((l) => l.time.getTime() >= Date.parse(sinceTime));
    const tail = q.get('tailLines');
    if (tail && /^\d+$/.test(tail)) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const stamp = boolParam(q, 'timestamps');
    const fmt = (time: Date, text: string) => (stamp ? `${time.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${text}` : text);
    let body = lines.map((l) => fmt(l.time, l.text) + '\n').join('');
    const limitBytes = q.get('limitBytes');
    if (limitBytes && /^\d+$/.test(limitBytes)) body = Buffer.from(body).subarray(0, Number(limitBytes)).toString('utf8');
    if (!boolParam(q, 'follow') || terminated) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.write(body);
    streams.add(res);
    const timer = setInterval(() => res.write(fmt(now(), followLine(now(), rng)) + '\n'), 2000);
    const stop = setTimeout(() => res.end(), 3_600_000);
    res.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
      streams.delete(res);
    });
    req.on('close', () => res.end());
  }

  return serveLog;
}
