import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, outboxStore, transact } from './idb.ts';
import { addOps, createOutbox, type NewOp, type Outbox, type OutboxDeps } from './outbox.ts';

interface Sent {
  method: string;
  path: string;
  body: string | undefined;
  baseVersion?: string | undefined;
}

/** A fresh, empty database per test (fake-indexeddb, with the app's own schema). */
function freshDb(): () => Promise<IDBDatabase> {
  const opened = openDatabase(new IDBFactory());
  return () => opened;
}

/** A fake fetch: records every request and answers with `answer` (a Response, or a thrown network error). */
function fakeServer(answer: (request: Sent, index: number) => Promise<Response> | Response) {
  const sent: Sent[] = [];
  const fetch: OutboxDeps['fetch'] = async (path, init) => {
    const request: Sent = {
      method: init.method ?? 'GET',
      path,
      body: typeof init.body === 'string' ? init.body : undefined,
      baseVersion: (init.headers as Record<string, string> | undefined)?.['unknot-base-version'],
    };
    sent.push(request);
    return answer(request, sent.length - 1);
  };
  return { sent, fetch };
}

const networkError = () => Promise.reject(new TypeError('Failed to fetch'));
const created = () => new Response(null, { status: 201 });

function diaryWrite(n: number): NewOp {
  const id = `0190000${n}-0000-7000-8000-000000000000`;
  return {
    method: 'POST',
    path: `/api/v1/episodes/e1/diary`,
    body: { id, pain: n },
    kind: 'diary',
    recordId: id,
  };
}

/** Stores writes the way records.ts does: inside a transaction of the caller's. */
async function enqueue(outbox: Outbox, db: () => Promise<IDBDatabase>, writes: NewOp[]): Promise<void> {
  await transact(
    [outboxStore],
    'readwrite',
    (tx) => {
      addOps(tx, writes.map(outbox.makeOp));
    },
    db,
  );
  await outbox.load();
}

/** Waits until every round of sending already asked for has finished (withoutSync queues behind them). */
function settled(outbox: Outbox): Promise<void> {
  return outbox.withoutSync(() => Promise.resolve());
}

/** Lets IndexedDB and promise callbacks run for a while (fake-indexeddb schedules with setImmediate). */
async function turns(n = 30): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const now = () => Date.parse('2026-03-02T10:00:00.000Z');

