/**
 * "Download my data": the server's export (`GET /api/v1/export`, every episode with all its records) saved as a
 * file. Writes still waiting in the outbox are sent first where possible, so the file is as complete as it can
 * be; the outcome says how many did not make it.
 */
import { apiBase, apiFetch } from './api.ts';
import { localToday } from './dates.ts';
import { outbox, requestSync } from './outbox.ts';

/**
 * How long a download waits for the outbox first: enough for a local server to take what is waiting, short
 * enough that an unreachable one (the outbox then backs off) does not keep the person waiting.
 */
const sendFirstMs = 3000;

export type DownloadOutcome =
  | { ok: true; fileName: string; notSent: number }
  /** `status` is null when the server could not be reached. */
  | { ok: false; status: number | null };

/** The file name from a `Content-Disposition` header, or null when it names none. */
export function attachmentName(header: string | null): string | null {
  const match = /filename="([^"]+)"|filename=([^;\s]+)/i.exec(header ?? '');
  return match?.[1] ?? match?.[2] ?? null;
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: a browser may start reading the blob only after click() has returned.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}

export async function downloadMyData(): Promise<DownloadOutcome> {
  await Promise.race([requestSync(), new Promise((resolve) => setTimeout(resolve, sendFirstMs))]);
  let blob: Blob;
  let fileName: string;
  try {
    const response = await apiFetch(`${apiBase}/export`, { headers: { accept: 'application/json' } });
    if (!response.ok) return { ok: false, status: response.status };
    fileName =
      attachmentName(response.headers.get('content-disposition')) ?? `unknot-export-${localToday()}.json`;
    blob = await response.blob();
  } catch {
    return { ok: false, status: null };
  }
  save(blob, fileName);
  return { ok: true, fileName, notSent: outbox.value.length };
}
