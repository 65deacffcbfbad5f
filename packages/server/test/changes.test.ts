/**
 * The sync routes over HTTP (docs/sync.md): the change feed, versions and conflicts, the history, early-stopped
 * emergencies, sessions in progress, and erase; then clinic mode's scoping of the feed to each patient.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, ChangePage, HistoryItem } from '@unknot/store';
import { json } from './clinic/care-world.ts';
import {
  clinicEnabled,
  createAccount,
  signedIn,
  startClinicApp,
  type ClinicTestApp,
} from './clinic/clinic-app.ts';
import {
  dialects,
  injectJson,
  makeDiaryEntry,
  makeEpisode,
  makeSessionLog,
  startTestApp,
  type Json,
  type TestApp,
} from './test-app.ts';

const v1 = '/api/v1';

for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`sync routes on ${dialect.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    const request = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      t.app
        .inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as Json }) })
        .then((res) => ({
          status: res.statusCode,
          headers: res.headers,
          body: res.body ? (JSON.parse(res.body) as Json) : null,
        }));

    /** Every change from the cursor on, page by page, and the cursor after the last. */
    async function pullAll(
      since?: string,
      limit = 500,
    ): Promise<{ changes: Change[]; cursor: string; pages: number }> {
      const changes: Change[] = [];
      let cursor = since;
      let pages = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { since: cursor } : {}) });
        const res = await injectJson(t.app, 'GET', `${v1}/changes?${query.toString()}`);
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        const page = res.body as unknown as ChangePage;
        changes.push(...page.changes);
        cursor = page.cursor;
        pages += 1;
        if (!page.more) return { changes, cursor, pages };
      }
    }

    async function newEpisode() {
      const res = await request('POST', `${v1}/episodes`, makeEpisode());
      expect(res.status).toBe(201);
      expect(res.headers['unknot-version']).toBe('1');
      return res.body as { id: string };
    }

    it('GET /instance says personal', async () => {
      expect((await request('GET', `${v1}/instance`)).body).toEqual({ mode: 'personal' });
    });

    it('pages through every change once, in order, and a cursor at the end brings nothing new', async () => {
      const { cursor: start } = await pullAll();
      const episode = await newEpisode();
      const entries = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await request('POST', `${v1}/episodes/${episode.id}/diary`, makeDiaryEntry({ pain: i }));
        expect(res.headers['unknot-version']).toBe('1');
        entries.push((res.body as { id: string }).id);
      }
      const pulled = await pullAll(start, 2);
      expect(pulled.pages).toBe(3);
      expect(pulled.changes.map((c) => c.id)).toEqual([episode.id, ...entries]);
      expect(pulled.changes.map((c) => [c.kind, c.op, c.version, c.conflicted])).toEqual([
        ['episode', 'put', 1, false],
        ...entries.map(() => ['diary', 'put', 1, false]),
      ]);
      // The record is what GET returns.
      expect(pulled.changes[0]?.record).toEqual((await request('GET', `${v1}/episodes/${episode.id}`)).body);

      const again = await injectJson(t.app, 'GET', `${v1}/changes?since=${pulled.cursor}`);
      expect(again.body).toEqual({ changes: [], cursor: pulled.cursor, more: false });
    });

    it.each([
      ['since=not-a-cursor', 'since'],
      [`since=${Buffer.from('s-1').toString('base64url')}`, 'since'],
      ['limit=0', 'querystring.limit'],
      ['limit=1001', 'querystring.limit'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const res = await request('GET', `${v1}/changes?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body?.fields as { field: string }[]).map((f) => f.field)).toEqual([field]);
    });

    // Why: the issue's conflict rule. Two devices edit the same entry from version 1; the last to arrive wins, and
    // the other's copy is kept in history marked conflicted, never dropped.
    it('a diary edit made without seeing the latest version wins, and the copy it replaced is kept as conflicted', async () => {
      const episode = await newEpisode();
      const entry = makeDiaryEntry({ pain: 5, note: 'first' });
      await request('POST', `${v1}/episodes/${episode.id}/diary`, entry);
      const { id: _id, ...body } = entry;
      const url = `${v1}/episodes/${episode.id}/diary/${entry.id}`;
      const { cursor } = await pullAll();

      const phone = await request(
        'PUT',
        url,
        { ...body, pain: 3, note: 'phone' },
        { 'unknot-base-version': '1' },
      );
      expect(phone.status).toBe(200);
      expect(phone.headers['unknot-version']).toBe('2');
      const laptop = await request(
        'PUT',
        url,
        { ...body, pain: 7, note: 'laptop' },
        { 'unknot-base-version': '1' },
      );
      expect(laptop.headers['unknot-version']).toBe('3');
      // A retry of the same PUT changes nothing and makes no new version.
      const retry = await request(
        'PUT',
        url,
        { ...body, pain: 7, note: 'laptop' },
        { 'unknot-base-version': '1' },
      );
      expect(retry.headers['unknot-version']).toBe('3');

      const { changes } = await pullAll(cursor);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        id: entry.id,
        version: 3,
        conflicted: true,
        record: { note: 'laptop' },
      });

      const history = await request('GET', `${v1}/episodes/${episode.id}/history`);
      const items = (history.body as { items: HistoryItem[] }).items;
      expect(items.map((i) => [i.kind, i.id, i.version, i.conflicted, i.record.note])).toEqual([
        ['diary', entry.id, 2, true, 'phone'],
        ['diary', entry.id, 1, false, 'first'],
      ]);
      expect(items[0]?.replacedAt).toMatch(/Z$/);
    });

    it('an episode edit carries versions too, and a bad base version is a 400', async () => {
      const episode = await newEpisode();
      const url = `${v1}/episodes/${episode.id}`;
      const edit = await request(
        'PATCH',
        url,
        { preferences: { thermal: 'heat' } },
        { 'unknot-base-version': '1' },
      );
      expect(edit.headers['unknot-version']).toBe('2');
      const stale = await request(
        'PATCH',
        url,
        { preferences: { thermal: 'ice' } },
        { 'unknot-base-version': '1' },
      );
      expect(stale.headers['unknot-version']).toBe('3');
      const items = ((await request('GET', `${url}/history`)).body as { items: HistoryItem[] }).items;
      expect(items.map((i) => [i.kind, i.version, i.conflicted])).toEqual([
        ['episode', 2, true],
        ['episode', 1, false],
      ]);
      const bad = await request('PATCH', url, { status: 'closed' }, { 'unknot-base-version': 'latest' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('unknot-base-version');
      expect((await request('GET', `${v1}/episodes/${uuidv7()}/history`)).status).toBe(404);
    });

    // Why: an emergency found early in the check must reach the server (and so every device), although most
    // questions were never asked.
    it('stores an early-stopped check only when it is already an emergency', async () => {
      const episode = await newEpisode();
      const url = `${v1}/episodes/${episode.id}/assessments`;
      const early = { id: uuidv7(), at: new Date().toISOString(), complete: false };
      const stored = await request('POST', url, { ...early, answers: { bladder_problems: true } });
      expect(stored.status).toBe(201);
      expect(stored.body).toMatchObject({
        complete: false,
        unsure: [],
        result: { disposition: 'emergency' },
      });
      const refused = await request('POST', url, {
        ...early,
        id: uuidv7(),
        answers: { bladder_problems: false },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'early_stop_refused', fields: [{ field: 'answers' }] });
      const listed = (await request('GET', url)).body as unknown as { id: string }[];
      expect(listed.map((a) => a.id)).toEqual([early.id]);
      const { changes } = await pullAll();
      expect(changes.filter((c) => c.kind === 'assessment' && c.episodeId === episode.id)).toHaveLength(1);
    });

    it('a session in progress is synced, left out of the summary, and counted once finished', async () => {
      const episode = await newEpisode();
      const { id, ...log } = makeSessionLog({ protocolId: 'tx-heat' });
      const url = `${v1}/episodes/${episode.id}/sessions/${id}`;
      const { cursor } = await pullAll();
      const started = await request('PUT', url, { ...log, stepsCompleted: 1, inProgress: true });
      expect(started.status).toBe(201);
      expect(started.headers['unknot-version']).toBe('1');
      const summary = async () =>
        ((await request('GET', `${v1}/episodes/${episode.id}/summary`)).body as { sessions: unknown[] })
          .sessions;
      expect(await summary()).toEqual([]);
      expect((await pullAll(cursor)).changes[0]?.record).toMatchObject({ id, inProgress: true });

      const finished = await request('PUT', url, log, { 'unknot-base-version': '1' });
      expect(finished.status).toBe(200);
      expect(finished.headers['unknot-version']).toBe('2');
      const { changes } = await pullAll(cursor);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ kind: 'session', id, version: 2, conflicted: false });
      expect(changes[0]?.record).not.toHaveProperty('inProgress');
      expect(await summary()).toHaveLength(1);
    });

    it('deleting a record leaves a tombstone; deleting an episode leaves only its own', async () => {
      const episode = await newEpisode();
      const entry = (await request('POST', `${v1}/episodes/${episode.id}/diary`, makeDiaryEntry())).body as {
        id: string;
      };
      const { cursor } = await pullAll();
      await request('DELETE', `${v1}/episodes/${episode.id}/diary/${entry.id}`);
      expect((await pullAll(cursor)).changes).toMatchObject([
        { kind: 'diary', id: entry.id, op: 'delete', version: 2, record: null },
      ]);
      await request('POST', `${v1}/episodes/${episode.id}/diary`, makeDiaryEntry());
      await request('DELETE', `${v1}/episodes/${episode.id}`);
      const all = (await pullAll()).changes.filter((c) => c.episodeId === episode.id);
      expect(all.map((c) => [c.kind, c.op])).toEqual([['episode', 'delete']]);
    });

    it('erase leaves one erase change, which a client with an old cursor gets too', async () => {
      const episode = await newEpisode();
      const { cursor } = await pullAll();
      await request('POST', `${v1}/episodes/${episode.id}/diary`, makeDiaryEntry());
      expect((await request('DELETE', `${v1}/data`)).status).toBe(204);
      const erase = {
        kind: 'erase',
        id: 'all',
        episodeId: null,
        op: 'delete',
        record: null,
        conflicted: false,
      };
      expect((await pullAll()).changes).toMatchObject([erase]);
      expect((await pullAll(cursor)).changes).toMatchObject([erase]);
    });
  });
}

describe.skipIf(!clinicEnabled)('the change feed in clinic mode (PostgreSQL)', () => {
  let t: ClinicTestApp;
  beforeAll(async () => {
    t = await startClinicApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const changes = async (headers: Record<string, string>, since?: string) => {
    const res = await t.request({
      method: 'GET',
      url: `${v1}/changes${since ? `?since=${since}` : ''}`,
      headers,
    });
    return { status: res.statusCode, page: res.statusCode === 200 ? json<ChangePage>(res) : undefined };
  };

  it('GET /instance says clinic, to anyone', async () => {
    const res = await t.request({ method: 'GET', url: `${v1}/instance` });
    expect(json(res)).toEqual({ mode: 'clinic' });
  });

  it('gives each patient their own changes only; staff get 403 and the signed-out 401', async () => {
    const clinician = await createAccount(t, 'clinician');
    const [a, b] = [await createAccount(t, 'patient'), await createAccount(t, 'patient')];
    const [ha, hb, hc] = [await signedIn(t, a), await signedIn(t, b), await signedIn(t, clinician)];
    const episode = makeEpisode();
    expect(
      (await t.request({ method: 'POST', url: `${v1}/episodes`, headers: ha, payload: episode })).statusCode,
    ).toBe(201);
    const entry = makeDiaryEntry();
    await t.request({
      method: 'POST',
      url: `${v1}/episodes/${episode.id}/diary`,
      headers: ha,
      payload: entry,
    });
    const peg = { id: uuidv7(), at: new Date().toISOString(), pain: 6, enjoyment: 5, activity: 7 };
    await t.request({ method: 'POST', url: `${v1}/me/peg`, headers: ha, payload: peg });

    const mine = await changes(ha);
    expect(mine.status).toBe(200);
    expect(mine.page?.changes.map((c) => [c.kind, c.id])).toEqual([
      ['episode', episode.id],
      ['diary', entry.id],
      ['peg', peg.id],
    ]);
    expect(mine.page?.changes[2]?.record).toMatchObject({ ...peg, patientId: a.id });
    expect((await changes(hb)).page?.changes).toEqual([]);
    expect((await changes(hc)).status).toBe(403);
    expect((await changes({})).status).toBe(401);
    // 401 before a word about the query.
    expect((await changes({}, 'not-a-cursor')).status).toBe(401);
  });

  it('a new programme replaces the old one in the feed; erase keeps the programme after it', async () => {
    const world = await (
      await import('./test-app.ts')
    ).makeClinicWorld({
      identity: t.identity,
      care: t.care,
      store: t.store,
    });
    const patient = world.patientA;
    const headers = await signedIn(t, patient);
    const clinician = await signedIn(t, world.clinicianA);
    const assign = async (timesPerWeek: number) =>
      json<{ id: string }>(
        await t.request({
          method: 'PUT',
          url: `${v1}/patients/${patient.id}/programme`,
          headers: clinician,
          payload: { items: [{ entryId: 'ex-walking', timesPerWeek }] },
        }),
      );
    const first = await assign(3);
    const { page: before } = await changes(headers);
    const second = await assign(5);
    const { page: after } = await changes(headers, before?.cursor);
    expect(after?.changes.map((c) => [c.kind, c.id, c.op])).toEqual([
      ['programme', first.id, 'delete'],
      ['programme', second.id, 'put'],
    ]);
    expect(after?.changes[1]?.record).toEqual(
      json<{ programme: unknown }>(await t.request({ method: 'GET', url: `${v1}/me/programme`, headers }))
        .programme,
    );

    expect((await t.request({ method: 'DELETE', url: `${v1}/data`, headers })).statusCode).toBe(204);
    const { page: erased } = await changes(headers, after?.cursor);
    // The programme is the clinic's and stays: its rows follow the erase so a client that cleared its copy gets
    // it back. A's clinic world had an episode: it is gone from the feed.
    const expected = [
      ['erase', 'all', 'delete'],
      ['programme', first.id, 'delete'],
      ['programme', second.id, 'put'],
    ];
    expect(erased?.changes.map((c) => [c.kind, c.id, c.op])).toEqual(expected);
    expect((await changes(headers)).page?.changes.map((c) => [c.kind, c.id, c.op])).toEqual(expected);
  });
});
