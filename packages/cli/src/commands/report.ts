import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { summaryFromRecords, summaryToFhir, summaryToHtml } from '@unknot/core';
import { summaryToPdf } from '@unknot/core/pdf';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { requireActiveEpisode, withStore } from '../store-access.ts';

const font = (file: string) =>
  readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`));

export interface ReportOptions {
  html?: string | undefined;
  pdf?: string | undefined;
  fhir?: string | undefined;
}

function write(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliError(
      `Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
}

/** `unknot report`: the doctor summary of the active episode as HTML, PDF and/or a FHIR R4 Bundle. */
export async function reportCommand(options: ReportOptions, io: CliIo): Promise<number> {
  if (options.html === undefined && options.pdf === undefined && options.fhir === undefined) {
    throw new CliError('Say what to write: --html FILE, --pdf FILE and/or --fhir FILE.');
  }
  const now = new Date().toISOString();
  const summary = await withStore(io.env, async (store) =>
    summaryFromRecords(await store.episodeSnapshot(await requireActiveEpisode(store, io.env)), now),
  );
  if (options.html !== undefined) write(options.html, summaryToHtml(summary));
  if (options.pdf !== undefined) {
    write(
      options.pdf,
      await summaryToPdf(summary, {
        fontBytes: font('DejaVuSans.ttf'),
        boldFontBytes: font('DejaVuSans-Bold.ttf'),
      }),
    );
  }
  if (options.fhir !== undefined) write(options.fhir, `${JSON.stringify(summaryToFhir(summary), null, 2)}\n`);
  const written = [options.html, options.pdf, options.fhir].filter((p) => p !== undefined);
  io.out(`Doctor summary written: ${written.join(', ')}. Take it to your appointment.`);
  return 0;
}
