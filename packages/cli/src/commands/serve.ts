import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io.ts';

/**
 * `unknot serve`: runs the server exactly as `npm start` does. The CLI does not import the server (nothing
 * imports it, by the dependency rule); it starts the server's entry point as a child process, with the command's
 * environment (PORT, HOST, UNKNOT_DATA_DIR, DATABASE_URL).
 */
export function serveCommand(io: CliIo): Promise<number> {
  const startScript = fileURLToPath(import.meta.resolve('@unknot/server/start'));
  // The same Node flags as this process (in the repository: the source condition).
  const child = spawn(process.execPath, [...process.execArgv, startScript], {
    stdio: 'inherit',
    env: io.env,
  });
  const onInterrupt = () => child.kill('SIGINT');
  const onTerminate = () => child.kill('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      // Run in-process (by a test or another command), the process outlives the server: leave no listeners.
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
