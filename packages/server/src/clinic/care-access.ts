import { DomainError, type CheckInRecord, type DiaryEntry } from '@unknot/core';
import type { Account, AuditEvent, CareLink, CareStore } from '@unknot/store';
import type { FastifyRequest } from 'fastify';
import { requireAccount } from './auth.ts';

/**
 * Who may see a patient (docs/clinic.md): the patient, and a clinician while a live link joins them. Everyone
 * else is refused the same way whether or not the patient exists, so an id tells nobody anything.
 */
export async function linkedPatient(
  request: FastifyRequest,
  care: CareStore,
  patientId: string,
): Promise<{ clinician: Account; link: CareLink }> {
  const clinician = requireAccount(request, 'clinician');
  const link = await care.liveLink(clinician.id, patientId);
  if (!link) {
    throw new DomainError(
      'forbidden',
      'You see a patient only while they are linked to you; this one is not (or has left).',
    );
  }
  return { clinician, link };
}

/** One row of the trail: `actor` did `action` to `resource` of the patient, on this request. */
export function auditEvent(
  request: FastifyRequest,
  actor: Account,
  patientId: string,
  action: AuditEvent['action'],
  resource: string,
  resourceId: string | null,
): Omit<AuditEvent, 'id' | 'at'> {
  return {
    actorId: actor.id,
    actorRole: actor.role,
    patientId,
    clinicId: actor.clinicId,
    action,
    resource,
    resourceId,
    requestId: request.id,
  };
}

/**
 * A diary entry as a clinician sees it: the free-text note only if the patient shares notes on that link.
 * The structured fields (pain, what helped) are shared by default; what a person writes in their own words is
 * theirs until they opt in.
 */
export function sharedDiaryEntry(entry: DiaryEntry, shareNotes: boolean): DiaryEntry {
  if (shareNotes) return entry;
  const { note: _note, ...rest } = entry;
  return rest;
}

/** The same for a check-in's note. */
export function sharedCheckIn(checkIn: CheckInRecord, shareNotes: boolean): CheckInRecord {
  if (shareNotes) return checkIn;
  const { note: _note, ...rest } = checkIn;
  return rest;
}
