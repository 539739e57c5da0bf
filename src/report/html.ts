import type { RunRecord } from '../contract/history.ts';
import type { AcceptedChange, ImprovementReport, RejectedChange } from '../contract/report.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { trendCharts } from './trend-charts.ts';
import { uplotAssets } from './uplot-assets.ts';

export interface HtmlReportInput {
  /** The project's runs, oldest first (the latest that many, when limited). */
  history: RunRecord[];
  /** This run's report: its changes, with diffs and reasons, are shown under the charts. */
  report?: ImprovementReport;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** JSON inside a script element: nothing in it may close the element or start markup. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Inlined code and styles must not close their element early. */
const inline = (text: string, tag: 'script' | 'style') => text.replace(new RegExp(`</${tag}`, 'gi'), `<\\/${tag}`);

const date = (iso: string) => iso.replace('T', ' ').slice(0, 16);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The report as one self-contained HTML page (opens offline: uPlot inlined, data embedded as
 * JSON): trend charts across runs and, with a report, this run's kept and rejected changes.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { history, report } = input;
  const trends = trendCharts(history);
  const { script, style } = uplotAssets();
  const project = history.at(-1)?.project;
  const title = `recursive-improve${project ? ` — ${project}` : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${inline(style, 'style')}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="muted">${history.length} run${history.length === 1 ? '' : 's'} recorded</p></header>
${report ? thisRun(report) : ''}
<section><h2>Trends</h2>
${history.length === 0 ? '<p class="muted">No run recorded yet.</p>' : `<div class="charts">${trends.charts.map((c) => `<figure><figcaption>${escapeHtml(c.title)}</figcaption><div class="chart" id="chart-${c.id}"></div></figure>`).join('\n')}</div>`}
</section>
${history.length > 0 ? runsTable(history) : ''}
${report ? changes(report) : ''}
<script type="application/json" id="improve-data">${scriptJson({ history, trends, report: report ?? null })}</script>
<script>${inline(script, 'script')}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function thisRun(report: ImprovementReport): string {
  const { baseline, final } = report;
  const facts = [
    ['Run', report.runId],
    ['Status', `${report.status} (${report.stopReason})`],
    ['Tests', `${baseline.passed}/${baseline.total} → ${final.passed}/${final.total} passed`],
    ['Changes', `${report.accepted.length} kept, ${report.rejected.length} rejected in ${report.iterations} iteration(s)`],
    ['Findings left', String(report.findings.length)],
    ['Duration', seconds(report.timings.totalMs)],
  ];
  return `<section class="run"><h2>This run</h2><dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v!)}</dd>`).join('')}</dl></section>`;
}

function runsTable(history: readonly RunRecord[]): string {
  const rows = [...history].reverse().map((r) => {
    const coverage = r.final.lineCoverage === undefined ? '' : `${r.final.lineCoverage.toFixed(1)}%`;
    const cells = [
      date(r.finishedAt),
      r.status,
      `${r.final.passed}/${r.final.total}`,
      coverage,
      `${r.findings.high}/${r.findings.medium}/${r.findings.low}`,
      String(r.changes.kept),
      r.runId,
    ];
    return `<tr class="status-${r.status}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<section class="runs"><h2>Runs</h2><table><thead><tr><th>Finished</th><th>Status</th><th>Tests passed</th><th>Coverage</th><th>Findings H/M/L</th><th>Kept</th><th>Run id</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function diffBlock(diff: string): string {
  const lines = diff.split('\n').map((line) => {
    const kind = /^(\+\+\+|---) /.test(line)
      ? 'file'
      : line.startsWith('@@')
        ? 'hunk'
        : line.startsWith('+')
          ? 'add'
          : line.startsWith('-')
            ? 'del'
            : '';
    return kind ? `<span class="${kind}">${escapeHtml(line)}</span>` : escapeHtml(line);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}

const changeHead = (c: AcceptedChange | RejectedChange) =>
  `<code>${escapeHtml(c.files.join(', '))}</code> <span class="tag">${escapeHtml(c.category)}</span> <span class="tag ${c.priority}">${escapeHtml(c.priority)}</span> <span class="muted">by ${escapeHtml(c.source)}, iteration ${c.iteration}</span>`;

function changes(report: ImprovementReport): string {
  const kept = report.accepted.map(
    (c) => `<article class="change kept"><h3>${changeHead(c)}</h3>
<p><b>Why:</b> ${escapeHtml(c.rationale)}</p>
${c.effect ? `<p><b>Effect:</b> ${escapeHtml(c.effect)}</p>` : ''}${c.fixed.length > 0 ? `<p><b>Fixed:</b> ${c.fixed.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</p>` : ''}
${diffBlock(c.diff)}</article>`,
  );
  const rejected = report.rejected.map(
    (c) => `<article class="change rejected"><h3>${changeHead(c)} <span class="tag stage">${escapeHtml(c.stage)}</span></h3>
<p><b>Reason:</b> ${escapeHtml(c.reason)}</p>
<p><b>Proposed because:</b> ${escapeHtml(c.rationale)}</p>
<details><summary>Diff</summary>${diffBlock(c.diff)}</details></article>`,
  );
  return `<section><h2>Changes kept (${kept.length})</h2>${kept.join('\n') || '<p class="muted">None.</p>'}</section>
<section><h2>Changes rejected (${rejected.length})</h2>${rejected.join('\n') || '<p class="muted">None.</p>'}</section>`;
}

const PAGE_STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; color: #1f2937; background: #f8fafc; max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 14px; font-weight: 500; margin: 0 0 6px; }
.muted { color: #6b7280; }
section.run dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
section.run dt { color: #6b7280; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e5e7eb; white-space: nowrap; }
tr.status-green td:nth-child(2) { color: #15803d; } tr.status-unchanged td:nth-child(2) { color: #b45309; }
.change { background: #fff; border: 1px solid #e5e7eb; border-left: 4px solid #16a34a; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.change.rejected { border-left-color: #dc2626; }
.change p { margin: 4px 0; }
.tag { font-size: 12px; background: #eef2ff; color: #3730a3; border-radius: 4px; padding: 1px 6px; }
.tag.high { background: #fee2e2; color: #991b1b; } .tag.medium { background: #fef3c7; color: #92400e; } .tag.stage { background: #f3f4f6; color: #374151; }
pre.diff { background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 6px; overflow-x: auto; font-size: 12px; }
pre.diff .add { color: #86efac; } pre.diff .del { color: #fca5a5; } pre.diff .hunk { color: #93c5fd; } pre.diff .file { color: #94a3b8; }
`;
