/**
 * Clinic mode's records and the two repositories over them (docs/clinic.md). This file is the contract between
 * the store, the server and the CLI: `IdentityStore` (who someone is, how they sign in) and `CareStore` (who
 * may see whose record, programmes, PEG scores and the audit trail) implement these interfaces.
 */

export type Role = 'patient' | 'clinician' | 'clinic_admin';

export interface Clinic {
  id: string;
  name: string;
  createdAt: string;
}

export interface Account {
  /** UUIDv7. */
  id: string;
  role: Role;
  /** The clinic a clinician or clinic admin works for; null for a patient (patients link to clinicians). */
  clinicId: string | null;
  /** Lower-cased; unique when present. Patients may have none. */
  email: string | null;
  displayName: string;
  createdAt: string;
}

export interface NewAccount {
  role: Role;
  clinicId?: string | null;
  email?: string | null;
  displayName: string;
}

export interface StoredPasskey {
  /** The credential id, base64url. */
  id: string;
  accountId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** A live session as the server sees it on a request. */
export interface SessionView {
  /** An opaque id for this session (not the token), e.g. for "sign out this device". */
  sessionId: string;
  account: Account;
  csrfToken: string;
  /** When it expires if not used again (idle expiry). */
  expiresAt: string;
}

/** A session just made: the token goes into the cookie and is never stored (only its SHA-256 is). */
export interface NewSession extends SessionView {
  token: string;
}

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface IdentityStore {
  createClinic(name: string): Promise<Clinic>;
  getClinic(id: string): Promise<Clinic>;
  createAccount(input: NewAccount): Promise<Account>;
  getAccount(id: string): Promise<Account>;
  accountByEmail(email: string): Promise<Account | undefined>;

  /** A one-time link secret, valid for `ttlSeconds` (default 24 h); only its hash is stored. */
  createEnrolmentLink(accountId: string, ttlSeconds?: number): Promise<{ token: string; expiresAt: string }>;
  /** Uses the link up (single use). Unknown, used or expired: DomainError `invite_unusable`. */
  redeemEnrolmentLink(token: string): Promise<Account>;

  /** Stores an argon2id hash (the server hashes; the store never sees a password). */
  setPasswordHash(accountId: string, hash: string): Promise<void>;
  /**
   * A password sign-in with lockout by account: `verify` checks the stored hash. Five failures within 15 minutes
   * lock the account for 15 minutes (DomainError `account_locked`, with `retryAfterSeconds` on the error);
   * an unknown e-mail, an account without a password, or a wrong password are all `invalid_credentials`.
   * Success resets the failure count.
   */
  passwordSignIn(email: string, verify: (hash: string) => Promise<boolean>): Promise<Account>;

  addPasskey(
    accountId: string,
    passkey: { id: string; publicKey: string; counter: number; transports: string[] },
  ): Promise<StoredPasskey>;
  getPasskey(id: string): Promise<StoredPasskey | undefined>;
  passkeysOf(accountId: string): Promise<StoredPasskey[]>;
  /** After a sign-in: the authenticator's new counter and the time. */
  touchPasskey(id: string, counter: number): Promise<void>;

  /** A WebAuthn challenge, single use, expiring after `ttlSeconds` (default 5 min). Returns its id. */
  saveChallenge(input: {
    purpose: 'register' | 'authenticate';
    accountId: string | null;
    challenge: string;
    ttlSeconds?: number;
  }): Promise<string>;
  /** Takes (and deletes) a challenge; undefined when unknown, used or expired. */
  takeChallenge(
    id: string,
  ): Promise<
    { purpose: 'register' | 'authenticate'; accountId: string | null; challenge: string } | undefined
  >;

  /** A new session: idle expiry 30 min for clinicians and clinic admins, 30 days for patients. */
  createSession(accountId: string): Promise<NewSession>;
  /** The live session of a token (idle expiry slides forward on use); undefined if unknown, expired or revoked. */
  session(token: string): Promise<SessionView | undefined>;
  revokeSession(token: string): Promise<void>;
  /** Signs the account out everywhere. */
  revokeAllSessions(accountId: string): Promise<number>;

  /**
   * A fixed-window counter shared by every server process: one hit on `key`; allowed while the window's count is
   * at most `limit`.
   */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateVerdict>;
}

export interface Invite {
  /** 8 characters from an unambiguous alphabet; single use; 14 days. */
  code: string;
  clinicId: string;
  clinicianId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

export interface CareLink {
  id: string;
  patientId: string;
  clinicianId: string;
  clinicId: string;
  createdAt: string;
  /** Set when the patient leaves: the clinic sees nothing new after it. */
  endedAt: string | null;
  /** What the patient shares: everything by default; the diary's free-text notes only if they opt in. */
  shareNotes: boolean;
}

/** A dose of one programme item, within the protocol's ranges (core checks it). */
export interface ProgrammeItem {
  entryId: string;
  holdSeconds?: number;
  reps?: number;
  sets?: number;
  timesPerWeek: number;
}

export interface Programme {
  id: string;
  patientId: string;
  clinicianId: string;
  createdAt: string;
  items: ProgrammeItem[];
  note?: string;
}

export interface PegScore {
  id: string;
  patientId: string;
  /** UTC instant. */
  at: string;
  pain: number;
  enjoyment: number;
  activity: number;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string;
  actorRole: Role;
  patientId: string;
  clinicId: string | null;
  action: 'read' | 'change' | 'export';
  /** e.g. `episode`, `diary`, `summary`, `programme`. */
  resource: string;
  resourceId: string | null;
  requestId: string;
}

export interface CareStore {
  createInvite(clinicianId: string): Promise<Invite>;
  invitesOf(clinicianId: string): Promise<Invite[]>;
  /** Uses the invite up and links the patient to its clinician. Unknown, used or expired: `invite_unusable`. */
  redeemInvite(code: string, patientId: string): Promise<CareLink>;
  /**
   * Signed out: makes the patient's account and uses the invite up in one transaction, so an unusable code leaves
   * no account behind (an account nobody can sign in to).
   */
  redeemInviteAsNewPatient(code: string, displayName: string): Promise<{ account: Account; link: CareLink }>;
  /** Ends the link now (the patient leaves). */
  endLink(linkId: string, patientId: string): Promise<CareLink>;
  linksOfPatient(patientId: string): Promise<CareLink[]>;
  /** The live links of a clinician's patients (for the patient list). */
  linksOfClinician(clinicianId: string): Promise<CareLink[]>;
  /** The live link between the two, if any: what a clinician's read of a patient's record depends on. */
  liveLink(clinicianId: string, patientId: string): Promise<CareLink | undefined>;
  setShareNotes(patientId: string, shareNotes: boolean): Promise<void>;

