/**
 * Settings: the person owns the record. "Download my data" saves everything the server holds as one file;
 * "Delete everything" erases it on the server and then on this device, after a confirmation that says what
 * goes. Either reports plainly when the server cannot be reached, and then nothing has changed. In clinic mode the
 * account comes first: the clinic screen, the weekly check-in, passkeys, signing out.
 */
import { lazy, useLocation } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Heading } from '../components/heading.tsx';
import { Icon } from '../components/icon.tsx';
import { downloadMyData, type DownloadOutcome } from '../lib/data-export.ts';
import { mode } from '../lib/instance.ts';
import { checks, diary, episode, forgetEverything, sessions, type ForgetOutcome } from '../lib/records.ts';
import { settingsClinicText } from '../strings-clinic-shell.ts';
import { t } from '../strings.ts';

/** The account part of clinic mode: its own chunk, never downloaded in personal mode. */
const ClinicSettings = lazy(() => import('./clinic-settings.tsx'));

const problem = (status: number | null): string =>
  status === null ? t.settings.unreachable : t.settings.serverError(status);

function DownloadOutcomeMessage({ outcome }: { outcome: DownloadOutcome }) {
  if (!outcome.ok) {
    return (
      <p class="card card-danger">
        <strong>{t.settings.nothingDownloaded}</strong> {problem(outcome.status)}
      </p>
    );
  }
  return (
    <div class="notice">
      <p>{t.settings.downloaded(outcome.fileName)}</p>
      {outcome.notSent > 0 ? (
        <p>
          {t.settings.notInFile(outcome.notSent)} <a href="/outbox">{t.settings.seeWaiting}</a>
        </p>
      ) : null}
    </div>
  );
}

function Download() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DownloadOutcome | null>(null);
  const start = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    setOutcome(await downloadMyData());
    setBusy(false);
  };
  return (
    <section class="card" aria-labelledby="download-heading">
      <h2 id="download-heading">{t.settings.downloadTitle}</h2>
      <p>{t.settings.downloadIntro}</p>
      {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus while it works. */}
      <button type="button" class="button primary" aria-disabled={busy} onClick={() => void start()}>
        <Icon name="download" />
        {busy ? t.settings.downloading : t.settings.download}
      </button>
      <div role="status">{outcome ? <DownloadOutcomeMessage outcome={outcome} /> : null}</div>
    </section>
  );
}

function DeleteEverything() {
  const { route } = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Exclude<ForgetOutcome, { ok: true }> | null>(null);
  const confirm = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const outcome = await forgetEverything();
    setBusy(false);
    dialog.current?.close();
    if (outcome.ok) route('/', true);
    else setFailure(outcome);
  };
  return (
    <section class="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t.settings.deleteTitle}</h2>
      <p>{mode.value === 'clinic' ? settingsClinicText.deleteIntro : t.settings.deleteIntro}</p>
      <button
        type="button"
        class="button danger"
        onClick={() => {
          setFailure(null);
          dialog.current?.showModal();
        }}
      >
        <Icon name="trash" />
        {t.settings.delete}
      </button>
      <div role="status">
        {failure ? (
          <p class="card card-danger">
            {failure.where === 'device' ? (
              t.settings.deviceNotCleared
            ) : (
              <>
                <strong>{t.settings.nothingDeleted}</strong> {problem(failure.status)}
              </>
            )}
          </p>
        ) : null}
      </div>
      <ConfirmDialog
        dialog={dialog}
        id="confirm-delete"
        title={t.settings.confirmTitle}
        busy={busy}
        cancelLabel={t.settings.cancel}
        confirmLabel={t.settings.confirm}
        busyLabel={t.settings.deleting}
        onConfirm={() => void confirm()}
      >
        <p>{t.settings.confirmDevice}</p>
        <ul>
          <li>{t.settings.episodes(episode.value ? 1 : 0)}</li>
          <li>{t.settings.checks(checks.value.length)}</li>
          <li>{t.settings.diaryEntries(diary.value.length)}</li>
          <li>{t.settings.sessionLogs(sessions.value.length)}</li>
        </ul>
        <p>{mode.value === 'clinic' ? settingsClinicText.confirmServer : t.settings.confirmServer}</p>
        <p>
          <strong>{t.settings.cannotUndo}</strong>
        </p>
      </ConfirmDialog>
    </section>
  );
}

export default function SettingsScreen() {
  return (
    <section class="screen settings">
      <Heading>{t.settings.title}</Heading>
      <p>{mode.value === 'clinic' ? settingsClinicText.intro : t.settings.intro}</p>
      {mode.value === 'clinic' ? <ClinicSettings /> : null}
      <Download />
      <DeleteEverything />
    </section>
  );
}
