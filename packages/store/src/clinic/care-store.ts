import { randomInt } from 'node:crypto';
import { DomainError } from '@unknot/core';
import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type {
  AuditEventsTable,
  CareLinksTable,
  Database,
  DialectName,
  InvitesTable,
  PegScoresTable,
  ProgrammesTable,
} from '../schema.ts';
import { appendChange, claimEpisode, lockOwner } from '../changes.ts';
import { asStorageError } from '../storage-errors.ts';
import { SqlIdentityStore } from './identity-store.ts';
import type {
  Account,
  AuditEvent,
  CareLink,
  CareStore,
  Invite,
  PegScore,
  Programme,
  ProgrammeItem,
  Role,
} from './types.ts';

/**
 * Invite codes are read aloud and typed from a card: no 0/O, 1/I/L to confuse. 31 symbols over 8 places is
 * about 8.5 × 10^11 codes, so guessing a live one is hopeless within the rate limit the route applies.
 */
export const inviteAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const inviteCodeLength = 8;
export const inviteLifetimeDays = 14;

const dayMs = 86_400_000;
const inviteCodePattern = new RegExp(`^[${inviteAlphabet}]{${inviteCodeLength}}$`);

/** A fresh invite code from the platform's cryptographic random source. */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < inviteCodeLength; i += 1)
    code += inviteAlphabet.charAt(randomInt(inviteAlphabet.length));
  return code;
}

/**
 * The stored form of what a person typed: codes compare case-insensitively, and the spaces or dashes someone
 * adds to read a code in two halves are ignored. Anything else that is not a possible code is undefined, so it
 * never reaches a query.
 */
export function normaliseInviteCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return inviteCodePattern.test(code) ? code : undefined;
}

/** One answer for unknown, used and expired codes: which of them it was would help someone guessing. */
function inviteUnusable(): DomainError {
  return new DomainError(
    'invite_unusable',
    'This invite code cannot be used: it is unknown, already used, or older than 14 days. Ask your clinician for a new one.',
  );
}

/** The database refused a second row for a unique key (PostgreSQL's SQLSTATE 23505; SQLite's message). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    e.code === '23505' || (typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}

const utc = (iso: string): string => new Date(iso).toISOString();

const toInvite = (r: Selectable<InvitesTable>): Invite => ({
  code: r.code,
  clinicId: r.clinic_id,
  clinicianId: r.clinician_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
});

const toLink = (r: Selectable<CareLinksTable>): CareLink => ({
  id: r.id,
  patientId: r.patient_id,
  clinicianId: r.clinician_id,
  clinicId: r.clinic_id,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  shareNotes: r.share_notes === 1,
});

const toProgramme = (r: Selectable<ProgrammesTable>): Programme => {
  const body = JSON.parse(r.data) as { items: ProgrammeItem[]; note?: string };
  return {
    id: r.id,
    patientId: r.patient_id,
    clinicianId: r.clinician_id,
    createdAt: r.created_at,
    items: body.items,
    ...(body.note === undefined ? {} : { note: body.note }),
  };
};

const toPeg = (r: Selectable<PegScoresTable>): PegScore => ({
  id: r.id,
  patientId: r.patient_id,
  at: r.at,
  pain: r.pain,
  enjoyment: r.enjoyment,
  activity: r.activity,
});

const toAudit = (r: Selectable<AuditEventsTable>): AuditEvent => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role as Role,
  patientId: r.patient_id,
  clinicId: r.clinic_id,
  action: r.action as AuditEvent['action'],
  resource: r.resource,
  resourceId: r.resource_id,
  requestId: r.request_id,
});

/**
 * Clinic mode's care records over the store's database (migration 7): invites, the links that decide which
 * clinician may see which patient, programmes, PEG scores, episode ownership and the append-only audit trail.
 * Who may call what is the server's business (roles, links); this class keeps the records consistent under
 * concurrency: an invite is used once even when two redeem it at the same moment, and a patient has at most
 * one live link to a clinician.
 */
export class SqlCareStore implements CareStore {
  readonly #db: Kysely<Database>;
  readonly #dialect: DialectName;
  readonly #now: () => Date;

