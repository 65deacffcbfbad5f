import type { Episode } from '@unknot/core';
import { v7 as uuidv7 } from 'uuid';
import type {
  Account,
  CareLink,
  CareStore,
  Clinic,
  IdentityStore,
  NewAccount,
  Role,
} from '../src/clinic/types.ts';
import type { Store } from '../src/store.ts';
import { makeEpisode } from './factories.ts';

/** An account with a unique e-mail for staff (they sign in with one) and none for a patient by default. */
export function makeAccountInput(role: Role, clinicId: string | null = null): NewAccount {
  return {
    role,
    clinicId,
    email: role === 'patient' ? null : `${role}-${uuidv7()}@clinic.example`,
    displayName: `Test ${role.replace('_', ' ')}`,
  };
}

/** Makes an invite of the clinician and redeems it for the patient: the way every real link is made. */
export async function linkPatient(
  care: CareStore,
  clinicianId: string,
  patientId: string,
): Promise<CareLink> {
  const invite = await care.createInvite(clinicianId);
  return care.redeemInvite(invite.code, patientId);
}

export interface ClinicWorld {
  clinic: Clinic;
  otherClinic: Clinic;
  /** Clinic admin of `clinic`. */
  admin: Account;
  /** Linked to patientA. */
  clinicianA: Account;
  /** Same clinic as clinicianA, linked to nobody: a colleague is not a carer. */
  colleague: Account;
  /** In `otherClinic`, linked to patientB. */
  clinicianOther: Account;
  patientA: Account;
  patientB: Account;
  /** Was linked to clinicianA and left. */
  formerPatient: Account;
  linkA: CareLink;
  linkB: CareLink;
  formerLink: CareLink;
  /** One episode per patient, owned by them (only when a Store was given). */
  episodes: { patientA?: Episode; patientB?: Episode; formerPatient?: Episode };
}

/**
 * The cast of an authorisation matrix: two clinics, a clinician with a linked patient, an unlinked colleague,
 * a clinician of another clinic with a patient of their own, a clinic admin, and a patient who has left. With a
 * `store`, each patient also owns one episode, so there is something to read or refuse.
 */
export async function makeClinicWorld(stores: {
  identity: IdentityStore;
  care: CareStore;
  store?: Store;
}): Promise<ClinicWorld> {
  const { identity, care, store } = stores;
  const clinic = await identity.createClinic('Riverside Physiotherapy');
  const otherClinic = await identity.createClinic('Hilltop Back Clinic');
  const account = (role: Role, clinicId: string | null = null) =>
    identity.createAccount(makeAccountInput(role, clinicId));

  const admin = await account('clinic_admin', clinic.id);
  const clinicianA = await account('clinician', clinic.id);
  const colleague = await account('clinician', clinic.id);
  const clinicianOther = await account('clinician', otherClinic.id);
  const patientA = await account('patient');
  const patientB = await account('patient');
  const formerPatient = await account('patient');

  const linkA = await linkPatient(care, clinicianA.id, patientA.id);
  const linkB = await linkPatient(care, clinicianOther.id, patientB.id);
  const formerLink = await care.endLink(
    (await linkPatient(care, clinicianA.id, formerPatient.id)).id,
    formerPatient.id,
  );

  const episodes: ClinicWorld['episodes'] = {};
  if (store) {
    for (const [name, patient] of [
      ['patientA', patientA],
      ['patientB', patientB],
      ['formerPatient', formerPatient],
    ] as const) {
      const { record } = await store.createEpisode(makeEpisode());
      await care.setEpisodeOwner(record.id, patient.id);
      episodes[name] = record;
    }
  }

  return {
    clinic,
    otherClinic,
    admin,
    clinicianA,
    colleague,
    clinicianOther,
    patientA,
    patientB,
    formerPatient,
    linkA,
    linkB,
    formerLink,
    episodes,
  };
}
