import type { RunRecord } from '../contract/history.ts';

/** One line of a chart: a value per run, null where the run has none. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

/** A chart the report draws, one point per run. */
export interface TrendChart {
  id: string;
  title: string;
  unit: string;
  series: ChartSeries[];
}

export interface Trends {
  /** The runs' finish times in seconds (uPlot's time axis), strictly increasing. */
  x: number[];
  charts: TrendChart[];
}

const percent = (passed: number, total: number) => (total === 0 ? null : Math.round((passed / total) * 1000) / 10);

/** The trend charts across runs (oldest first): pass rate, flaky tests, coverage when any run has it, duration, findings. */
export function trendCharts(history: readonly RunRecord[]): Trends {
  const x: number[] = [];
  for (const run of history) {
    const seconds = Math.floor(Date.parse(run.finishedAt) / 1000);
    // uPlot needs increasing x: runs finished in the same second are drawn a second apart.
    x.push(x.length > 0 && seconds <= x[x.length - 1]! ? x[x.length - 1]! + 1 : seconds);
  }
  const line = (label: string, value: (run: RunRecord) => number | null | undefined): ChartSeries => ({
    label,
    values: history.map((run) => value(run) ?? null),
  });
  const charts: TrendChart[] = [
    {
      id: 'pass-rate',
      title: 'Pass rate',
      unit: '%',
      series: [
        line('before the run', (r) => percent(r.baseline.passed, r.baseline.total)),
        line('after the run', (r) => percent(r.final.passed, r.final.total)),
      ],
    },
    {
      id: 'flaky',
      title: 'Flaky tests',
      unit: 'tests',
      series: [line('before the run', (r) => r.baseline.flaky), line('after the run', (r) => r.final.flaky)],
    },
  ];
  if (history.some((r) => r.final.lineCoverage !== undefined || r.final.branchCoverage !== undefined)) {
    charts.push({
      id: 'coverage',
      title: 'Coverage',
      unit: '%',
      series: [line('lines', (r) => r.final.lineCoverage), line('branches', (r) => r.final.branchCoverage)],
    });
  }
  const categories = [...new Set(history.flatMap((r) => Object.keys(r.findings.byCategory)))].sort();
  charts.push(
    {
      id: 'duration',
      title: 'Suite duration',
      unit: 's',
      series: [line('before the run', (r) => r.baseline.durationMs / 1000), line('after the run', (r) => r.final.durationMs / 1000)],
    },
    {
      id: 'findings',
      title: 'Findings left, by category',
      unit: 'findings',
      series: categories.map((category) => line(category, (r) => r.findings.byCategory[category] ?? 0)),
    },
  );
  return { x, charts };
}
