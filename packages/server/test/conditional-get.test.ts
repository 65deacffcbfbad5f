import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { addDays } from '@unknot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, noneMatch, tagBody } from '../src/conditional-get.ts';
import { dialects, listenTestApp, makeAssessment, makeEpisode, type ListeningTestApp } from './test-app.ts';

describe('noneMatch (If-None-Match, RFC 9110 §13.1.2)', () => {
  const etag = '"abc"';
  it.each([
    ['the tag itself', '"abc"', true],
    ['its weak form (the comparison is weak)', 'W/"abc"', true],
    ['a list that names it', '"x", W/"y",  "abc"', true],
    ['two headers joined by Node', '"x", "abc"', true],
    ['*', '*', true],
    ['another tag', '"abd"', false],
    ['a list without it', '"x", "y"', false],
    ['the tag without quotes (malformed)', 'abc', false],
    ['a tag that contains it', '"abcd"', false],
    ['an empty header', '', false],
    ['no header', undefined, false],
  ])('%s', (_name, header, expected) => {
    expect(noneMatch(header, etag)).toBe(expected);
  });

  it('tags are strong, quoted, and change with any byte of the body', () => {
    const { etag: a } = tagBody('{"a":1}');
    expect(a).toMatch(/^"[\w-]{43}"$/);
    expect(tagBody('{"a":1}').etag).toBe(a);
    expect(tagBody('{"a":2}').etag).not.toBe(a);
    expect(tagBody(Buffer.from('{"a":1}')).etag).toBe(a);
  });
});

