/**
 * A small line chart as inline SVG, on a 0–10 scale (pain ratings and PEG scores share it): the patient list's
 * sparklines and the PEG chart. SVG rather than uPlot: a row of a list needs no canvas, axes or resize logic, and
 * SVG draws crisply at any zoom. The picture is `role="img"` with `label` as its text alternative; callers that
 * show numbers also give them as text or a table.
 */
export interface LineSvgProps {
  /** Values from 0 to 10, oldest first; null is a gap (nothing recorded that day). */
  values: readonly (number | null)[];
  width: number;
  height: number;
  label: string;
  class?: string;
}

const scaleMax = 10;

export function LineSvg({ values, width, height, label, class: className }: LineSvgProps) {
  const pad = 3;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const x = (i: number) => (values.length > 1 ? pad + i * step : width / 2);
  const y = (v: number) => pad + (1 - Math.min(scaleMax, Math.max(0, v)) / scaleMax) * (height - 2 * pad);
  // One polyline per run of recorded values, so a gap stays a gap.
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else {
      run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    }
  });
  if (run.length > 0) runs.push(run);
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = lastIndex >= 0 ? values[lastIndex] : null;
  return (
    <svg
      class={className ?? 'line-svg'}
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      focusable="false"
    >
      <line class="line-svg-base" x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} />
      {runs.map((points) => {
        const [only] = points;
        if (points.length > 1) return <polyline key={only} class="line-svg-line" points={points.join(' ')} />;
        // A lone rating between gaps: a dot, or it would not show at all.
        const [cx, cy] = (only ?? '0,0').split(',');
        return <circle key={only} class="line-svg-dot" cx={cx} cy={cy} r={2} />;
      })}
      {last === null || last === undefined ? null : (
        <circle class="line-svg-dot" cx={x(lastIndex)} cy={y(last)} r={2.5} />
      )}
    </svg>
  );
}
