import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) a process has used, from /proc (NaN where there is none). Unlike req/s, this hardly
 * moves when other processes compete for the two cores: it prices a request, where req/s prices the machine's
 * load too.
 */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}
