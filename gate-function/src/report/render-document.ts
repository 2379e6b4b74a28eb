import { createHash } from 'node:crypto';

import { Markup, markup } from './markup';

/**
 * The report's only styles. Colours are CSS variables with a dark variant (prefers-color-scheme), so the
 * inline SVG charts, which use these classes, follow the reader's theme.
 */
const STYLES = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --link: #0969da; --source: #0969da; --compare: #8250df; --threshold: #9a6700; --violation: #cf222e; --pass: #1a7f37;
  --warning: #9a6700; --fail: #cf222e; --nodata: #59636e; --grid: #e6eaef; --band-violation: rgba(207, 34, 46, 0.09);
  --band-nodata: rgba(89, 99, 110, 0.12); --selected: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --link: #4493f8;
    --source: #4493f8; --compare: #ab7df8; --threshold: #d29922; --violation: #f85149; --pass: #3fb950; --warning: #d29922;
    --fail: #f85149; --nodata: #9198a1; --grid: #262c36; --band-violation: rgba(248, 81, 73, 0.16);
    --band-nodata: rgba(145, 152, 161, 0.16); --selected: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 24px 48px; }
a { color: var(--link); }
h1 { font-size: 24px; margin: 4px 0; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 32px 0 12px; }
h3 { font-size: 15px; margin: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.muted { color: var(--muted); font-weight: normal; }
.crumbs { margin: 0; font-size: 13px; }
.subtitle { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.notice { border: 1px solid var(--warning); border-radius: 6px; padding: 8px 12px; margin: 16px 0 0; }
.card { border: 1px solid var(--border); border-left-width: 6px; border-radius: 8px; padding: 16px 20px; background: var(--panel); margin-top: 20px; }
.card.verdict-pass { border-left-color: var(--pass); }
.card.verdict-warning { border-left-color: var(--warning); }
.card.verdict-fail { border-left-color: var(--fail); }
.card-head { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.card-head h2 { margin: 0; font-size: 16px; }
.badge { font-weight: 700; letter-spacing: 0.04em; padding: 2px 10px; border-radius: 999px; border: 2px solid currentColor; }
.summary { margin: 8px 0 12px; font-size: 15px; overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: 4px 0; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.reason { color: var(--muted); overflow-wrap: anywhere; }
.verdict-table th[scope=row] { overflow-wrap: anywhere; }
.status-pass { color: var(--pass); }
.status-warning { color: var(--warning); }
.status-fail, .status-violation { color: var(--fail); }
.status-nodata, .status-absent { color: var(--nodata); }
.status-text { white-space: nowrap; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.chart { margin: 0; border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; background: var(--bg); min-width: 0; }
.chart figcaption { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.chart figcaption h3 { overflow-wrap: anywhere; }
.pill { font-size: 12px; font-weight: 600; white-space: nowrap; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 6px 0 2px; font-size: 12px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
.key { width: 28px; height: 12px; flex: none; }
.chart-svg { width: 100%; height: auto; display: block; }
.chart-svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.chart-svg text.selected { fill: var(--selected); font-weight: 700; }
.chart-svg text.empty { font-size: 13px; }
.grid { stroke: var(--grid); stroke-width: 1; }
.axis { stroke: var(--border); stroke-width: 1; }
.line-source { fill: none; stroke: var(--source); stroke-width: 2.2; stroke-linejoin: round; }
.line-compare { fill: none; stroke: var(--compare); stroke-width: 2; stroke-dasharray: 6 4; stroke-linejoin: round; }
.line-threshold { fill: none; stroke: var(--threshold); stroke-width: 2; stroke-dasharray: 1.5 3.5; stroke-linecap: round; }
.marker-source { fill: var(--source); stroke: var(--bg); stroke-width: 1.2; }
.marker-compare { fill: var(--compare); stroke: var(--bg); stroke-width: 1; }
.marker-violation { fill: var(--violation); stroke: var(--bg); stroke-width: 1.2; }
.marker-violation-x { stroke: var(--bg); stroke-width: 1.8; stroke-linecap: round; }
.band-violation { fill: var(--band-violation); }
.band-nodata { fill: var(--band-nodata); }
.band-selected { fill: none; stroke: var(--selected); stroke-width: 1.5; stroke-dasharray: 3 3; }
.hit { fill: transparent; }
.hit:hover { fill: rgba(127, 127, 127, 0.08); }
details.data { margin-top: 6px; font-size: 13px; }
details.data summary, details.evaluation summary { cursor: pointer; color: var(--link); }
details.evaluation { border-bottom: 1px solid var(--border); padding: 8px 0; }
details.evaluation[open] { padding-bottom: 16px; }
details.evaluation summary { color: var(--fg); }
details.evaluation:target { background: var(--panel); }
.evaluation-line { display: inline-flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; }
.evaluation-line .summary-text { color: var(--muted); overflow-wrap: anywhere; }
.series th, .series td { vertical-align: middle; }
form.open { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 16px 0; }
form.open label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--muted); }
form.open select, form.open input, form.open button { font: inherit; padding: 4px 8px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; }
form.open button { background: var(--panel); cursor: pointer; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;

const STYLES_HASH = createHash('sha256').update(STYLES, 'utf8').digest('base64');
/** Trusted markup: the stylesheet must reach the page byte for byte, or its hash would not match. */
const TRUSTED_STYLES = new Markup(STYLES);

/**
 * Headers of every report page: a Content-Security-Policy that allows nothing but the page's own style
 * block (by hash) and the empty data: favicon, so that even a rendering mistake could not run a script or
 * load anything from elsewhere; no caching; no referrer, because the address may carry the function key
 * (`?code=`) and must not travel to Azure DevOps when a link is followed.
 */
export const REPORT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLES_HASH}'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** A complete report document around `body`. */
export function renderDocument(title: string, body: Markup): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>${TRUSTED_STYLES}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}