describe('createOutbox', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends writes in the order they were made and forgets each once acknowledged', async () => {
    const db = freshDb();
    const server = fakeServer(created);
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    await enqueue(outbox, db, [diaryWrite(3), diaryWrite(1), diaryWrite(2)]);
    expect(outbox.ops.value.map((o) => o.createdAt)).toEqual(Array(3).fill('2026-03-02T10:00:00.000Z'));

    await outbox.requestSync();

    expect(server.sent.map((s) => JSON.parse(s.body ?? '{}') as { pain: number })).toMatchObject([
      { pain: 3 },
      { pain: 1 },
      { pain: 2 },
    ]);
    expect(server.sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/episodes/e1/diary' });
    expect(outbox.ops.value).toEqual([]);
    expect(await outbox.load()).toEqual([]);
    expect(outbox.lastSync.value).toBe(now());
  });

  it('an edit names the version it is based on when it leaves, and learns the version it made', async () => {
    const db = freshDb();
    let version = 4;
    const server = fakeServer(() => {
      version += 1;
      return new Response(null, { status: 200, headers: { 'unknot-version': String(version) } });
    });
    // The device last pulled version 3 of the entry; each acknowledged edit moves that on.
    const seen = new Map([['diary:d1', 3]]);
    const outbox = createOutbox({
      fetch: server.fetch,
      db,
      now,
      baseVersion: (op) => seen.get(`${op.kind}:${op.recordId}`),
      acknowledged: (op, response) => {
        seen.set(`${op.kind}:${op.recordId}`, Number(response.headers.get('unknot-version')));
      },
    });
    const edit = (pain: number): NewOp => ({
      method: 'PUT',
      path: '/api/v1/episodes/e1/diary/d1',
      body: { pain },
      kind: 'diary',
      recordId: 'd1',
    });
    await enqueue(outbox, db, [diaryWrite(1), edit(4), edit(5)]);
    await outbox.requestSync();
    // A new record has no base; the second edit is based on the first one's version, not on a conflict with it.
    expect(server.sent.map((s) => [s.method, s.baseVersion])).toEqual([
      ['POST', undefined],
      ['PUT', '3'],
      ['PUT', '6'],
    ]);
    expect(seen.get('diary:d1')).toBe(7);
  });

  it('keeps a write answered 401 waiting, without a back-off timer, until the next round (after sign-in)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = freshDb();
    let signedIn = false;
    const server = fakeServer(() => (signedIn ? created() : new Response(null, { status: 401 })));
    let pulls = 0;
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    outbox.onSynced(() => {
      pulls += 1;
      return Promise.resolve();
    });
    await enqueue(outbox, db, [diaryWrite(1)]);
    await outbox.requestSync();
    expect(outbox.ops.value.map((o) => o.status)).toEqual(['pending']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.sent).toHaveLength(1);
    expect(pulls).toBe(0);

    signedIn = true;
    await outbox.requestSync();
    expect(outbox.ops.value).toEqual([]);
    expect(pulls).toBe(1);
  });

  it('neither sends nor pulls while canSend says no', async () => {
    const db = freshDb();
    const server = fakeServer(created);
    let allowed = false;
    let pulls = 0;
    const outbox = createOutbox({ fetch: server.fetch, db, now, canSend: () => allowed });
    outbox.onSynced(() => {
      pulls += 1;
      return Promise.resolve();
    });
    await enqueue(outbox, db, [diaryWrite(1)]);
    await outbox.requestSync();
    expect([server.sent.length, pulls]).toEqual([0, 0]);
    allowed = true;
    await outbox.requestSync();
    expect([server.sent.length, pulls]).toEqual([1, 1]);
  });

  it('keeps a write after a network error or a 5xx and tries again with a growing back-off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = freshDb();
    const answers = [networkError, () => new Response(null, { status: 503 }), created];
    const server = fakeServer((_request, i) => (answers[i] ?? created)());
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    await enqueue(outbox, db, [diaryWrite(1), diaryWrite(2)]);

    await outbox.requestSync();
    expect(server.sent).toHaveLength(1);
    expect(outbox.ops.value.map((o) => [o.status, o.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    expect(outbox.lastSync.value).toBeNull();

    // First back-off: 1 s.
    await vi.advanceTimersByTimeAsync(999);
    await settled(outbox);
    expect(server.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settled(outbox);
    expect(server.sent).toHaveLength(2);
    expect(outbox.ops.value[0]).toMatchObject({ status: 'pending', attempts: 2 });

    // Second back-off: 2 s.
    await vi.advanceTimersByTimeAsync(1999);
    await settled(outbox);
    expect(server.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await settled(outbox);
    // The same write a third time, then the one after it: nothing overtakes a write still waiting.
    expect(server.sent.map((s) => s.body)).toEqual([
      server.sent[0]?.body,
      server.sent[0]?.body,
      server.sent[0]?.body,
      JSON.stringify(diaryWrite(2).body),
    ]);
    expect(outbox.ops.value).toEqual([]);
  });

  it('marks a write refused with a 4xx as failed, with the server’s reason, and goes on with the next', async () => {
    const db = freshDb();
    const server = fakeServer((_request, i) =>
      i === 0
        ? Response.json({ code: 'conflict', detail: 'An entry with this id differs.' }, { status: 409 })
        : created(),
    );
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    await enqueue(outbox, db, [diaryWrite(1), diaryWrite(2)]);

    await outbox.requestSync();

    expect(server.sent).toHaveLength(2);
    expect(outbox.ops.value).toHaveLength(1);
    expect(outbox.ops.value[0]).toMatchObject({
      recordId: diaryWrite(1).recordId,
      status: 'failed',
      attempts: 1,
      error: { status: 409, code: 'conflict', detail: 'An entry with this id differs.' },
    });
    // A failed write is not sent again by itself...
    await outbox.requestSync();
    expect(server.sent).toHaveLength(2);
    // ...only when the person asks to try again.
    const seq = outbox.ops.value[0]?.seq ?? -1;
    await outbox.retry(seq);
    await settled(outbox);
    expect(server.sent).toHaveLength(3);
    expect(outbox.ops.value).toEqual([]);
  });

  it('acknowledges a DELETE answered 404: an earlier attempt already deleted it', async () => {
    const db = freshDb();
    const server = fakeServer(() => new Response(null, { status: 404 }));
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    await enqueue(outbox, db, [{ ...diaryWrite(1), method: 'DELETE', body: undefined }]);
    await outbox.requestSync();
    expect(server.sent).toEqual([{ method: 'DELETE', path: '/api/v1/episodes/e1/diary', body: undefined }]);
    expect(outbox.ops.value).toEqual([]);
  });

  it('sends the same write with the same id again after the page died before the answer, and stores it once', async () => {
    const db = freshDb();
    // An idempotent server: a second write with a known id is answered 200 and changes nothing.
    const stored = new Map<string, string>();
    const serve = (request: Sent): Response => {
      const { id } = JSON.parse(request.body ?? '{}') as { id: string };
      const again = stored.has(id);
      stored.set(id, request.body ?? '');
      return new Response(null, { status: again ? 200 : 201 });
    };
    const arrived = deferred();
    // The first page: the server stores the write, but the answer never reaches the page (it was closed).
    const first = fakeServer((request) => {
      serve(request);
      arrived.resolve();
      return new Promise<Response>(() => undefined);
    });
    const before = createOutbox({ fetch: first.fetch, db, now });
    await enqueue(before, db, [diaryWrite(1)]);
    void before.requestSync();
    await arrived.promise;

    // The page opens again over the same database.
    const second = fakeServer(serve);
    const after = createOutbox({ fetch: second.fetch, db, now });
    expect(await after.load()).toHaveLength(1);
    await after.requestSync();

    expect(second.sent).toEqual(first.sent);
    expect(stored.size).toBe(1);
    expect(after.ops.value).toEqual([]);
  });

  it('loses nothing while offline and sends as soon as the browser is back online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = freshDb();
    let reachable = false;
    const received: Sent[] = [];
    const server = fakeServer((request) => {
      if (!reachable) return networkError();
      received.push(request);
      return created();
    });
    const outbox = createOutbox({ fetch: server.fetch, db, now, online: false });
    expect(outbox.online.value).toBe(false);
    await enqueue(outbox, db, [diaryWrite(1)]);

    await outbox.requestSync();
    expect(received).toEqual([]);
    expect(outbox.ops.value).toMatchObject([{ status: 'pending', attempts: 1 }]);

    // Back online: sent now, not when the back-off timer would have fired (fake timers never fire here).
    reachable = true;
    outbox.setOnline(true);
    expect(outbox.online.value).toBe(true);
    await settled(outbox);
    expect(received).toHaveLength(1);
    expect(outbox.ops.value).toEqual([]);
  });

  it('starts the back-off again from 1 s when the browser comes back online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = freshDb();
    const server = fakeServer(networkError);
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    await enqueue(outbox, db, [diaryWrite(1)]);
    await outbox.requestSync();
    await vi.advanceTimersByTimeAsync(1000);
    await settled(outbox);
    await vi.advanceTimersByTimeAsync(2000);
    await settled(outbox);
    expect(server.sent).toHaveLength(3); // the next wait would be 4 s

    outbox.setOnline(true);
    await settled(outbox);
    expect(server.sent).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1000);
    await settled(outbox);
    expect(server.sent).toHaveLength(5);
  });

  it('reads the server only after the writes waiting before them have been sent', async () => {
    const db = freshDb();
    const order: string[] = [];
    const server = fakeServer(() => {
      order.push('write');
      return created();
    });
    const outbox = createOutbox({ fetch: server.fetch, db, now });
    outbox.onSynced(() => {
      order.push('read');
      return Promise.resolve();
    });
    await enqueue(outbox, db, [diaryWrite(1), diaryWrite(2)]);
    await outbox.requestSync();
    expect(order).toEqual(['write', 'write', 'read']);
  });

  describe('withoutSync', () => {
    it('holds sending while its work runs', async () => {
      const db = freshDb();
      const server = fakeServer(created);
      const outbox = createOutbox({ fetch: server.fetch, db, now });
      await enqueue(outbox, db, [diaryWrite(1)]);

      const release = deferred();
      const work = outbox.withoutSync(async () => {
        await release.promise;
        return 'erased';
      });
      const sync = outbox.requestSync();
      await turns();
      expect(server.sent).toEqual([]);

      release.resolve();
      expect(await work).toBe('erased');
      await sync;
      expect(server.sent).toHaveLength(1);
    });

    it('waits for a round already sending before its work starts', async () => {
      const db = freshDb();
      const answer = deferred();
      const server = fakeServer(async () => {
        await answer.promise;
        return created();
      });
      const outbox = createOutbox({ fetch: server.fetch, db, now });
      await enqueue(outbox, db, [diaryWrite(1)]);

      void outbox.requestSync();
      let started = false;
      const work = outbox.withoutSync(() => {
        started = true;
        return Promise.resolve();
      });
      await turns();
      expect(server.sent).toHaveLength(1);
      expect(started).toBe(false);

      answer.resolve();
      await work;
      expect(started).toBe(true);
      expect(outbox.ops.value).toEqual([]);
    });

    it('holds the Web Lock shared with sending, so another tab does not send meanwhile', async () => {
      const db = freshDb();
      const held: string[] = [];
      const locks = {
        request: async (name: string, work: () => Promise<unknown>) => {
          held.push(name);
          return work();
        },
      } as unknown as LockManager;
      const outbox = createOutbox({ fetch: fakeServer(created).fetch, db, now, locks });
      await outbox.withoutSync(() => Promise.resolve());
      await outbox.requestSync();
      expect(held).toEqual(['unknot-outbox', 'unknot-outbox']);
    });
  });
});
