/**
 * A tiny XML writer for the query protocols. Values are nodes: a string/number/boolean becomes text,
 * an array becomes repeated children named by the list's member element, an object becomes nested
 * elements, null/undefined is omitted. Dates become ISO-8601 strings (what ELBv2 and EC2 send).
 */

export type XmlValue = string | number | boolean | Date | null | undefined | XmlList | XmlObject;
export interface XmlObject {
  [element: string]: XmlValue;
}
/** A list: `member` for ELBv2 (`<Names><member>…`), `item` for EC2 (`<subnetSet><item>…`). */
export interface XmlList {
  readonly __list: string;
  readonly items: XmlValue[];
}

/** Marks `items` as an XML list whose entries are `<memberName>` elements. */
export function list(items: XmlValue[], memberName = 'member'): XmlList {
  return { __list: memberName, items };
}

/** Escapes text for element content. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function isList(v: XmlValue): v is XmlList {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && '__list' in v;
}

function render(name: string, v: XmlValue, out: string[]): void {
  if (v === null || v === undefined) return;
  if (isList(v)) {
    if (v.items.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const item of v.items) render(v.__list, item, out);
    out.push(`</${name}>`);
    return;
  }
  if (v instanceof Date) {
    out.push(`<${name}>${v.toISOString()}</${name}>`);
    return;
  }
  if (typeof v === 'object') {
    out.push(`<${name}>`);
    for (const [k, child] of Object.entries(v)) render(k, child, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(v))}</${name}>`);
}

/** Serialises one document: `<root xmlns="…">…</root>` with an XML declaration. */
export function xmlDocument(root: string, xmlns: string | null, body: XmlObject): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n', xmlns ? `<${root} xmlns="${xmlns}">` : `<${root}>`];
  for (const [k, v] of Object.entries(body)) render(k, v, out);
  out.push(`</${root}>`);
  return out.join('');
}
