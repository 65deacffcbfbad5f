import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from './run-cli.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('unknot (real binary)', () => {
  it('--version prints the package version', () => {
    const run = runCli(['--version']);
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(run.status).toBe(0);
  });

  it('--help lists every command with what it does', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/triage\s+Check your back pain/);
    expect(run.stdout).toMatch(/learn\s+Search the knowledge base/);
  });

  it('rejects an unknown command with a one-line message and exit 1', () => {
    const run = runCli(['triag']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'unknot: Unknown command "triag". Run "unknot --help" to see the commands.',
    );
  });
});

describe('unknot', () => {
  it.each(['triage', 'learn'])('%s --help says what the command does and how to use it', async (command) => {
    const run = await runCliInProcess([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: unknot ${command}`);
    expect(run.stdout.split('\n').length).toBeGreaterThan(4);
  });

  it('help COMMAND is the same as COMMAND --help; without a command it shows the overview and exits 1', async () => {
    const viaHelp = await runCliInProcess(['help', 'log']);
    expect(viaHelp).toEqual(await runCliInProcess(['log', '--help']));
    const none = await runCliInProcess([]);
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/Commands:\n {2}triage/);
  });

  it('rejects an unknown option, naming it', async () => {
    const run = await runCliInProcess(['triage', '--jsn']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--jsn');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects words after a command that takes none', async () => {
    const run = await runCliInProcess(['diary', 'today']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'unknot: "diary" takes no arguments (got "today"). Usage: unknot diary [--json]',
    );
  });
});
