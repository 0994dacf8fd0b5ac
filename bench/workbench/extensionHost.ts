// The extension host as the operating system sees it: which process it is, its resident memory and
// its CPU time, read from /proc (Linux).
import * as fs from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

function parentOf(pid: number): number | undefined {
  try {
    const match = /^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function descendsFrom(pid: number, ancestor: number): boolean {
  for (let p: number | undefined = pid; p && p > 1; p = parentOf(p)) if (p === ancestor) return true;
  return false;
}

/** The extension host under the code-server process `serverPid` (bootstrap-fork --type=extensionHost). */
export async function findExtensionHost(serverPid: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const entry of fs.readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      let args: string[];
      try {
        args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        continue;
      }
      if (args.some((a) => a.endsWith('bootstrap-fork')) && args.includes('--type=extensionHost') && descendsFrom(pid, serverPid)) return pid;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No extension host process under code-server (pid ${serverPid}).`);
}

function statusMb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`No ${field} for process ${pid}.`);
  return Number(match[1]) / 1024;
}

/** VmRSS in MB. */
export function residentMb(pid: number): number {
  return statusMb(pid, 'VmRSS');
}

/** Resident memory (MB) that is anonymous (heaps, malloc) and that is file-backed (code, ICU data). */
export function residentParts(pid: number): { anonymous: number; file: number } {
  return { anonymous: statusMb(pid, 'RssAnon'), file: statusMb(pid, 'RssFile') };
}

/** User + system CPU time in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Waits until the process has used under `busyShare` of one core for `quietWindows` one-second windows
 * in a row (at most `timeoutMs`); returns how long that took.
 */
export async function waitUntilQuiet(pid: number, { busyShare = 0.05, quietWindows = 2, timeoutMs = 60_000 } = {}): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuMs(pid);
  while (quiet < quietWindows && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    quiet = now - last < busyShare * 1000 ? quiet + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

/**
 * How long the process's main thread has waited, runnable, for a CPU (ms): on a shared machine this
 * tells starvation by other processes apart from the extension host's own work.
 */
export function runQueueWaitMs(pid: number): number {
  const [, waitingNs] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return waitingNs / 1e6;
}

/** glibc gives each thread arena a heap of at most 64 MB, aligned to its size. */
const THREAD_ARENA_BYTES = 64 * 1024 * 1024;

/**
 * Where the anonymous resident memory is, by mapping (MB): malloc's main arena (`[heap]`), its
 * thread arenas (64 MB-aligned mappings of at most 64 MB) and every other anonymous mapping (the V8
 * heap's pages, large mmapped allocations, thread stacks). A heuristic, from /proc/<pid>/smaps.
 */
export function anonymousByMapping(pid: number): { mainArena: number; threadArenas: number; other: number } {
  const parts = { mainArena: 0, threadArenas: 0, other: 0 };
  let kind: keyof typeof parts | undefined;
  for (const text of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(text);
    if (header) {
      const start = parseInt(header[1], 16);
      const size = parseInt(header[2], 16) - start;
      const name = header[3];
      kind = name === '[heap]' ? 'mainArena' : name === '' ? (start % THREAD_ARENA_BYTES === 0 && size <= THREAD_ARENA_BYTES ? 'threadArenas' : 'other') : undefined;
      continue;
    }
    const anonymous = /^Anonymous:\s+(\d+) kB/.exec(text);
    if (anonymous && kind) parts[kind] += Number(anonymous[1]) / 1024;
  }
  return parts;
}
