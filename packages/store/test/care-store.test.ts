import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { inviteAlphabet, normaliseInviteCode, type Account, type AuditEvent } from '../src/index.ts';
import type { CareStore } from '../src/clinic/types.ts';
import { clinicStoresEach } from './clinic-stores.ts';
import { dialects } from './databases.ts';
import { expectDomainError } from './expect-domain-error.ts';
import { linkPatient, makeAccountInput, makeClinicWorld } from './clinic-factories.ts';
import { makeEpisode } from './factories.ts';

const dayMs = 86_400_000;

describe('invite codes', () => {
  it('normalises what a person types: case, spaces and dashes do not matter', () => {
    expect(normaliseInviteCode('abcd-ef23')).toBe('ABCDEF23');
    expect(normaliseInviteCode(' ab cd ef 23 ')).toBe('ABCDEF23');
  });

  it('refuses what cannot be a code, so it never reaches a query', () => {
    for (const typed of [
      '',
      'ABCDEF2',
      'ABCDEF234',
      'ABCDEFO3',
      'ABCDEF13',
      'ABCDEFI3',
      'ABCDEFL3',
      "ABCD'--;",
    ]) {
      expect(normaliseInviteCode(typed), typed).toBeUndefined();
    }
  });

  it('has no look-alike characters in its alphabet', () => {
    for (const c of '01OIL') expect(inviteAlphabet).not.toContain(c);
  });
});

