import { buildPlan, expandPlan, localDate, planProfileFromRecords, type CompactPlan } from '@unknot/core';
import ICAL from 'ical.js';
import { Fhir } from 'fhir';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planResponseSchema } from '../src/plan-schema.ts';
import {
  allClearAnswers,
  dialects,
  makeAssessment,
  makeDiaryEntry,
  makeEpisode,
  startTestApp,
  type TestApp,
} from './test-app.ts';

const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`plan and summary routes on ${dialect.name}`, () => {
    let t: TestApp;
    const onset = Date.now() - 10 * day;
    const episode = makeEpisode({ onsetDate: isoDate(onset), timeZone: 'UTC' });
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await t.store.createEpisode(episode);
    });
    afterAll(async () => {
      await t.close();
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('no triage yet: the plan asks for one, and there is no calendar', async () => {
      const plan = await get(`/api/v1/episodes/${episode.id}/plan`);
      expect(plan.statusCode).toBe(200);
      expect((JSON.parse(plan.body) as { kind: string }).kind).toBe('triage_needed');
      expect(planResponseSchema.safeParse(JSON.parse(plan.body)).error).toBeUndefined();
      const ics = await get(`/api/v1/episodes/${episode.id}/plan.ics`);
      expect(ics.statusCode).toBe(409);
      expect(JSON.parse(ics.body)).toMatchObject({ code: 'plan_unavailable' });
    });

    it('after a self-care triage: a plan, and an .ics that ical.js parses into reminders with alarms', async () => {
      await t.store.createAssessment(
        episode.id,
        makeAssessment({
          answers: { ...allClearAnswers, days_since_onset: 10, improving_since_onset: true },
        }),
      );
      const plan = await get(`/api/v1/episodes/${episode.id}/plan`);
      const body = JSON.parse(plan.body) as { kind: string; days: unknown[]; checkIns: unknown[] };
      expect(body.kind).toBe('plan');
      expect(body.days.length).toBeGreaterThan(0);
      // Why: responses are not re-validated on the way out; the OpenAPI schema must still describe them.
      expect(planResponseSchema.safeParse(body).error).toBeUndefined();
      // The compact form is the plan the episode's records give, every text once (issue 13: ≤ 60 kB).
      const now = new Date().toISOString();
      const records = await t.store.episodeSnapshot(episode.id);
      expect(expandPlan(body as unknown as CompactPlan)).toStrictEqual(
        buildPlan(planProfileFromRecords(records, now), localDate(now, records.episode.timeZone)),
      );
      expect(plan.rawPayload.length).toBeLessThanOrEqual(60_000);

      const ics = await get(`/api/v1/episodes/${episode.id}/plan.ics`);
      expect(ics.statusCode).toBe(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(ics.body) as unknown[]);
      const events = calendar.getAllSubcomponents('vevent');
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.getAllSubcomponents('valarm').length > 0)).toBe(true);
    });

    it('after an emergency triage: the escalation instead of a plan, as the schema describes it', async () => {
      const other = makeEpisode({ onsetDate: isoDate(onset), timeZone: 'UTC' });
      await t.store.createEpisode(other);
      await t.store.createAssessment(
        other.id,
        makeAssessment({ answers: { ...allClearAnswers, saddle_numbness: true } }),
      );
      const body = JSON.parse((await get(`/api/v1/episodes/${other.id}/plan`)).body) as { kind: string };
      expect(body).toMatchObject({ kind: 'escalation', disposition: 'emergency' });
      expect(planResponseSchema.safeParse(body).error).toBeUndefined();
    });

    it('a plan for a chosen day, and a 400 naming `today` for a bad one', async () => {
      const plan = await get(`/api/v1/episodes/${episode.id}/plan?today=${isoDate(onset + 12 * day)}`);
      expect((JSON.parse(plan.body) as { todayDay: number }).todayDay).toBe(12);
      expect(planResponseSchema.safeParse(JSON.parse(plan.body)).error).toBeUndefined();
      const bad = await get(`/api/v1/episodes/${episode.id}/plan?today=tomorrow`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('querystring.today');
    });

    it('10 days of flat pain: the summary shows the day-7 escalation', async () => {
      for (let d = 0; d <= 10; d++) {
        await t.store.createDiaryEntry(
          episode.id,
          makeDiaryEntry({ at: new Date(onset + d * day + 3_600_000).toISOString(), pain: 6 }),
        );
      }
      const summary = await get(`/api/v1/episodes/${episode.id}/summary`);
      expect(summary.statusCode).toBe(200);
      const body = JSON.parse(summary.body) as { escalations: { id: string }[]; pain: { days: unknown[] } };
      expect(body.escalations.map((e) => e.id)).toContain('book_appointment');
      expect(body.pain.days.length).toBeGreaterThanOrEqual(10);
    });

    it('a check-in reporting a warning sign asks for the triage again, until a new triage is recorded', async () => {
      const checkIn = await t.app.inject({
        method: 'POST',
        url: `/api/v1/episodes/${episode.id}/check-ins`,
        payload: { id: uuidv7(), at: new Date().toISOString(), redFlagReported: true },
      });
      expect(checkIn.statusCode).toBe(201);
      const ids = async () =>
        (
          JSON.parse((await get(`/api/v1/episodes/${episode.id}/summary`)).body) as {
            escalations: { id: string }[];
          }
        ).escalations.map((e) => e.id);
      expect((await ids())[0]).toBe('triage_again_now');
      await t.store.createAssessment(
        episode.id,
        makeAssessment({ at: new Date(Date.now() + 1000).toISOString() }),
      );
      expect(await ids()).not.toContain('triage_again_now');
      const list = await get(`/api/v1/episodes/${episode.id}/check-ins`);
      expect((JSON.parse(list.body) as unknown[]).length).toBe(1);
    });

    it('summary.html is a printable page whose stylesheet the page CSP allows', async () => {
      const html = await get(`/api/v1/episodes/${episode.id}/summary.html`);
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-type']).toMatch(/^text\/html/);
      expect(html.body).toContain('href="/api/v1/summary.css"');
      expect(String(html.headers['content-security-policy'])).toContain("style-src 'self'");
      // Health data: the browser must not keep the page in its cache (a shared computer, the back button).
      expect(html.headers['cache-control']).toBe('no-store');
      const css = await get('/api/v1/summary.css');
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.body).toContain('@media print');
    });

    it('summary.pdf is a PDF', async () => {
      const pdf = await get(`/api/v1/episodes/${episode.id}/summary.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('summary.fhir.json is a FHIR R4 Bundle that validates with 0 errors', async () => {
      const res = await get(`/api/v1/episodes/${episode.id}/summary.fhir.json`);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const bundle = JSON.parse(res.body) as { resourceType: string };
      expect(bundle.resourceType).toBe('Bundle');
      const result = new Fhir().validate(bundle);
      expect(result.messages.filter((m) => String(m.severity) === 'error')).toEqual([]);
    });

    it('an unknown episode is 404 on every summary form', async () => {
      for (const suffix of [
        'summary',
        'summary.html',
        'summary.pdf',
        'summary.fhir.json',
        'plan',
        'plan.ics',
      ]) {
        expect((await get(`/api/v1/episodes/${uuidv7()}/${suffix}`)).statusCode, suffix).toBe(404);
      }
    });
  });
}
