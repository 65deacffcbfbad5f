import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `unknot serve`: runs the server exactly as `npm start` does. The CLI does not import the server (nothing
 * imports it, by the dependency rule); it starts the server's entry point as a child process.
 */
export function serveCommand(): Promise<number> {
  const startScript = fileURLToPath(import.meta.resolve('@unknot/server/start'));
  // The same Node flags as this process (in the repository: the source condition).
  const child = spawn(process.execPath, [...process.execArgv, startScript], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
