import type { ControlledTransaction, Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Job = {
  run: (trx: Kysely<Database>) => Promise<unknown>;
  /** Runs inside its own savepoint: for jobs of several writes that must not half-apply. */
  atomic: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

/** How many more turns of the event loop a batch may wait for writes still arriving (see #gather). */
const maxGatherTurns = 3;

/**
 * Group commit for SQLite. With synchronous=FULL every commit waits for the disk; committing each
 * request alone would cap throughput at the disk's flush rate. Writes that arrive together (over the few
 * turns of the event loop #gather waits) run in one transaction, and every caller is answered only after
 * the shared COMMIT has returned: nothing is acknowledged before it is durable. One failing write does not
 * undo the others: a failed SQLite statement undoes only itself, and a job of several writes runs inside
 * its own savepoint unless it takes back its own statements (the diary write, store.ts).
 * (A savepoint per single-statement job would double the statements per write for no protection.)
 */
export class WriteQueue {
  readonly #db: Kysely<Database>;
  #pending: Job[] = [];
  #scheduled = false;
  #running: Promise<void> = Promise.resolve();

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  run<T>(work: (trx: Kysely<Database>) => Promise<T>, options: { atomic?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({
        run: work,
        atomic: options.atomic ?? false,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      if (!this.#scheduled) {
        this.#scheduled = true;
        this.#gather(1, 0);
      }
    });
  }

  /**
   * Flushes once a turn of the event loop brings no more writes, or after `maxGatherTurns` turns that did.
   * Under load, clients answered by one commit send their next writes while the server is still reading the
   * others' requests; without waiting, those land one turn later and pay for a sync of their own (batches
   * of about half the clients in bench/api.ts). A lone write waits a single turn, as before.
   */
  #gather(seen: number, turns: number): void {
    setImmediate(() => {
      if (this.#pending.length > seen && turns < maxGatherTurns) {
        this.#gather(this.#pending.length, turns + 1);
        return;
      }
      this.#running = this.#running.then(() => this.#flush());
    });
  }

  /** Waits for every write queued so far. */
  async drain(): Promise<void> {
    while (this.#pending.length > 0 || this.#scheduled) {
      await new Promise((r) => setImmediate(r));
      await this.#running;
    }
  }

  async #flush(): Promise<void> {
    const jobs = this.#pending;
    this.#pending = [];
    this.#scheduled = false;
    if (jobs.length === 0) return;
    const results: { ok: boolean; value: unknown }[] = [];
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.#db.startTransaction().execute();
      for (const job of jobs) {
        if (!job.atomic) {
          try {
            results.push({ ok: true, value: await job.run(trx) });
          } catch (error) {
            results.push({ ok: false, value: error });
          }
          continue;
        }
        const savepoint = await trx.savepoint('w').execute();
        try {
          const value = await job.run(savepoint);
          await savepoint.releaseSavepoint('w').execute();
          results.push({ ok: true, value });
        } catch (error) {
          await savepoint.rollbackToSavepoint('w').execute();
          results.push({ ok: false, value: error });
        }
      }
      await trx.commit().execute();
    } catch (error) {
      if (trx && !trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const r = results[i];
      if (r?.ok) job.resolve(r.value);
      else job.reject(r?.value);
    });
  }
}
