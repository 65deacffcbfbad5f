/**
 * The pain chart (uPlot): the worst rating of each day since onset, and the 3-day rolling mean the diary analysis
 * compares. The canvas is hidden from assistive technology; the same numbers are in a table just below it.
 */
import 'uplot/dist/uPlot.min.css';
import type { DiaryAnalysis } from '@unknot/core';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { theme } from '../lib/theme.ts';
import { t } from '../strings.ts';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function options(width: number): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--hairline');
  const line = cssVar('--chart-line');
  const avg = cssVar('--chart-avg');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: 220,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false }, y: { range: [0, 10] } },
    axes: [
      {
        ...axis,
        label: t.diary.chartDay,
        incrs: [1, 2, 7, 14, 28],
        values: (_u, ticks) => ticks.map(String),
      },
      { ...axis, incrs: [1, 2, 5], space: 24, size: 40, values: (_u, ticks) => ticks.map(String) },
    ],
    series: [
      {},
      {
        label: t.diary.chartWorst,
        stroke: line,
        width: 2.5,
        points: { show: true, size: 7, fill: line },
        spanGaps: true,
      },
      {
        label: t.diary.chartAverage,
        stroke: avg,
        width: 2,
        dash: [6, 4],
        points: { show: false },
        spanGaps: true,
      },
    ],
  };
}

export function PainChart({ analysis }: { analysis: DiaryAnalysis }) {
  const box = useRef<HTMLDivElement>(null);
  const rated = analysis.days.filter((d) => d.worst !== null);
  const themeChoice = theme.value;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data: uPlot.AlignedData = [
      analysis.days.map((d) => d.day),
      analysis.days.map((d) => d.worst),
      analysis.rolling3.map((v) => (v === null ? null : Math.round(v * 10) / 10)),
    ];
    const make = (): uPlot => new uPlot(options(Math.max(240, el.clientWidth)), data, el);
    let plot = make();
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(240, el.clientWidth), height: 220 });
    });
    resize.observe(el);
    // The colours come from the theme: draw again when the device switches between light and dark.
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = (): void => {
      plot.destroy();
      plot = make();
    };
    media.addEventListener('change', redraw);
    return () => {
      media.removeEventListener('change', redraw);
      resize.disconnect();
      plot.destroy();
    };
  }, [analysis, themeChoice]);

  return (
    <figure class="chart">
      <figcaption>
        <span class="legend-worst">{t.diary.chartWorst}</span>
        <span class="legend-avg">{t.diary.chartAverage}</span>
      </figcaption>
      <div ref={box} class="chart-canvas" aria-hidden="true" />
      <details class="chart-table">
        <summary>{t.diary.chartSummary(rated.length)}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.diary.chartDay}</th>
              <th scope="col">{t.diary.chartWorst}</th>
              <th scope="col">{t.diary.chartAverage}</th>
            </tr>
          </thead>
          <tbody>
            {analysis.days.map((d, i) =>
              d.worst === null ? null : (
                <tr key={d.day}>
                  <th scope="row">
                    {d.day} ({d.date})
                  </th>
                  <td>{d.worst}</td>
                  <td>{analysis.rolling3[i]?.toFixed(1) ?? ''}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
