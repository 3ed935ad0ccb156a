/**
 * Ingress (networking.k8s.io/v1): a plain listed kind. Its row says what `kubectl get ingress` says (class,
 * hosts, address, ports), plus the rules and the AWS Load Balancer Controller's scheme and target type.
 */
import { age, dash } from '../../ui/column-kit';
import { formatAge } from '../../ui/format';
import type { KubeObject } from '../kube';
import type { PlainKind } from './types';

export interface KubeIngressBackend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface KubeIngress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: KubeIngressBackend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: KubeIngressBackend }[] } }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

export interface IngressRuleView {
  host: string | null;
  path: string;
  pathType: string | null;
  backend: string;
}

export interface IngressView {
  id: string; // metadata.uid
  namespace: string;
  name: string;
  className: string | null;
  /** kubectl's HOSTS: the first three hosts, "*" when no rule names one. */
  hosts: string;
  /** Load balancer hostnames or IPs, comma-separated; '' until the controller sets them. */
  address: string;
  /** kubectl's PORTS: "80", or "80, 443" with TLS. */
  ports: string;
  rules: IngressRuleView[];
  defaultBackend: string | null;
  tls: { hosts: string[]; secretName: string | null }[];
  /** alb.ingress.kubernetes.io/scheme and target-type, when set. */
  scheme: string | null;
  targetType: string | null;
  labels: Record<string, string>;
  createdAt: string;
}

const ALB = 'alb.ingress.kubernetes.io/';

/** "svc:80", "svc:http" or "Kind/name", as kubectl describe names a backend. */
export function backendText(b: KubeIngressBackend | undefined): string {
  if (b?.service) {
    const port = b.service.port?.number ?? b.service.port?.name;
    return port === undefined ? b.service.name : `${b.service.name}:${port}`;
  }
  if (b?.resource) return `${b.resource.kind}/${b.resource.name}`;
  return '—';
}

/** kubectl's HOSTS column: at most three hosts, then "+ N more...". */
export function hostsText(rules: readonly { host?: string }[]): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - max} more...` : list.join(',');
}

/** An Ingress's row. */
export function ingressView(o: KubeIngress): IngressView {
  const spec = o.spec ?? {};
  const rules = spec.rules ?? [];
  const ann = o.metadata.annotations ?? {};
  return {
    id: o.metadata.uid,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    className: spec.ingressClassName ?? null,
    hosts: hostsText(rules),
    address: (o.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(','),
    ports: spec.tls?.length ? '80, 443' : '80',
    rules: rules.flatMap((r) =>
      (r.http?.paths ?? []).map((p) => ({ host: r.host ?? null, path: p.path ?? '/', pathType: p.pathType ?? null, backend: backendText(p.backend) })),
    ),
    defaultBackend: spec.defaultBackend ? backendText(spec.defaultBackend) : null,
    tls: (spec.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName ?? null })),
    scheme: ann[`${ALB}scheme`] ?? null,
    targetType: ann[`${ALB}target-type`] ?? null,
    labels: o.metadata.labels ?? {},
    createdAt: o.metadata.creationTimestamp ?? '',
  };
}

function backendsText(i: IngressView): string {
  return [...new Set([...i.rules.map((r) => r.backend), ...(i.defaultBackend ? [i.defaultBackend] : [])])].join(',') || '—';
}

export const ingresses: PlainKind<'ingresses', KubeIngress, IngressView> = {
  resource: 'ingresses',
  kind: 'Ingress',
  title: 'Ingresses',
  api: { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', namespaced: true },
  watch: 'list',
  objectNames: ['ingresses', 'ingress', 'ing'],
  snapshotOrder: 7,
  plain: {
    row: ingressView,
    screen: {
      title: 'Ingresses',
      noun: 'ingresses',
      command: 'ing',
      aliases: ['ing', 'ingress', 'ingresses'],
      defaultSort: { column: 'namespace', desc: false },
      columns: [
        { id: 'namespace', header: 'NAMESPACE', width: 15, sortLetter: 'E', text: (i) => i.namespace },
        { id: 'name', header: 'NAME', width: 20, grow: 1, sortLetter: 'N', text: (i) => i.name },
        { id: 'class', header: 'CLASS', width: 10, sortLetter: 'C', text: (i) => dash(i.className) },
        { id: 'hosts', header: 'HOSTS', width: 24, grow: 1, sortLetter: 'H', text: (i) => i.hosts },
        { id: 'address', header: 'ADDRESS', width: 30, grow: 2, sortLetter: 'D', text: (i) => dash(i.address) },
        { id: 'ports', header: 'PORTS', width: 8, sortLetter: 'O', text: (i) => i.ports },
        { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<IngressView>((i) => i.createdAt) },
        { id: 'scheme', header: 'SCHEME', width: 15, wide: true, sortLetter: 'S', text: (i) => dash(i.scheme) },
        { id: 'targetType', header: 'TARGET', width: 8, wide: true, sortLetter: 'R', text: (i) => dash(i.targetType) },
        { id: 'backends', header: 'BACKENDS', width: 26, wide: true, sortLetter: 'B', text: backendsText },
      ],
      facts: (i, now) => [
        ['class', dash(i.className)],
        ['hosts', i.hosts],
        ['address', dash(i.address)],
        ['ports', i.ports],
        ['scheme', dash(i.scheme)],
        ['target type', dash(i.targetType)],
        ...i.rules.map((r): [string, string] => [`rule ${r.host ?? '*'}${r.path}`, `${r.backend}${r.pathType ? ` (${r.pathType})` : ''}`]),
        ['default backend', dash(i.defaultBackend)],
        ['TLS', i.tls.map((t) => `${t.hosts.join(',') || '*'} → ${t.secretName ?? '—'}`).join('; ') || '—'],
        ['age', formatAge(i.createdAt, now)],
      ],
      copy: (i) => i.address.split(',')[0] || i.name,
    },
  },
};
