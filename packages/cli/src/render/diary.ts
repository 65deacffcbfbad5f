import { sourceDisplayName, type DiaryAnalysis, type DiaryEscalation } from '@unknot/core';
import type { Style } from '../io.ts';

const trendWords: Record<DiaryAnalysis['trend'], string> = {
  improving: 'improving',
  not_improving: 'not improving',
  worsening: 'getting worse',
  insufficient_data: 'not enough ratings yet to tell',
};

/** One bar per day of the episode: the day's worst pain, with the mean beside it. */
export function renderPainChart(analysis: DiaryAnalysis, style: Style): string {
  const lines = [style('bold', 'Pain by day (worst of the day, 0-10)')];
  for (const d of analysis.days) {
    const label = `day ${String(d.day).padStart(2)}  ${d.date}`;
    if (d.worst === null) {
      lines.push(`${label}  ${style('dim', '· no rating')}`);
      continue;
    }
    const bar = '█'.repeat(d.worst) + '░'.repeat(10 - d.worst);
    const mean =
      d.count > 1 && d.mean !== null ? style('dim', ` (mean ${d.mean.toFixed(1)} of ${d.count})`) : '';
    lines.push(`${label}  ${bar} ${String(d.worst).padStart(2)}${mean}`);
  }
  return lines.join('\n');
}

export function renderDiarySummary(analysis: DiaryAnalysis): string {
  const lines = [`Trend: ${trendWords[analysis.trend]}.`];
  if (analysis.baseline && analysis.latest && analysis.change) {
    const percent = analysis.change.percent === null ? '' : ` (${analysis.change.percent.toFixed(0)} %)`;
    const sign = analysis.change.points > 0 ? '+' : '';
    lines.push(
      `Baseline ${analysis.baseline.value.toFixed(1)}, now ${analysis.latest.value.toFixed(1)}: ` +
        `change ${sign}${analysis.change.points.toFixed(1)} points${percent}` +
        (analysis.clinicallyImportantImprovement ? ', a clear improvement.' : '.'),
    );
  }
  return lines.join('\n');
}

/** Escalations most pressing first, each with its reason, what to do and its sources. */
export function renderEscalations(escalations: readonly DiaryEscalation[], style: Style): string {
  if (escalations.length === 0) return style('dim', 'Nothing in the diary needs a doctor at the moment.');
  return escalations
    .map((e) =>
      [
        style(['bold', e.level === 'urgent' || e.level === 'emergency' ? 'red' : 'yellow'], `! ${e.title}`),
        `  ${e.reason}`,
        `  What to do: ${e.action}`,
        style('dim', `  Sources: ${e.sources.map(sourceDisplayName).join('; ')}`),
      ].join('\n'),
    )
    .join('\n\n');
}
