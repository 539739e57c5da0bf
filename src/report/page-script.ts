/**
 * The report page's own script: draws each trend chart from the embedded JSON with uPlot and
 * keeps the plots on `window.improveCharts` (by chart id), so what was drawn can be read back.
 */
export const PAGE_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('improve-data').textContent);
  const palette = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
  const charts = {};
  for (const chart of data.trends.charts) {
    const target = document.getElementById('chart-' + chart.id);
    const options = {
      width: Math.max(320, target.clientWidth),
      height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: chart.unit, size: 56 }],
      series: [
        { label: 'finished' },
        ...chart.series.map((s, i) => ({
          label: s.label,
          stroke: palette[i % palette.length],
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7 },
        })),
      ],
    };
    charts[chart.id] = new uPlot(options, [data.trends.x, ...chart.series.map((s) => s.values)], target);
  }
  window.improveCharts = charts;
})();
`;
