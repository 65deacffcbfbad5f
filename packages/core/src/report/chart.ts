/**
 * The pain chart's geometry, worked out once for both drawings: the HTML draws it as SVG and the PDF with
 * pdf-lib's vector operators, so the two always show the same lines. Coordinates have their origin at the top left
 * (SVG's convention); the PDF flips them.
 */
import { formatShortDate } from './dates.ts';
import type { SummaryCheckPain, SummaryPainDay } from './types.ts';

export interface Point {
  x: number;
  y: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartGeometry {
  box: ChartBox;
  /** The plotting area. */
  plot: { x: number; y: number; width: number; height: number };
  /** Daily worst as line runs; a day without a rating breaks the line rather than being bridged. */
  worstRuns: Point[][];
  /** Every rated day, so a lone rating still shows. */
  worstPoints: Point[];
  /** The first check's pain score, a mark of its own: it is not a diary rating. */
  checkPoint: Point | null;
  /** The 3-day rolling mean as line runs. */
  rollingRuns: Point[][];
  yTicks: { value: number; y: number }[];
  xTicks: { x: number; label: string; day: number }[];
  /** Dot radius: smaller when many days share the width. */
  radius: number;
}

/** The pain scale's ticks. */
const yValues = [0, 2, 4, 6, 8, 10] as const;

function runs(
  values: readonly (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
): Point[][] {
  const out: Point[][] = [];
  let current: Point[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ x: x(i), y: y(v) });
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** At most `max` evenly spread indices of `n`, always the first and the last. */
function tickIndices(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return [...Array(n).keys()];
  const step = Math.ceil((n - 1) / (max - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += step) out.push(i);
  // Drop a tick that would crowd the last one (labels are as wide as a full step).
  if (out.length > 1 && n - 1 - (out.at(-1) ?? 0) < step) out.pop();
  out.push(n - 1);
  return out;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The chart of the daily worst pain and its 3-day rolling mean, laid out in `box`. */
export function chartGeometry(
  days: readonly SummaryPainDay[],
  box: ChartBox,
  maxXTicks = 8,
  check: SummaryCheckPain | null = null,
): ChartGeometry {
  const plot = {
    x: box.left,
    y: box.top,
    width: box.width - box.left - box.right,
    height: box.height - box.top - box.bottom,
  };
  const n = days.length;
  const x = (i: number): number =>
    round2(n <= 1 ? plot.x + plot.width / 2 : plot.x + (plot.width * i) / (n - 1));
  const y = (v: number): number => round2(plot.y + plot.height * (1 - Math.min(10, Math.max(0, v)) / 10));
  const worst = days.map((d) => d.worst);
  return {
    box,
    plot,
    worstRuns: runs(worst, x, y),
    worstPoints: days.flatMap((d, i) => (d.worst === null ? [] : [{ x: x(i), y: y(d.worst) }])),
    checkPoint: (() => {
      const i = check === null ? -1 : days.findIndex((d) => d.date === check.date);
      return check === null || i === -1 ? null : { x: x(i), y: y(check.pain) };
    })(),
    rollingRuns: runs(
      days.map((d) => d.rolling3),
      x,
      y,
    ),
    yTicks: yValues.map((value) => ({ value, y: y(value) })),
    xTicks: tickIndices(n, maxXTicks).map((i) => {
      const day = days[i];
      return { x: x(i), label: day === undefined ? '' : formatShortDate(day.date), day: day?.day ?? i };
    }),
    radius: round2(Math.max(1, Math.min(2.5, n > 1 ? plot.width / (n - 1) / 3 : 2.5))),
  };
}
