import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, exitCodes } from './cli-error.ts';
import { commands, type Command, type CommandOptions } from './commands.ts';
import { processIo, type CliIo } from './io.ts';

/**
 * Where the record is, for the help texts: a person should never have to guess where their data lives. Asked only
 * when a help text is shown, because it loads the store.
 */
async function dataLocation(env: NodeJS.ProcessEnv): Promise<string> {
  const { describeStore, storeConfigFromEnv } = await import('@unknot/store');
  try {
    return `Data: ${describeStore(storeConfigFromEnv(env))} (set UNKNOT_DATA_DIR to keep it elsewhere).`;
  } catch (error) {
    return `Data: not usable as configured (${(error as Error).message}).`;
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function mainHelp(env: NodeJS.ProcessEnv): Promise<string> {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `unknot — a companion for back spasms: red-flag triage, evidence-graded advice.
It does not diagnose. If you are worried, contact a health professional.

Usage: unknot <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     Show help (also: unknot <command> --help).
  -v, --version  Show the version.

${await dataLocation(env)}`;
}

async function commandHelp(command: Command, env: NodeJS.ProcessEnv): Promise<string> {
  const help = `Usage: ${command.usage}\n\n${command.help}`;
  return command.showsDataLocation ? `${help}\n\n${await dataLocation(env)}` : help;
}

/** The options a command takes; a command whose subcommands take different ones names them by its first word. */
function optionsOf(command: Command, subcommand: string | undefined): CommandOptions {
  return typeof command.options === 'function' ? command.options(subcommand) : command.options;
}

/**
 * Runs the CLI and returns its exit status. Errors a user can fix are one line on stderr, never a stack. Everything
 * the command reads from its surroundings comes from `io`, so a test can run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const command = topic !== undefined && Object.hasOwn(commands, topic) ? commands[topic] : undefined;
      io.out(command ? await commandHelp(command, io.env) : await mainHelp(io.env));
      return name === undefined ? exitCodes.failure : exitCodes.ok;
    }
    if (name === '-v' || name === '--version') {
      io.out(version());
      return exitCodes.ok;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) throw new CliError(`Unknown command "${name}". Run "unknot --help" to see the commands.`);
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...optionsOf(command, rest[0]), help: { type: 'boolean', short: 'h', default: false } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new CliError(`${(error as Error).message}. Usage: ${command.usage}`);
    }
    if (!command.positionals && parsed.positionals.length > 0) {
      throw new CliError(
        `"${name}" takes no arguments (got "${parsed.positionals.join(' ')}"). Usage: ${command.usage}`,
      );
    }
    if (parsed.values.help) {
      io.out(await commandHelp(command, io.env));
      return exitCodes.ok;
    }
    const { localRecord } = command;
    if (typeof localRecord === 'function' ? localRecord(parsed.values) : localRecord === true) {
      // Loaded only for these commands: `learn` and `--version` stay free of the store.
      (await import('./clinic-session.ts')).refuseLocalRecordWhileSignedIn(io.env, name);
    }
    return await command.run(parsed.values, parsed.positionals, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`unknot: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
