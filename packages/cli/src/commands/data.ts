import { chmodSync, writeFileSync } from 'node:fs';
import { confirm, isCancel } from '@clack/prompts';
import { exportDocumentSchema, type ExportDocument } from '@unknot/core';
import { CliError, exitCodes } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { readJsonInput } from '../read-input.ts';
import { withStore, writeActiveEpisodeId } from '../store-access.ts';

function counts(document: ExportDocument): string {
  const sum = (pick: (e: ExportDocument['episodes'][number]) => unknown[]) =>
    document.episodes.reduce((n, e) => n + pick(e).length, 0);
  return (
    `${document.episodes.length} episode(s), ${sum((e) => e.assessments)} check(s), ` +
    `${sum((e) => e.diary)} diary entr(ies), ${sum((e) => e.sessions)} session(s), ` +
    `${sum((e) => e.checkIns)} check-in(s)`
  );
}

/** `unknot export FILE|-`: the whole record as one JSON document; the file is private (0600). */
export async function exportCommand(file: string | undefined, io: CliIo): Promise<number> {
  if (!file) throw new CliError('Say where to write the export: unknot export FILE (or - for the screen).');
  const document = await withStore(io.env, (store) => store.exportAll());
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (file === '-') {
    io.out(text);
    return exitCodes.ok;
  }
  try {
    writeFileSync(file, text, { mode: 0o600 });
    // The mode above applies only to a new file; an existing one may have been readable by others.
    chmodSync(file, 0o600);
  } catch (error) {
    throw new CliError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}.`);
  }
  io.out(`Exported ${counts(document)} to ${file}.`);
  return exitCodes.ok;
}

/** `unknot import FILE|-`: takes an export back; importing the same file twice changes nothing. */
export async function importCommand(file: string | undefined, io: CliIo): Promise<number> {
  if (!file) throw new CliError('Say which export to import: unknot import FILE (or - for standard input).');
  const parsed = exportDocumentSchema.safeParse(await readJsonInput(io, file, 'an export'));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(the document)'} ${issue.message}`)
      .join('; ');
    throw new CliError(`${file === '-' ? 'Standard input' : file} is not an unknot export: ${problems}.`);
  }
  const { created, unchanged } = await withStore(io.env, (store) => store.importAll(parsed.data));
  io.out(
    `Imported ${counts(parsed.data)}: ${created} record(s) added, ${unchanged} already here and left as they were.`,
  );
  return exitCodes.ok;
}

export interface ForgetOptions {
  all: boolean;
  yes: boolean;
}

/** `unknot forget --all`: erases every record, after asking (or with --yes). */
export async function forgetCommand(options: ForgetOptions, io: CliIo): Promise<number> {
  if (!options.all) {
    throw new CliError(
      'unknot forget erases your whole record; say so with --all (to delete one episode, use the web app or the API).',
    );
  }
  if (!options.yes) {
    if (!io.terminal.stdin) {
      throw new CliError('Refusing to erase everything without asking: run it in a terminal, or add --yes.');
    }
    const summary = await withStore(io.env, async (store) => counts(await store.exportAll()));
    const answer = await confirm({
      message: `Erase everything unknot has stored (${summary})? This cannot be undone. (unknot export first keeps a copy.)`,
      initialValue: false,
    });
    if (isCancel(answer) || !answer) {
      io.out('Nothing was erased.');
      return exitCodes.ok;
    }
  }
  await withStore(io.env, (store) => store.eraseAll());
  writeActiveEpisodeId(io.env, undefined);
  io.out('Everything is erased.');
  return exitCodes.ok;
}
