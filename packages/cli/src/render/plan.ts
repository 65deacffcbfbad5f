import {
  getEvidenceCode,
  sourceDisplayName,
  type BuildPlanResult,
  type Plan,
  type PlanItem,
} from '@unknot/core';
import type { Style } from '../io.ts';

const gradeWords: Record<PlanItem['why']['certainty'], string> = {
  high: 'high',
  moderate: 'moderate',
  low: 'low',
  very_low: 'very low',
  no_trials: 'no trials',
  not_applicable: 'n/a',
};

function renderItem(item: PlanItem, style: Style): string[] {
  const lines = [
    `  ${item.display === 'recommend' ? '●' : '○'} ${style('bold', item.title)}${item.timer ? style('dim', `  (timer: unknot session ${item.entryId})`) : ''}`,
  ];
  if (item.note) lines.push(`    ${item.note}`);
  for (const note of item.personalNotes) lines.push(`    ${note}`);
  lines.push(`    How often: ${item.howOften.text}`);
  for (const badge of item.badges) lines.push(style('green', `    ✓ ${badge.text}`));
  for (const banner of item.banners) lines.push(style('yellow', `    ! ${banner.text}`));
  lines.push(
    style(
      'dim',
      `    Evidence: ${gradeWords[item.why.certainty]} (${item.why.refs.map((r) => getEvidenceCode(r.code)?.title ?? r.code).join('; ')}); sources: ${[...new Set(item.why.sources.map((s) => sourceDisplayName(s.file)))].join('; ') || 'none'}`,
    ),
  );
  return lines;
}

/** Today's plan: what to do, check-ins, what unlocks when, and what is left out and why. */
export function renderPlan(plan: Plan, style: Style): string {
  const today = plan.days.find((d) => d.date === plan.today) ?? plan.days[0];
  const lines = [style('bold', `Day ${plan.todayDay} (${plan.today}) — ${plan.stage.replaceAll('_', ' ')}`)];
  if (plan.appointment) {
    lines.push('', style(['bold', 'yellow'], plan.appointment.headline), plan.appointment.advice);
  }
  if (today) {
    lines.push('', style('bold', 'Today'), ...today.items.flatMap((item) => renderItem(item, style)));
    for (const stop of today.stops) lines.push(style('dim', `  – ${stop.title}: ${stop.text}`));
  }
  const upcoming = plan.checkIns.filter((c) => c.state !== 'past');
  if (upcoming.length) {
    lines.push('', style('bold', 'Check-ins'));
    for (const c of upcoming) lines.push(`  Day ${c.day} (${c.date}): ${c.question} ${c.ifNotBetter}`);
  }
  if (plan.heldBack.length) {
    lines.push('', style('bold', 'Later'));
    for (const h of plan.heldBack)
      lines.push(`  ${h.title}: from ${h.unlockDate} (day ${h.unlockDay}). ${h.reason}`);
  }
  if (plan.leftOut.length) {
    lines.push('', style('bold', 'Left out for you'));
    for (const l of plan.leftOut) lines.push(`  ${l.title}: ${l.reasons.map((r) => r.text).join(' ')}`);
  }
  lines.push('', style('dim', '● recommended   ○ an option (may help; evidence is limited)'));
  return lines.join('\n');
}

export function renderPlanResult(
  result: Exclude<BuildPlanResult, { kind: 'invalid_profile' }>,
  style: Style,
): string {
  switch (result.kind) {
    case 'plan':
      return renderPlan(result, style);
    case 'escalation':
      return [
        style(['bold', 'red'], result.headline),
        result.advice,
        '',
        'There is no home-care plan while this applies:',
        ...result.reasons.map((r) => `  - ${r.text}`),
      ].join('\n');
    case 'triage_needed':
      return `${result.message}\nRun: unknot triage`;
  }
}
