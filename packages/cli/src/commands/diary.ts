import { analyse, diaryEscalations, localDate } from '@unknot/core';
import type { CliIo } from '../io.ts';
import { renderDiarySummary, renderEscalations, renderPainChart } from '../render/diary.ts';
import { requireActiveEpisode, withStore } from '../store-access.ts';

/** `unknot diary`: the active episode's pain by day, its trend, and what the diary says to do. */
export async function diaryCommand(json: boolean, io: CliIo, now: Date = new Date()): Promise<number> {
  const snapshot = await withStore(io.env, async (store) =>
    store.episodeSnapshot(await requireActiveEpisode(store, io.env)),
  );
  const today = localDate(now.toISOString(), snapshot.episode.timeZone);
  const analysis = analyse(snapshot.diary, snapshot.episode, today);
  const escalations = diaryEscalations({
    analysis,
    sessions: snapshot.sessions,
    assessments: snapshot.assessments,
    checkIns: snapshot.checkIns,
  });
  if (json) {
    io.out(
      JSON.stringify({ episodeId: snapshot.episode.id, analysis, escalations, entries: snapshot.diary }),
    );
    return 0;
  }
  io.out(
    [
      renderPainChart(analysis, io.style),
      '',
      renderDiarySummary(analysis),
      '',
      renderEscalations(escalations, io.style),
      '',
      `${snapshot.diary.length} entries. Add one with: unknot log SCORE`,
    ].join('\n'),
  );
  return 0;
}
