/**
 * The summary page's stylesheet. Exported as text so it can travel two ways: inside a `<style>` element of a
 * downloaded file (opened from disk, where no CSP applies), or served from a URL by the server, whose CSP
 * (`style-src 'self'`) blocks inline styles on the pages it serves. See `summaryToHtml`.
 */
export const summaryCss = `:root {
  color-scheme: light;
  --ink: #1a1a1a;
  --muted: #4d4d4d;
  --line: #c4c4c4;
  --accent: #1f4e79;
  --warn: #9b1c1c;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: #fff;
  color: var(--ink);
  font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.4;
}
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
h2 {
  font-size: 1.05rem;
  margin: 0 0 0.35rem;
  color: var(--accent);
  border-bottom: 1px solid var(--line);
  break-after: avoid;
}
h3 { font-size: 0.95rem; margin: 0.4rem 0 0.2rem; }
p { margin: 0.2rem 0; }
.notice { font-weight: 600; border-left: 4px solid #a35200; padding: 0.2rem 0.5rem; background: #fff5e8; }
.meta, .muted, caption, figcaption { color: var(--muted); }
.meta { font-size: 0.85rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.8rem 1.4rem; margin-top: 0.6rem; }
.wide { grid-column: 1 / -1; }
section, article, figure, table, dl { break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.7rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-size: 0.8rem; padding-bottom: 0.15rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.15rem 0.35rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
th[scope="row"] { font-weight: 600; }
.q { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0; }
svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 0.85rem; }
.level-emergency, .level-urgent { color: var(--warn); font-weight: 700; }
ul, ol { margin: 0.2rem 0; padding-left: 1.2rem; }
li { margin: 0.1rem 0; }
q { font-style: italic; }
footer { margin-top: 1rem; padding-top: 0.4rem; border-top: 1px solid var(--line); font-size: 0.8rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 11mm 12mm; }
  body { font-size: 7.5pt; line-height: 1.22; }
  main { max-width: none; padding: 0; }
  nav, button, .no-print { display: none !important; }
  /* Two newspaper columns rather than a grid: sections of different heights no longer leave gaps beside them. */
  .grid { display: block; columns: 2; column-gap: 6mm; margin-top: 2mm; }
  .grid > * { margin-bottom: 2mm; }
  section { break-inside: auto; }
  h1 { font-size: 13pt; }
  h2 { font-size: 9pt; margin-bottom: 0.8mm; }
  h3 { font-size: 8pt; margin: 1mm 0 0.5mm; }
  dl { grid-template-columns: 6.5em 1fr; }
  table { font-size: 7pt; }
  th, td { padding: 0.3mm 1mm; }
  .q, caption, figcaption, .meta, footer { font-size: 6.5pt; }
  svg { max-height: 42mm; }
  ul, ol { padding-left: 4mm; }
  thead { display: table-header-group; }
  tr, li, figure, dl { break-inside: avoid; }
  h2, h3, caption { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .notice { background: none; padding: 0.5mm 2mm; }
  footer { margin-top: 2mm; padding-top: 1mm; }
}
`;
