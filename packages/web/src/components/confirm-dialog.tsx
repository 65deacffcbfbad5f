/**
 * A modal that asks before something that cannot be undone (erasing everything, leaving a clinic). The safe choice
 * has the focus when it opens, Escape closes it except while the action runs (its outcome must still be shown),
 * and the confirm button says what is happening while it runs.
 */
import type { ComponentChildren, RefObject } from 'preact';

export interface ConfirmDialogProps {
  dialog: RefObject<HTMLDialogElement>;
  /** Unique on the page: the heading and body are named by these ids for assistive technology. */
  id: string;
  title: string;
  /** What will happen, read out as the dialog's description. */
  children: ComponentChildren;
  /** Shown below the description (an alert when the action failed), outside it. */
  after?: ComponentChildren;
  busy: boolean;
  cancelLabel: string;
  confirmLabel: string;
  busyLabel: string;
  onConfirm: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { dialog, id, busy } = props;
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <h2 id={`${id}-heading`}>{props.title}</h2>
      <div id={`${id}-body`}>{props.children}</div>
      {props.after}
      <div class="actions">
        <button
          type="button"
          class="button"
          autofocus
          onClick={() => {
            if (!busy) dialog.current?.close();
          }}
        >
          {props.cancelLabel}
        </button>
        <button type="button" class="button danger" aria-disabled={busy} onClick={props.onConfirm}>
          {busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
