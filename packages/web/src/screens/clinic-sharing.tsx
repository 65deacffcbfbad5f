/**
 * The patient's view of their clinic (docs/clinic.md "What is shared", "Audit"): with whom the record is shared,
 * what that covers, the choice to share diary notes (off by default), who looked at the record, and leaving a
 * clinic, after a confirmation that says what leaving does.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Heading } from '../components/heading.tsx';
import type { Problem } from '../lib/account.ts';
import {
  leaveLink,
  loadAccessLog,
  loadLinks,
  setShareNotes,
  type AccessLogEntry,
  type MyLink,
} from '../lib/care.ts';
import { formatDateTime } from '../lib/dates.ts';
import { problemText } from '../lib/problem-text.ts';
import { tc } from '../strings-clinic.ts';
import { t } from '../strings.ts';

/** The local day of an instant, as the person reads dates. */
const dateOf = (iso: string): string =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso));

function LeaveButton({ link, onLeft }: { link: MyLink; onLeft: (message: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const confirm = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const answer = await leaveLink(link.id);
    setBusy(false);
    if (!answer.ok) {
      setFailure(problemText(answer.problem));
      return;
    }
    dialog.current?.close();
    onLeft(tc.sharing.left(link.clinicName));
  };
  return (
    <>
      <button
        type="button"
        class="button danger"
        onClick={() => {
          setFailure('');
          dialog.current?.showModal();
        }}
      >
        {tc.sharing.leave(link.clinicName)}
      </button>
      <ConfirmDialog
        dialog={dialog}
        id={`leave-${link.id}`}
        title={tc.sharing.confirmTitle(link.clinicName)}
        after={
          <p role="alert" class="field-error">
            {failure}
          </p>
        }
        busy={busy}
        cancelLabel={tc.sharing.cancel}
        confirmLabel={tc.sharing.confirmLeave}
        busyLabel={tc.sharing.leaving}
        onConfirm={() => void confirm()}
      >
        <p>{tc.sharing.confirmBody}</p>
      </ConfirmDialog>
    </>
  );
}

function NotesToggle({ shared, onChange }: { shared: boolean; onChange: (shared: boolean) => void }) {
  // What the person just chose, shown at once while the server stores it (and undone if it cannot).
  const [pending, setPending] = useState<boolean | null>(null);
  const [message, setMessage] = useState('');
  const toggle = async (next: boolean): Promise<void> => {
    if (pending !== null) return;
    setPending(next);
    const answer = await setShareNotes(next);
    setPending(null);
    if (!answer.ok) {
      setMessage(problemText(answer.problem));
      return;
    }
    onChange(answer.value.shareNotes);
    setMessage(answer.value.shareNotes ? tc.sharing.notesOn : tc.sharing.notesOff);
  };
  return (
    <div class="notes-toggle">
      <label class="check-row">
        <input
          type="checkbox"
          checked={pending ?? shared}
          aria-describedby="share-notes-hint"
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <span>{tc.sharing.notesLabel}</span>
      </label>
      <p class="hint" id="share-notes-hint">
        {tc.sharing.notesHint}
      </p>
      <p role="status">{message}</p>
    </div>
  );
}

function AccessLog({ entries }: { entries: AccessLogEntry[] }) {
  return (
    // A plain box, not a second landmark: the table's scrolling region is the one named by the heading.
    <div class="card">
      <h2 id="access-log-heading">{tc.sharing.logTitle}</h2>
      <p>{tc.sharing.logIntro}</p>
      {entries.length === 0 ? (
        <p>{tc.sharing.logEmpty}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="access-log-heading">
          <table class="access-log">
            <thead>
              <tr>
                <th scope="col">{tc.sharing.logWhen}</th>
                <th scope="col">{tc.sharing.logWho}</th>
                <th scope="col">{tc.sharing.logWhat}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.actorName}</td>
                  <td>
                    {tc.sharing.actions[entry.action] ?? entry.action}{' '}
                    {tc.sharing.resources[entry.resource] ?? entry.resource}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export default function ClinicSharingScreen() {
  const [links, setLinks] = useState<MyLink[] | null>(null);
  const [log, setLog] = useState<AccessLogEntry[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const load = async (): Promise<void> => {
    const [l, a] = await Promise.all([loadLinks(), loadAccessLog()]);
    if (!l.ok) setProblem(l.problem);
    else if (!a.ok) setProblem(a.problem);
    else {
      setProblem(null);
      setLinks(l.value);
      setLog(a.value);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const live = links?.filter((l) => l.endedAt === null) ?? [];
  const past = links?.filter((l) => l.endedAt !== null) ?? [];
  // The choice is kept on each live link and set on all of them at once (PUT /me/sharing).
  const notesShared = live.some((l) => l.shareNotes);

  return (
    <section class="screen clinic-sharing">
      <Heading>{tc.sharing.title}</Heading>
      <p>{tc.sharing.intro}</p>
      <p role="status">{announcement}</p>
      {problem ? <p class="card card-danger">{problemText(problem)}</p> : null}
      {links === null && problem === null ? <p>{t.app.loading}</p> : null}
      {links !== null && live.length === 0 ? (
        <p class="card">
          {tc.sharing.none} <a href="/join">{tc.sharing.joinAnother}</a>
        </p>
      ) : null}
      {live.map((link) => (
        <section key={link.id} class="card shared-with" aria-labelledby={`link-${link.id}`}>
          <h2 id={`link-${link.id}`}>{tc.sharing.sharedWith(link.clinicName)}</h2>
          <p>
            {tc.sharing.clinician(link.clinicianName)}
            <br />
            <span class="muted small">{tc.sharing.since(dateOf(link.createdAt))}</span>
          </p>
          <LeaveButton
            link={link}
            onLeft={(message) => {
              setAnnouncement(message);
              // The card and its button are gone: focus goes back to the top, where the news is announced.
              document.querySelector<HTMLElement>('main h1')?.focus();
              void load();
            }}
          />
        </section>
      ))}
      {live.length > 0 ? (
        <section class="card" aria-labelledby="what-shared-heading">
          <h2 id="what-shared-heading">{tc.sharing.whatTitle}</h2>
          <ul>
            {tc.sharing.what.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <NotesToggle
            shared={notesShared}
            onChange={(shared) => {
              setLinks((current) =>
                (current ?? []).map((l) => (l.endedAt === null ? { ...l, shareNotes: shared } : l)),
              );
            }}
          />
          <p>
            <a href="/join">{tc.sharing.joinAnother}</a>
          </p>
        </section>
      ) : null}
      {log ? <AccessLog entries={log} /> : null}
      {past.length > 0 ? (
        <section class="card" aria-labelledby="past-links-heading">
          <h2 id="past-links-heading">{tc.sharing.pastTitle}</h2>
          <ul class="plain-list">
            {past.map((link) => (
              <li key={link.id}>
                {tc.sharing.ended(link.clinicName, dateOf(link.endedAt ?? link.createdAt))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
