import { exportDocumentSchema } from '@unknot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dialects,
  injectJson,
  makeDiaryEntry,
  makeEpisode,
  startTestApp,
  type Json,
  type TestApp,
} from './test-app.ts';

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`the whole record over HTTP (${dialect.name})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
      injectJson(t.app, method, url, body);
    const exported = async () => {
      const res = await call('GET', '/api/v1/export');
      expect(res.status).toBe(200);
      const { exportedAt: _at, ...rest } = exportDocumentSchema.parse(res.body);
      return rest;
    };

    it('export, erase, import, export: the same record, and importing twice changes nothing', async () => {
      const episode = makeEpisode({ onsetDaysAgo: 5 });
      expect((await call('POST', '/api/v1/episodes', episode)).status).toBe(201);
      for (const pain of [7, 5]) {
        const entry = makeDiaryEntry({ pain, note: `pain ${pain}` });
        expect((await call('POST', `/api/v1/episodes/${episode.id}/diary`, entry)).status).toBe(201);
      }
      const res = await call('GET', '/api/v1/export');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="unknot-export-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const document = res.body;
      const before = await exported();
      expect(before.episodes).toHaveLength(1);

      expect((await call('DELETE', '/api/v1/data')).status).toBe(204);
      expect((await call('GET', '/api/v1/episodes')).body).toEqual([]);
      expect((await call('GET', `/api/v1/episodes/${episode.id}/diary`)).status).toBe(404);

      expect(await call('POST', '/api/v1/import', document)).toMatchObject({
        status: 200,
        body: { created: 3, unchanged: 0 },
      });
      expect(await exported()).toEqual(before);
      expect(await call('POST', '/api/v1/import', document)).toMatchObject({
        status: 200,
        body: { created: 0, unchanged: 3 },
      });
      expect(await exported()).toEqual(before);
    });

    it('refuses an import that is not an export with a 400 naming the fields, and stores nothing', async () => {
      const before = await exported();
      const res = await call('POST', '/api/v1/import', {
        format: 'unknot-export',
        schemaVersion: 2,
        episodes: [{}],
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const fields = (res.body?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['body.schemaVersion', 'body.exportedAt']));
      expect(await exported()).toEqual(before);
    });

    it('an import that clashes with a stored record is a 409 naming it, and nothing is imported', async () => {
      const episode = makeEpisode({ location: 'lower' });
      await call('POST', '/api/v1/episodes', episode);
      const document = (await call('GET', '/api/v1/export')).body as { episodes: { episode: Json }[] };
      const before = await exported();
      const clash = {
        ...document,
        episodes: document.episodes.map((e) =>
          e.episode.id === episode.id ? { ...e, episode: { ...e.episode, location: 'upper' } } : e,
        ),
      };
      const res = await call('POST', '/api/v1/import', clash);
      expect(res.status).toBe(409);
      expect(res.body?.detail).toContain(episode.id);
      expect(await exported()).toEqual(before);
    });

    it('diary dates: before the onset or more than a day ahead is a 400 naming `at`, and nothing is stored', async () => {
      const episode = makeEpisode({ onsetDaysAgo: 3 });
      await call('POST', '/api/v1/episodes', episode);
      const day = 86_400_000;
      for (const at of [
        new Date(Date.now() - 10 * day).toISOString(),
        new Date(Date.now() + 2 * day).toISOString(),
        '0050-01-01T00:00:00.000Z',
      ]) {
        const res = await call('POST', `/api/v1/episodes/${episode.id}/diary`, makeDiaryEntry({ at }));
        expect(res.status, at).toBe(400);
        expect(JSON.stringify(res.body?.fields)).toContain('at');
      }
      expect(
        ((await call('GET', `/api/v1/episodes/${episode.id}/diary`)).body?.items as unknown[]).length,
      ).toBe(0);
    });

    it('a diary cursor holding a NUL byte (or anything not given out) is a 400 naming cursor, not a 500', async () => {
      const episode = makeEpisode();
      await call('POST', '/api/v1/episodes', episode);
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const cursor of [
        encode(['2026-11-29T09:00:00.000Z\u0000', episode.id]),
        encode(['\u0000', '\u0000']),
      ]) {
        const res = await call('GET', `/api/v1/episodes/${episode.id}/diary?cursor=${cursor}`);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body?.fields)).toContain('cursor');
      }
    });

    it('an onset in the future or before 1900 is a 400 naming onsetDate', async () => {
      for (const onsetDate of ['2999-01-01', '1899-12-31', '0050-03-01']) {
        const res = await call('POST', '/api/v1/episodes', makeEpisode({ onsetDate }));
        expect(res.status, onsetDate).toBe(400);
        expect(JSON.stringify(res.body?.fields)).toContain('onsetDate');
      }
    });
  });
}