describe('acceptsGzip (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  it.each([
    ['gzip', 'gzip', true],
    ['a list with gzip', 'deflate, gzip;q=0.8, br', true],
    ['any coding', '*', true],
    ['upper case', 'GZIP', true],
    ['gzip refused with q=0', 'gzip;q=0, deflate', false],
    ['gzip refused with q=0.000', 'gzip; q=0.000', false],
    ['identity only', 'identity', false],
    ['a coding that contains the word', 'x-gzip-like', false],
    ['an empty header', '', false],
    ['no header', undefined, false],
  ])('%s', (_name, header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

/** A GET over plain node:http, which (unlike fetch) hands over the bytes as sent, compressed or not. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
    })
      .on('error', reject)
      .end();
  });
}

/**
 * A summary is made as of the current minute, so its tag changes when the minute does: a check that failed
 * while the minute turned is run again (once; it takes seconds, not a minute).
 */
async function withinOneMinute(check: () => Promise<unknown>): Promise<void> {
  const minute = () => Math.floor(Date.now() / 60_000);
  const started = minute();
  try {
    await check();
  } catch (error) {
    if (minute() === started) throw error;
    await check();
  }
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`ETag and 304 Not Modified over HTTP on ${dialect.name}`, () => {
    let t: ListeningTestApp;
    const episode = makeEpisode({ onsetDaysAgo: 4, timeZone: 'UTC' });
    const base = () => `http://127.0.0.1:${t.port}/api/v1`;
    beforeAll(async () => {
      t = await listenTestApp(dialect);
      await t.store.createEpisode(episode);
      await t.store.createAssessment(episode.id, makeAssessment());
    });
    afterAll(async () => {
      await t.close();
    });

    // fetch asks for gzip and inflates what it gets; these checks are about the identity body and its tag.
    const get = (path: string, ifNoneMatch?: string) =>
      fetch(`${base()}${path}`, {
        headers: {
          'accept-encoding': 'identity',
          ...(ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch }),
        },
      });

    /**
     * A 200 with a strong tag over its body; 304 with no body for If-None-Match naming the tag (in every
     * spelling when `spellings`: the parsing itself is tested above); a 200 again for another tag.
     */
    async function expectConditional(path: string, cacheControl: string, spellings = false): Promise<string> {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      const body = Buffer.from(await first.arrayBuffer());
      expect(body.length, path).toBeGreaterThan(0);
      const etag = first.headers.get('etag') ?? '';
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(etag, `${path}: the tag is over the exact body`).toBe(tagBody(body).etag);
      expect(first.headers.get('cache-control'), path).toBe(cacheControl);

      for (const header of spellings ? [etag, `W/${etag}`, `"other", ${etag}`, '*'] : [etag]) {
        const again = await get(path, header);
        expect(again.status, `${path} with If-None-Match: ${header}`).toBe(304);
        expect((await again.arrayBuffer()).byteLength, path).toBe(0);
        expect(again.headers.get('etag'), path).toBe(etag);
        expect(again.headers.get('cache-control'), path).toBe(cacheControl);
      }
      const other = await get(path, '"not-this-one"');
      expect(other.status, path).toBe(200);
      expect(Buffer.from(await other.arrayBuffer()).equals(body), path).toBe(true);
      return etag;
    }

    it('the plan: 304 for the tag it sent, and a new tag once the records change', async () => {
      const path = `/episodes/${episode.id}/plan`;
      const before = await expectConditional(path, 'no-store', true);
      await t.store.updateEpisode(episode.id, { preferences: { thermal: 'ice', hasIcePack: true } });
      const changed = await get(path, before);
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(before);
      expect(((await changed.json()) as { kind: string }).kind).toBe('plan');
    });

    it('the plan for a chosen day has its own tag', async () => {
      const today = await get(`/episodes/${episode.id}/plan`);
      const later = await get(`/episodes/${episode.id}/plan?today=${addDays(episode.onsetDate, 10)}`);
      expect(later.status).toBe(200);
      expect(later.headers.get('etag')).not.toBe(today.headers.get('etag'));
    });

    it('the knowledge base, listed, searched and one entry: public, revalidated each time', async () => {
      await expectConditional('/knowledge', 'public, no-cache');
      await expectConditional('/knowledge?q=ice', 'public, no-cache');
      await expectConditional('/knowledge/tx-ice', 'public, no-cache');
      const list = await get('/knowledge');
      const entry = await get('/knowledge/tx-ice');
      expect(entry.headers.get('etag')).not.toBe(list.headers.get('etag'));
    });

    it('the summary as data, page, FHIR bundle and PDF: health data, never stored, still revalidated', async () => {
      for (const form of ['summary', 'summary.html', 'summary.fhir.json', 'summary.pdf']) {
        await withinOneMinute(() => expectConditional(`/episodes/${episode.id}/${form}`, 'no-store'));
      }
    });

    it('memoised bodies (plan, knowledge) go gzipped to clients that take it, with a tag of their own', async () => {
      for (const path of [`/episodes/${episode.id}/plan`, '/knowledge', '/knowledge/tx-ice']) {
        const identity = await rawGet(`${base()}${path}`, { 'accept-encoding': 'identity' });
        const gzipped = await rawGet(`${base()}${path}`, { 'accept-encoding': 'gzip, deflate' });
        expect(gzipped.status, path).toBe(200);
        expect(gzipped.headers['content-encoding'], path).toBe('gzip');
        expect(gzipped.headers.vary, path).toMatch(/accept-encoding/i);
        expect(identity.headers.vary, path).toMatch(/accept-encoding/i);
        expect(identity.headers['content-encoding'], path).toBeUndefined();
        expect(gunzipSync(gzipped.body).equals(identity.body), `${path}: the same content`).toBe(true);
        expect(gzipped.body.length, path).toBeLessThan(identity.body.length);
        // Two representations, two strong tags, each over its own bytes.
        expect(gzipped.headers.etag, path).toBe(tagBody(gzipped.body).etag);
        expect(gzipped.headers.etag, path).not.toBe(identity.headers.etag);
        const again = await rawGet(`${base()}${path}`, {
          'accept-encoding': 'gzip',
          'if-none-match': gzipped.headers.etag ?? '',
        });
        expect(again.status, path).toBe(304);
        expect(again.body.length, path).toBe(0);
        const refused = await rawGet(`${base()}${path}`, { 'accept-encoding': 'gzip;q=0' });
        expect(refused.headers['content-encoding'], path).toBeUndefined();
        expect(refused.body.equals(identity.body), path).toBe(true);
      }
    });

    it('bodies built per request (the summary) are sent as they are', async () => {
      const summary = await rawGet(`${base()}/episodes/${episode.id}/summary`, { 'accept-encoding': 'gzip' });
      expect(summary.status).toBe(200);
      expect(summary.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(summary.body.toString('utf8'))).toBeTypeOf('object');
    });

    it('If-None-Match: * does not hide that an episode or entry does not exist', async () => {
      const missing = makeEpisode().id;
      expect((await get(`/episodes/${missing}/plan`, '*')).status).toBe(404);
      expect((await get(`/episodes/${missing}/summary`, '*')).status).toBe(404);
      expect((await get('/knowledge/no-such-entry', '*')).status).toBe(404);
    });
  });
}