// One contract, two real databases; the clock is injected so expiry is tested to the millisecond.
for (const dialect of dialects) {
  describe.skipIf(!dialect.enabled)(`care store (${dialect.name})`, () => {
    const t = clinicStoresEach(dialect);

    /** A clinic with a clinician (the others are made with `account`). */
    async function clinicWithClinician(): Promise<{ clinicId: string; clinician: Account }> {
      const clinic = await t.identity.createClinic('Back Care Leeds');
      const clinician = await account('clinician', clinic.id);
      return { clinicId: clinic.id, clinician };
    }

    function account(role: Account['role'], clinicId: string | null = null): Promise<Account> {
      return t.identity.createAccount(makeAccountInput(role, clinicId));
    }

    describe('invites', () => {
      it('makes an 8-character code from the alphabet, for 14 days, in the clinician’s clinic', async () => {
        const { clinicId, clinician } = await clinicWithClinician();
        const invite = await t.care.createInvite(clinician.id);
        expect(invite.code).toMatch(new RegExp(`^[${inviteAlphabet}]{8}$`));
        expect(invite).toMatchObject({
          clinicId,
          clinicianId: clinician.id,
          createdAt: t.now().toISOString(),
          expiresAt: new Date(t.now().getTime() + 14 * dayMs).toISOString(),
          usedAt: null,
          usedBy: null,
        });
        expect(await t.care.invitesOf(clinician.id)).toEqual([invite]);
      });

      it('refuses to make invites for a patient or a clinic admin, and for an unknown account', async () => {
        const { clinicId } = await clinicWithClinician();
        await expectDomainError(t.care.createInvite((await account('patient')).id), 'forbidden');
        await expectDomainError(
          t.care.createInvite((await account('clinic_admin', clinicId)).id),
          'forbidden',
        );
        await expectDomainError(t.care.createInvite(uuidv7()), 'not_found');
      });

      it('lists a clinician’s invites newest first, and only theirs', async () => {
        const { clinicId, clinician } = await clinicWithClinician();
        const other = await account('clinician', clinicId);
        const first = await t.care.createInvite(clinician.id);
        t.advance(1000);
        const second = await t.care.createInvite(clinician.id);
        await t.care.createInvite(other.id);
        expect((await t.care.invitesOf(clinician.id)).map((i) => i.code)).toEqual([second.code, first.code]);
      });

      it('links the patient to the clinician once; a second redeem of the same code is refused', async () => {
        const { clinicId, clinician } = await clinicWithClinician();
        const patient = await account('patient');
        const other = await account('patient');
        const invite = await t.care.createInvite(clinician.id);

        const link = await t.care.redeemInvite(invite.code, patient.id);
        expect(link).toMatchObject({
          patientId: patient.id,
          clinicianId: clinician.id,
          clinicId,
          createdAt: t.now().toISOString(),
          endedAt: null,
          shareNotes: false,
        });
        const [used] = await t.care.invitesOf(clinician.id);
        expect(used).toMatchObject({ usedAt: t.now().toISOString(), usedBy: patient.id });

        await expectDomainError(t.care.redeemInvite(invite.code, other.id), 'invite_unusable');
        await expectDomainError(t.care.redeemInvite(invite.code, patient.id), 'invite_unusable');
        expect(await t.care.linksOfPatient(other.id)).toEqual([]);
      });

      it('compares codes case-insensitively', async () => {
        const { clinician } = await clinicWithClinician();
        const patient = await account('patient');
        const invite = await t.care.createInvite(clinician.id);
        const typed = `${invite.code.slice(0, 4).toLowerCase()}-${invite.code.slice(4).toLowerCase()}`;
        expect((await t.care.redeemInvite(typed, patient.id)).clinicianId).toBe(clinician.id);
      });

      it('expires 14 days after it was made, to the millisecond', async () => {
        const { clinician } = await clinicWithClinician();
        const [early, late] = [
          await t.care.createInvite(clinician.id),
          await t.care.createInvite(clinician.id),
        ];
        t.advance(14 * dayMs - 1);
        await t.care.redeemInvite(early.code, (await account('patient')).id);
        t.advance(1);
        await expectDomainError(
          t.care.redeemInvite(late.code, (await account('patient')).id),
          'invite_unusable',
        );
        expect((await t.care.invitesOf(clinician.id)).find((i) => i.code === late.code)?.usedAt).toBeNull();
      });

      it('answers an unknown or malformed code as unusable', async () => {
        const patient = await account('patient');
        await expectDomainError(t.care.redeemInvite('ABCDEF23', patient.id), 'invite_unusable');
        await expectDomainError(t.care.redeemInvite('not a code at all', patient.id), 'invite_unusable');
      });

      it('refuses a second live link to the same clinician, and leaves that invite unused', async () => {
        const { clinician } = await clinicWithClinician();
        const patient = await account('patient');
        await t.care.redeemInvite((await t.care.createInvite(clinician.id)).code, patient.id);
        const second = await t.care.createInvite(clinician.id);
        await expectDomainError(t.care.redeemInvite(second.code, patient.id), 'conflict');
        expect((await t.care.invitesOf(clinician.id)).find((i) => i.code === second.code)?.usedAt).toBeNull();
        expect(await t.care.linksOfPatient(patient.id)).toHaveLength(1);
      });

      // PostgreSQL is where they really race (SQLite has one writer); the outcome must be the same on both.
      it('lets exactly one of many concurrent redeems of one code win', async () => {
        const { clinician } = await clinicWithClinician();
        const invite = await t.care.createInvite(clinician.id);
        const patients = await Promise.all(Array.from({ length: 8 }, () => account('patient')));
        const outcomes = await Promise.allSettled(
          patients.map((p) => t.care.redeemInvite(invite.code, p.id)),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('invite_unusable');
        }
        expect(await t.care.linksOfClinician(clinician.id)).toHaveLength(1);
      });
    });

    describe('links', () => {
      async function linked() {
        const { clinicId, clinician } = await clinicWithClinician();
        const patient = await account('patient');
        const link = await linkPatient(t.care, clinician.id, patient.id);
        return { clinicId, clinician, patient, link };
      }

      it('finds the live link only between that clinician and that patient', async () => {
        const { clinicId, clinician, patient, link } = await linked();
        const colleague = await account('clinician', clinicId);
        const stranger = await account('patient');
        expect(await t.care.liveLink(clinician.id, patient.id)).toEqual(link);
        expect(await t.care.liveLink(colleague.id, patient.id)).toBeUndefined();
        expect(await t.care.liveLink(clinician.id, stranger.id)).toBeUndefined();
        expect(await t.care.linksOfClinician(clinician.id)).toEqual([link]);
        expect(await t.care.linksOfClinician(colleague.id)).toEqual([]);
      });

      it('gives each clinician of a whole clinic world exactly the live links made', async () => {
        const world = await makeClinicWorld({ identity: t.identity, care: t.care });
        const clinicians = [world.clinicianA, world.colleague, world.clinicianOther, world.admin];
        const patients = [world.patientA, world.patientB, world.formerPatient];
        const live = new Set([
          `${world.clinicianA.id} ${world.patientA.id}`,
          `${world.clinicianOther.id} ${world.patientB.id}`,
        ]);
        for (const c of clinicians) {
          for (const p of patients) {
            const link = await t.care.liveLink(c.id, p.id);
            expect(link !== undefined, `${c.role} ${c.id} / ${p.id}`).toBe(live.has(`${c.id} ${p.id}`));
          }
        }
        expect(await t.care.linksOfClinician(world.clinicianA.id)).toEqual([world.linkA]);
        expect(world.formerLink.endedAt).not.toBeNull();
      });

      it('ends a link when the patient leaves: no live link, the history kept', async () => {
        const { clinician, patient, link } = await linked();
        t.advance(60_000);
        const ended = await t.care.endLink(link.id, patient.id);
        expect(ended).toEqual({ ...link, endedAt: t.now().toISOString() });
        expect(await t.care.liveLink(clinician.id, patient.id)).toBeUndefined();
        expect(await t.care.linksOfClinician(clinician.id)).toEqual([]);
        expect(await t.care.linksOfPatient(patient.id)).toEqual([ended]);
        // Leaving again answers the same ended link; the time it ended does not move.
        t.advance(60_000);
        expect(await t.care.endLink(link.id, patient.id)).toEqual(ended);
      });

      it('lets only the link’s patient end it; anyone else gets not_found', async () => {
        const { clinician, patient, link } = await linked();
        const other = await account('patient');
        await expectDomainError(t.care.endLink(link.id, other.id), 'not_found');
        await expectDomainError(t.care.endLink(link.id, clinician.id), 'not_found');
        await expectDomainError(t.care.endLink(uuidv7(), patient.id), 'not_found');
        expect((await t.care.liveLink(clinician.id, patient.id))?.endedAt).toBeNull();
      });

      it('links again with a new invite after leaving', async () => {
        const { clinician, patient, link } = await linked();
        await t.care.endLink(link.id, patient.id);
        t.advance(1000);
        const again = await t.care.redeemInvite((await t.care.createInvite(clinician.id)).code, patient.id);
        expect(again.id).not.toBe(link.id);
        expect((await t.care.linksOfPatient(patient.id)).map((l) => l.id)).toEqual([again.id, link.id]);
        expect(await t.care.liveLink(clinician.id, patient.id)).toEqual(again);
      });

      it('shares notes only once the patient opts in, on their live links', async () => {
        const { clinician, patient, link } = await linked();
        expect(link.shareNotes).toBe(false);
        await t.care.setShareNotes(patient.id, true);
        expect((await t.care.liveLink(clinician.id, patient.id))?.shareNotes).toBe(true);
        await t.care.setShareNotes(patient.id, false);
        expect((await t.care.liveLink(clinician.id, patient.id))?.shareNotes).toBe(false);
      });
    });

    describe('episode owners', () => {
      // The onset is before the injected t.now's today (the store checks it against that t.now).
      const episode = () => makeEpisode({ onsetDate: '2026-02-28' });

      it('sets, reads and lists the owner’s episodes, newest first', async () => {
        const patient = await account('patient');
        const [a, b, unowned] = [episode(), episode(), episode()];
        for (const e of [a, b, unowned]) {
          await t.store.createEpisode(e);
          t.advance(1000);
        }
        await t.care.setEpisodeOwner(a.id, patient.id);
        await t.care.setEpisodeOwner(b.id, patient.id);
        await t.care.setEpisodeOwner(b.id, patient.id); // a retry changes nothing
        expect(await t.care.episodeOwner(a.id)).toBe(patient.id);
        expect(await t.care.episodeOwner(unowned.id)).toBeNull();
        expect(await t.care.episodeOwner(uuidv7())).toBeUndefined();
        expect(await t.care.episodeIdsOf(patient.id)).toEqual([b.id, a.id]);
        expect(await t.care.episodeIdsOf((await account('patient')).id)).toEqual([]);
      });

      it('never hands one patient’s episode to another, and reports a missing episode as not_found', async () => {
        const [owner, other] = [await account('patient'), await account('patient')];
        const made = episode();
        await t.store.createEpisode(made);
        await t.care.setEpisodeOwner(made.id, owner.id);
        await expectDomainError(t.care.setEpisodeOwner(made.id, other.id), 'not_found');
        await expectDomainError(t.care.setEpisodeOwner(uuidv7(), owner.id), 'not_found');
        expect(await t.care.episodeOwner(made.id)).toBe(owner.id);
      });

      it('still lets an owned episode be deleted with everything under it (erasure)', async () => {
        const patient = await account('patient');
        const made = episode();
        await t.store.createEpisode(made);
        await t.care.setEpisodeOwner(made.id, patient.id);
        await t.store.deleteEpisode(made.id);
        expect(await t.care.episodeIdsOf(patient.id)).toEqual([]);
      });
    });

    describe('programmes', () => {
      it('has none until one is assigned; the latest assigned wins', async () => {
        const { clinician } = await clinicWithClinician();
        const patient = await account('patient');
        expect(await t.care.currentProgramme(patient.id)).toBeUndefined();
        const first = await t.care.assignProgramme({
          patientId: patient.id,
          clinicianId: clinician.id,
          items: [{ entryId: 'ex-walking', timesPerWeek: 7 }],
          note: 'Little and often.',
        });
        expect(first).toMatchObject({ createdAt: t.now().toISOString(), note: 'Little and often.' });
        expect(await t.care.currentProgramme(patient.id)).toEqual(first);
        // Same instant on the t.now: the later one still wins.
        const second = await t.care.assignProgramme({
          patientId: patient.id,
          clinicianId: clinician.id,
          items: [{ entryId: 'ex-knee-rocks', reps: 10, sets: 2, timesPerWeek: 14 }],
        });
        expect(second).not.toHaveProperty('note');
        expect(await t.care.currentProgramme(patient.id)).toEqual(second);
        expect(await t.care.currentProgramme((await account('patient')).id)).toBeUndefined();
      });

      it('in a transaction, a programme and its audit row are written together or not at all', async () => {
        const { clinicId, clinician } = await clinicWithClinician();
        const patient = await account('patient');
        const assign = (tx: CareStore) =>
          tx.assignProgramme({
            patientId: patient.id,
            clinicianId: clinician.id,
            items: [{ entryId: 'ex-walking', timesPerWeek: 7 }],
          });
        const audit = (tx: CareStore, id: string) =>
          tx.audit({
            actorId: clinician.id,
            actorRole: 'clinician',
            patientId: patient.id,
            clinicId,
            action: 'change',
            resource: 'programme',
            resourceId: id,
            requestId: 'req-1',
          });
        await expect(
          t.care.inTransaction(async (tx) => {
            await assign(tx);
            throw new Error('the audit row could not be written');
          }),
        ).rejects.toThrow('the audit row could not be written');
        expect(await t.care.currentProgramme(patient.id)).toBeUndefined();
        const programme = await t.care.inTransaction(async (tx) => {
          const made = await assign(tx);
          await audit(tx, made.id);
          return made;
        });
        expect(await t.care.currentProgramme(patient.id)).toEqual(programme);
        expect((await t.care.accessLog(patient.id)).map((e) => e.resourceId)).toEqual([programme.id]);
      });
    });

    describe('PEG scores', () => {
      it('lists a patient’s scores oldest first, only theirs', async () => {
        const [patient, other] = [await account('patient'), await account('patient')];
        const score = (at: string, pain: number) => ({
          id: uuidv7(),
          patientId: patient.id,
          at,
          pain,
          enjoyment: 5,
          activity: 4,
        });
        const later = await t.care.addPegScore(score('2026-03-09T08:00:00.000Z', 5));
        const earlier = await t.care.addPegScore(score('2026-03-02T08:00:00+00:00', 7));
        await t.care.addPegScore({ ...score('2026-03-05T08:00:00.000Z', 2), patientId: other.id });
        expect(earlier.at).toBe('2026-03-02T08:00:00.000Z');
        expect(await t.care.pegScores(patient.id)).toEqual([earlier, later]);
      });

      it('answers a retry with the stored score and refuses the same id with other values', async () => {
        const patient = await account('patient');
        const input = {
          id: uuidv7(),
          patientId: patient.id,
          at: t.now().toISOString(),
          pain: 6,
          enjoyment: 3,
          activity: 2,
        };
        const stored = await t.care.addPegScore(input);
        expect(await t.care.addPegScore(input)).toEqual(stored);
        await expectDomainError(t.care.addPegScore({ ...input, pain: 1 }), 'conflict');
        expect(await t.care.pegScores(patient.id)).toEqual([stored]);
      });
    });

    describe('audit trail', () => {
      function event(overrides: Partial<Omit<AuditEvent, 'id' | 'at'>>): Omit<AuditEvent, 'id' | 'at'> {
        return {
          actorId: uuidv7(),
          actorRole: 'clinician',
          patientId: uuidv7(),
          clinicId: null,
          action: 'read',
          resource: 'episode',
          resourceId: null,
          requestId: 'req-1',
          ...overrides,
        };
      }

      it('appends events: the patient’s log newest first, the clinic’s trail oldest first', async () => {
        const { clinicId, clinician } = await clinicWithClinician();
        const patient = await account('patient');
        const otherClinic = (await clinicWithClinician()).clinicId;
        const read = event({ actorId: clinician.id, patientId: patient.id, clinicId, resourceId: 'ep-1' });
        await t.care.audit(read);
        t.advance(1000);
        const change = event({
          actorId: clinician.id,
          patientId: patient.id,
          clinicId,
          action: 'change',
          resource: 'programme',
          requestId: 'req-2',
        });
        await t.care.audit(change);
        await t.care.audit(event({ clinicId: otherClinic }));

        const log = await t.care.accessLog(patient.id);
        expect(log.map(({ id: _id, at: _at, ...rest }) => rest)).toEqual([change, read]);
        expect(log.map((e) => e.at)).toEqual([
          t.now().toISOString(),
          new Date(t.now().getTime() - 1000).toISOString(),
        ]);
        expect(await t.care.clinicTrail(clinicId)).toEqual([...log].reverse());
        expect(await t.care.accessLog(uuidv7())).toEqual([]);
      });

      it('appends a page of events in one go, all of them, in the order given', async () => {
        const clinicId = (await clinicWithClinician()).clinicId;
        const events = Array.from({ length: 60 }, (_, i) => event({ clinicId, resourceId: `p-${i}` }));
        await t.care.auditMany(events);
        await t.care.auditMany([]);
        const trail = await t.care.clinicTrail(clinicId);
        expect(trail.map(({ id: _id, at: _at, ...rest }) => rest)).toEqual(events);
        expect(new Set(trail.map((e) => e.at))).toEqual(new Set([t.now().toISOString()]));
      });

      it('writes none of a page when one event cannot be stored', async () => {
        const clinicId = (await clinicWithClinician()).clinicId;
        const broken = { ...event({ clinicId }), requestId: null as unknown as string };
        await expect(t.care.auditMany([event({ clinicId }), broken])).rejects.toThrow();
        expect(await t.care.clinicTrail(clinicId)).toEqual([]);
      });

      it('refuses to change or delete a row of the trail, in the database itself', async () => {
        const patientId = uuidv7();
        await t.care.audit(event({ patientId }));
        await expect(
          sql`update audit_events set actor_id = 'someone else'`.execute(t.store.db),
        ).rejects.toThrow(/append-only/);
        await expect(sql`delete from audit_events`.execute(t.store.db)).rejects.toThrow(/append-only/);
        if (dialect.name === 'postgres') {
          await expect(sql`truncate audit_events`.execute(t.store.db)).rejects.toThrow(/append-only/);
        }
        expect(await t.care.accessLog(patientId)).toHaveLength(1);
      });

      it('keeps the trail when the patient’s data is erased', async () => {
        const patientId = uuidv7();
        await t.care.audit(event({ patientId }));
        await t.store.eraseAll();
        expect(await t.care.accessLog(patientId)).toHaveLength(1);
      });
    });
  });
}