  /** Episodes belong to a patient in clinic mode (episodes.owner_id). */
  setEpisodeOwner(episodeId: string, patientId: string): Promise<void>;
  episodeOwner(episodeId: string): Promise<string | null | undefined>;
  episodeIdsOf(patientId: string): Promise<string[]>;

  assignProgramme(input: Omit<Programme, 'id' | 'createdAt'>): Promise<Programme>;
  currentProgramme(patientId: string): Promise<Programme | undefined>;

  addPegScore(input: Omit<PegScore, 'id'> & { id: string }): Promise<PegScore>;
  pegScores(patientId: string): Promise<PegScore[]>;

  /**
   * Runs `work` with a store whose every call is in one transaction: a change and its audit row are written
   * together or not at all.
   */
  inTransaction<T>(work: (care: CareStore) => Promise<T>): Promise<T>;

  /** Appends one row; the table takes no UPDATE or DELETE (a trigger on PostgreSQL refuses them). */
  audit(event: Omit<AuditEvent, 'id' | 'at'>): Promise<void>;
  /**
   * Optional (added by care-routes): appends several rows in one statement, all or none. The patient list audits one
   * row per patient shown; one insert for the page instead of one per patient keeps the list fast.
   */
  auditMany?(events: readonly Omit<AuditEvent, 'id' | 'at'>[]): Promise<void>;
  accessLog(patientId: string): Promise<AuditEvent[]>;
  clinicTrail(clinicId: string): Promise<AuditEvent[]>;
}
