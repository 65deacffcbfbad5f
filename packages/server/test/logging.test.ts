import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serverLogger } from '../src/logging.ts';
import {
  allClearAnswers,
  dialects,
  makeAssessment,
  makeDiaryEntry,
  makeEpisode,
  startTestApp,
} from './test-app.ts';

// Why: logs are shipped, rotated and read by people who must never see health data.
describe('logs never contain health data', () => {
  it('logs method, path, status and request id, but no answers, notes, pain scores or queries', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const logger = serverLogger('info');
    const t = await startTestApp(dialects[0], {
      logger: typeof logger === 'object' ? { ...logger, stream } : logger,
    });
    try {
      const episode = makeEpisode({ trigger: 'minor_fall' });
      await t.app.inject({ method: 'POST', url: '/api/v1/episodes', payload: episode });
      const note = 'SECRET-NOTE-owl-7781';
      const entry = makeDiaryEntry({
        pain: 9,
        note,
        medicines: [{ name: 'naproxen-SECRET', dose: '250 mg' }],
      });
      await t.app.inject({ method: 'POST', url: `/api/v1/episodes/${episode.id}/diary`, payload: entry });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/episodes/${episode.id}/diary`,
        payload: { ...entry, pain: 11 },
      });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/episodes/${episode.id}/assessments`,
        payload: makeAssessment({ answers: { ...allClearAnswers, saddle_numbness: true } }),
      });
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/triage',
        payload: { ...allClearAnswers, age: 'SECRET-AGE' },
      });
      await t.app.inject({ method: 'GET', url: '/api/v1/knowledge?q=SECRET-QUERY-sciatica' });
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/episodes/${episode.id}/diary?from=2026-01-01T00:00:00Z`,
      });

      expect(log).toContain('"path":"/api/v1/episodes"');
      expect(log).toContain('"statusCode":201');
      expect(log).toContain('"requestId"');
      for (const secret of [
        note,
        'naproxen-SECRET',
        'SECRET-AGE',
        'SECRET-QUERY',
        'saddle_numbness',
        'minor_fall',
        '"pain"',
        '2026-01-01',
      ]) {
        expect(log, `log contains ${secret}`).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });
});
