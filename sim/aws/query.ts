import { queryError } from './errors';

/**
 * Parameters of an awsQuery / ec2Query request (form-encoded POST body, or the URL query for GET).
 * ELBv2 lists are `Names.member.1`, EC2 lists are flattened `SubnetId.1`; structures in lists add
 * `.Field` (`Targets.member.1.Id`, `Filter.1.Value.2`).
 */
export class QueryParams {
  private readonly map = new Map<string, string>();

  constructor(source: string) {
    for (const [k, v] of new URLSearchParams(source)) this.map.set(k, v);
  }

  get(name: string): string | undefined {
    return this.map.get(name);
  }

  /** Values of `prefix.N` (EC2 style) or `prefix.member.N` (awsQuery), ordered by N. */
  list(prefix: string, member: boolean): string[] {
    const head = member ? `${prefix}.member.` : `${prefix}.`;
    const found: [number, string][] = [];
    for (const [k, v] of this.map) {
      if (!k.startsWith(head)) continue;
      const rest = k.slice(head.length);
      if (/^\d+$/.test(rest)) found.push([Number(rest), v]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** Structures of a list: `prefix[.member].N.Field` -> [{Field: value}], ordered by N. */
  structs(prefix: string, member: boolean): Record<string, string>[] {
    const head = member ? `${prefix}.member.` : `${prefix}.`;
    const byIndex = new Map<number, Record<string, string>>();
    for (const [k, v] of this.map) {
      if (!k.startsWith(head)) continue;
      const m = /^(\d+)\.(.+)$/.exec(k.slice(head.length));
      if (!m) continue;
      const i = Number(m[1]);
      const rec = byIndex.get(i) ?? {};
      rec[m[2]] = v;
      byIndex.set(i, rec);
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }

  /** An optional integer within [min, max]; a ValidationError-style error names the parameter otherwise. */
  int(name: string, min: number, max: number, code = 'ValidationError'): number | undefined {
    const raw = this.map.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max) {
      throw queryError(code, `1 validation error detected: Value '${raw}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value between ${min} and ${max} inclusive`);
    }
    return n;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** EC2 filter values match with `*` (any run) and `?` (one character), case-sensitively. */
export function ec2FilterMatch(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(value);
}

/** Opaque continuation token holding an offset (Marker for ELBv2, NextToken for EC2). */
export function encodeMarker(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** Reads a marker from encodeMarker; null when it is not one. */
export function decodeMarker(marker: string): number | null {
  try {
    const o: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}
