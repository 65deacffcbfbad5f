/**
 * Invite codes: make one (shown large, with a copy button; a code is read out or written down, so it is spaced
 * in two groups of four for reading, while the copy is the bare code), and the list of codes made, each with who
 * joined with it. Names come from the caseload: a code's `usedBy` is the patient's account id.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Heading } from '../components/heading.tsx';
import { formatDate, formatDateTime } from '../lib/dates.ts';
import { createInvite, loadInvites } from './clinic-api.ts';
import { ProblemNotice } from './problem-notice.tsx';
import { caseload, refreshCaseload } from './state.ts';
import { c } from './strings.ts';
import type { Invite, Problem } from './types.ts';

/** "ABCD EFGH": easier to read aloud and copy by hand. */
export function spacedCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

export function inviteStatus(invite: Invite, names: ReadonlyMap<string, string>, now: Date): string {
  if (invite.usedAt !== null) {
    const name = invite.usedBy === null ? undefined : names.get(invite.usedBy);
    const date = formatDateTime(invite.usedAt);
    return name === undefined ? c.invites.joinedUnknown(date) : c.invites.joined(name, date);
  }
  return Date.parse(invite.expiresAt) <= now.getTime()
    ? c.invites.expired
    : c.invites.open(formatDate(invite.expiresAt.slice(0, 10)));
}

function NewCode({ invite }: { invite: Invite }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const codeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The code is what the clinician came for: focus it, so a screen reader reads it out at once.
    codeRef.current?.focus();
  }, [invite.code]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.code);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <div class="card new-code" aria-labelledby="new-code-label">
      <p id="new-code-label" class="eyebrow">
        {c.invites.newCode}
      </p>
      <p class="invite-code" tabIndex={-1} ref={codeRef}>
        <span aria-hidden="true">{spacedCode(invite.code)}</span>
        {/* Letter by letter for a screen reader, which would otherwise try to read the groups as words. */}
        <span class="visually-hidden">{invite.code.split('').join(' ')}</span>
      </p>
      <p class="muted">{c.invites.expires(formatDateTime(invite.expiresAt))}</p>
      <button type="button" class="button" onClick={() => void copy()}>
        {c.invites.copy}
      </button>
      <p role="status">
        {copyState === 'copied' ? c.invites.copied : copyState === 'failed' ? c.invites.copyFailed : ''}
      </p>
    </div>
  );
}

export function InvitesScreen() {
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [made, setMade] = useState<Invite | null>(null);
  const [making, setMaking] = useState(false);

  const load = async () => {
    const answer = await loadInvites();
    if (answer.ok) setInvites(answer.value);
    else setProblem(answer.problem);
  };
  useEffect(() => {
    void load();
    // Who joined is named from the caseload.
    if (caseload.value.state !== 'ready') void refreshCaseload();
  }, []);

  const make = async () => {
    setMaking(true);
    setProblem(null);
    const answer = await createInvite();
    setMaking(false);
    if (!answer.ok) {
      setProblem(answer.problem);
      return;
    }
    setMade(answer.value);
    await load();
  };

  const current = caseload.value;
  const names = new Map(
    current.state === 'ready' ? current.value.map((row) => [row.patient.id, row.patient.displayName]) : [],
  );
  const now = new Date();
  const sorted = [...(invites ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section class="screen clinic-screen">
      <Heading>{c.invites.title}</Heading>
      <p>{c.invites.intro}</p>
      <div class="actions">
        <button type="button" class="button primary" disabled={making} onClick={() => void make()}>
          {making ? c.invites.making : c.invites.make}
        </button>
      </div>
      {problem ? <ProblemNotice problem={problem} retry={load} /> : null}
      {made ? <NewCode invite={made} /> : null}
      <h2>{c.invites.list}</h2>
      {invites === null ? (
        problem ? null : (
          <p role="status">{c.workspace.loading}</p>
        )
      ) : sorted.length === 0 ? (
        <p class="muted">{c.invites.none}</p>
      ) : (
        <table class="clinic-table invite-table">
          <thead>
            <tr>
              <th scope="col">{c.invites.code}</th>
              <th scope="col">{c.invites.made}</th>
              <th scope="col">{c.invites.status}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((invite) => (
              <tr key={invite.code}>
                <th scope="row" class="code-cell">
                  {spacedCode(invite.code)}
                </th>
                <td>{formatDateTime(invite.createdAt)}</td>
                <td>{inviteStatus(invite, names, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