  constructor(db: Kysely<Database>, dialect: DialectName, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#dialect = dialect;
    this.#now = now;
  }

  #stamp(): string {
    return this.#now().toISOString();
  }

  /** Several statements that apply together or not at all; storage failures become the store's DomainErrors. */
  async #transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    try {
      // A store made on a transaction (redeemInviteAsNewPatient) runs inside it: that one holds it all together.
      return await (this.#db.isTransaction ? work(this.#db) : this.#db.transaction().execute(work));
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /** One write statement, with the same translation of storage failures. */
  async #write<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw asStorageError(error);
    }
  }

  // Invites and links

  async createInvite(clinicianId: string): Promise<Invite> {
    const clinicId = await this.#clinicOfClinician(clinicianId);
    const createdAt = this.#stamp();
    const expiresAt = new Date(this.#now().getTime() + inviteLifetimeDays * dayMs).toISOString();
    // A fresh code colliding with a stored one is rare (see inviteAlphabet); a few draws make it vanishing.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const row: InvitesTable = {
        code: newInviteCode(),
        clinic_id: clinicId,
        clinician_id: clinicianId,
        created_at: createdAt,
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      };
      const inserted = await this.#write(
        this.#db
          .insertInto('invites')
          .values(row)
          .onConflict((oc) => oc.column('code').doNothing())
          .executeTakeFirst(),
      );
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return toInvite(row);
    }
    throw new Error('Could not draw an unused invite code in 5 attempts.');
  }

  /** The clinic a clinician works for: only a clinician of a clinic hands out invites. */
  async #clinicOfClinician(clinicianId: string): Promise<string> {
    const account = await this.#db
      .selectFrom('accounts')
      .select(['role', 'clinic_id'])
      .where('id', '=', clinicianId)
      .executeTakeFirst();
    if (!account) throw new DomainError('not_found', `No account with id ${clinicianId}.`);
    if (account.role !== 'clinician' || account.clinic_id === null) {
      throw new DomainError('forbidden', 'Only a clinician of a clinic can make invites.');
    }
    return account.clinic_id;
  }

  /** Newest first. */
  async invitesOf(clinicianId: string): Promise<Invite[]> {
    const rows = await this.#db
      .selectFrom('invites')
      .selectAll()
      .where('clinician_id', '=', clinicianId)
      .orderBy('created_at', 'desc')
      .orderBy('code')
      .execute();
    return rows.map(toInvite);
  }

  /**
   * One conditional UPDATE takes the invite: of two redeems racing, PostgreSQL lets the second re-check the row
   * after the first commits, finds it used, and it is refused. The link is made in the same transaction, so a
   * redeem refused for an existing link (conflict) leaves the invite unused.
   */
  async redeemInvite(code: string, patientId: string): Promise<CareLink> {
    const stored = normaliseInviteCode(code);
    if (stored === undefined) throw inviteUnusable();
    return this.#transaction(async (trx) => {
      const now = this.#stamp();
      const invite = await trx
        .updateTable('invites')
        .set({ used_at: now, used_by: patientId })
        .where('code', '=', stored)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['clinic_id', 'clinician_id'])
        .executeTakeFirst();
      if (!invite) throw inviteUnusable();
      const link: Selectable<CareLinksTable> = {
        id: uuidv7(),
        patient_id: patientId,
        clinician_id: invite.clinician_id,
        clinic_id: invite.clinic_id,
        created_at: now,
        ended_at: null,
        // The diary's free-text notes are shared only when the patient opts in (PUT /me/sharing).
        share_notes: 0,
      };
      try {
        await trx.insertInto('care_links').values(link).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new DomainError('conflict', 'You are already linked to this clinician.');
      }
      return toLink(link);
    });
  }

  inTransaction<T>(work: (care: CareStore) => Promise<T>): Promise<T> {
    return this.#transaction((trx) => work(new SqlCareStore(trx, this.#dialect, this.#now)));
  }

  async redeemInviteAsNewPatient(
    code: string,
    displayName: string,
  ): Promise<{ account: Account; link: CareLink }> {
    // A code that cannot be one costs no transaction.
    if (normaliseInviteCode(code) === undefined) throw inviteUnusable();
    return this.#transaction(async (trx) => {
      const account = await new SqlIdentityStore(trx, this.#dialect, this.#now).createAccount({
        role: 'patient',
        displayName,
      });
      const link = await new SqlCareStore(trx, this.#dialect, this.#now).redeemInvite(code, account.id);
      return { account, link };
    });
  }

  /**
   * Only the patient ends a link. Ending one already ended answers it unchanged (leaving twice is still left);
   * another patient's link, or an unknown id, is `not_found`, which does not tell them apart.
   */
  async endLink(linkId: string, patientId: string): Promise<CareLink> {
    const ended = await this.#write(
      this.#db
        .updateTable('care_links')
        .set({ ended_at: this.#stamp() })
        .where('id', '=', linkId)
        .where('patient_id', '=', patientId)
        .where('ended_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),
    );
    if (ended) return toLink(ended);
    const existing = await this.#db
      .selectFrom('care_links')
      .selectAll()
      .where('id', '=', linkId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!existing) throw new DomainError('not_found', `No link with id ${linkId}.`);
    return toLink(existing);
  }

  /** Every link the patient has had, ended ones included, newest first. */
  async linksOfPatient(patientId: string): Promise<CareLink[]> {
    const rows = await this.#db
      .selectFrom('care_links')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toLink);
  }

  /** Live links only, oldest first: a stable order for the clinician's patient list to page through. */
  async linksOfClinician(clinicianId: string): Promise<CareLink[]> {
    const rows = await this.#db
      .selectFrom('care_links')
      .selectAll()
      .where('clinician_id', '=', clinicianId)
      .where('ended_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toLink);
  }

  async liveLink(clinicianId: string, patientId: string): Promise<CareLink | undefined> {
    const row = await this.#db
      .selectFrom('care_links')
      .selectAll()
      .where('clinician_id', '=', clinicianId)
      .where('patient_id', '=', patientId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return row ? toLink(row) : undefined;
  }

  /**
   * Applies to the patient's live links. A link made later starts without notes again: consent is given to the
   * clinicians the patient has now, not to whoever they link to next.
   */
  async setShareNotes(patientId: string, shareNotes: boolean): Promise<void> {
    await this.#write(
      this.#db
        .updateTable('care_links')
        .set({ share_notes: shareNotes ? 1 : 0 })
        .where('patient_id', '=', patientId)
        .where('ended_at', 'is', null)
        .execute(),
    );
  }

  // Episode ownership

  /**
   * Claims an unowned episode for the patient (or confirms their own). An episode owned by someone else answers
   * `not_found` like a missing one: a patient retrying a create with another's episode id learns nothing.
   */
  async setEpisodeOwner(episodeId: string, patientId: string): Promise<void> {
    await this.#transaction(async (trx) => {
      await lockOwner(trx, this.#dialect, patientId);
      const result = await trx
        .updateTable('episodes')
        .set({ owner_id: patientId })
        .where('id', '=', episodeId)
        .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', patientId)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw new DomainError('not_found', `No episode with id ${episodeId}.`);
      }
      // Its changes were logged without an owner: they join the patient's feed now.
      await claimEpisode(trx, episodeId, patientId);
    });
  }

  /** The owner's id; null for an episode without one (personal mode); undefined when there is no such episode. */
  async episodeOwner(episodeId: string): Promise<string | null | undefined> {
    const row = await this.#db
      .selectFrom('episodes')
      .select('owner_id')
      .where('id', '=', episodeId)
      .executeTakeFirst();
    return row ? row.owner_id : undefined;
  }

  /** Newest first, as the store lists episodes. */
  async episodeIdsOf(patientId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('episodes')
      .select('id')
      .where('owner_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => r.id);
  }

  // Programmes

  /**
   * A new programme replaces the current one; earlier ones stay as the history of what was assigned. In the
   * change feed the replaced one is deleted, so a client holds exactly the current programme.
   */
  async assignProgramme(input: Omit<Programme, 'id' | 'createdAt'>): Promise<Programme> {
    const row: Selectable<ProgrammesTable> = {
      id: uuidv7(),
      patient_id: input.patientId,
      clinician_id: input.clinicianId,
      created_at: this.#stamp(),
      data: JSON.stringify({ items: input.items, ...(input.note === undefined ? {} : { note: input.note }) }),
    };
    const programme = toProgramme(row);
    await this.#transaction(async (trx) => {
      const owner = input.patientId;
      await lockOwner(trx, this.#dialect, owner);
      await trx.insertInto('programmes').values(row).execute();
      const replaced = await trx
        .selectFrom('change_log')
        .select('record_id')
        .where('owner_id', '=', owner)
        .where('kind', '=', 'programme')
        .where('op', '=', 'put')
        .execute();
      const change = { kind: 'programme', episodeId: null, owner, at: row.created_at } as const;
      for (const { record_id } of replaced)
        await appendChange(trx, { ...change, id: record_id, record: null });
      await appendChange(trx, { ...change, id: programme.id, record: programme });
    });
    return programme;
  }

  /** The latest assigned. Ids are UUIDv7 (time-ordered), so two made in the same millisecond still order. */
  async currentProgramme(patientId: string): Promise<Programme | undefined> {
    const row = await this.#db
      .selectFrom('programmes')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toProgramme(row) : undefined;
  }

  // PEG

  /**
   * The id is the client's (as for every record), so a retry of the same score is answered with the stored one;
   * the same id with anything different is a conflict.
   */
  async addPegScore(input: Omit<PegScore, 'id'> & { id: string }): Promise<PegScore> {
    const row: Selectable<PegScoresTable> = {
      id: input.id,
      patient_id: input.patientId,
      at: utc(input.at),
      pain: input.pain,
      enjoyment: input.enjoyment,
      activity: input.activity,
    };
    const added = await this.#transaction(async (trx) => {
      await lockOwner(trx, this.#dialect, row.patient_id);
      const inserted = await trx
        .insertInto('peg_scores')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const at = this.#stamp();
      const change = {
        kind: 'peg',
        id: row.id,
        episodeId: null,
        owner: row.patient_id,
        record: toPeg(row),
        at,
      } as const;
      await appendChange(trx, change);
      return true;
    });
    if (added) return toPeg(row);
    const existing = toPeg(
      await this.#db
        .selectFrom('peg_scores')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirstOrThrow(),
    );
    if (JSON.stringify(existing) !== JSON.stringify(toPeg(row))) {
      throw new DomainError('conflict', 'A PEG score with this id already exists with different values.');
    }
    return existing;
  }

  /** Oldest first: the order a trend is drawn in. */
  async pegScores(patientId: string): Promise<PegScore[]> {
    const rows = await this.#db
      .selectFrom('peg_scores')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toPeg);
  }

  // Audit

  audit(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void> {
    return this.auditMany([event]);
  }

  /**
   * One multi-row INSERT, so a page of the patient list costs one statement however many patients it shows, and
   * its rows are written all or none. The events share one instant; their ids keep the order given.
   */
  async auditMany(events: readonly Omit<AuditEvent, 'id' | 'at'>[]): Promise<void> {
    if (events.length === 0) return;
    const at = this.#stamp();
    await this.#write(
      this.#db
        .insertInto('audit_events')
        .values(
          events.map((event) => ({
            id: uuidv7(),
            at,
            actor_id: event.actorId,
            actor_role: event.actorRole,
            patient_id: event.patientId,
            clinic_id: event.clinicId,
            action: event.action,
            resource: event.resource,
            resource_id: event.resourceId,
            request_id: event.requestId,
          })),
        )
        .execute(),
    );
  }

  /** Who read or changed the patient's record, newest first (what a person wants to see first). */
  async accessLog(patientId: string): Promise<AuditEvent[]> {
    const rows = await this.#db
      .selectFrom('audit_events')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toAudit);
  }

  /** The clinic's whole trail, oldest first: the order an auditor reads a CSV in. */
  async clinicTrail(clinicId: string): Promise<AuditEvent[]> {
    const rows = await this.#db
      .selectFrom('audit_events')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toAudit);
  }
}
