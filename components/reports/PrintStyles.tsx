/**
 * Print: black on white whatever the theme, no controls, tables kept whole where they fit. Rendered by the
 * report pages; the theme variables are overridden only for print.
 */
const CSS = `
@media print {
  :root, :root[data-theme='light'] {
    --bg: #ffffff; --panel: #ffffff; --fg: #000000; --muted: #333333; --accent: #0b4f8a; --border: #999999;
    --row-hover: #ffffff; --row-selected: #eeeeee; --ec2: #7a3a05; --fargate: #4c1d95; --pending: #991b1b;
    --ok: #14532d; --warn: #713f12; --err: #991b1b;
    color-scheme: light;
  }
  html, body { background: #fff !important; color: #000 !important; font-size: 11px; }
  a { color: #000; text-decoration: none; }
  main { padding: 0 !important; }
  table { page-break-inside: auto; }
  tr, figure { page-break-inside: avoid; }
  @page { margin: 12mm; }
}
`;

export function PrintStyles() {
  return <style dangerouslySetInnerHTML={{ __html: CSS }} />;
}
