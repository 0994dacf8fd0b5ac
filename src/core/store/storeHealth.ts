/**
 * read-write: the usual. read-only: the captures there can be read, new ones cannot be saved (the
 * folder or journal is not writable). unavailable: nothing can be read or written (no folder can be
 * made there, or the journal cannot be read).
 */
export type StoreAccess = 'read-write' | 'read-only' | 'unavailable';

/** What opening a capture folder found: whether it can be written, and what was damaged. */
export interface StoreHealth {
  folder: string;
  access: StoreAccess;
  /** Why access is limited, in words (with the system's error code). */
  accessProblem?: string;
  /** What this open found damaged and what it did about it, one sentence each; empty when nothing was. */
  findings: string[];
}

/** One line for the log: the access problem and every finding, or undefined when all is well. */
export function storeHealthSummary(health: StoreHealth): string | undefined {
  const parts = [...(health.accessProblem ? [accessSentence(health)] : []), ...health.findings];
  return parts.length ? `Capture store ${health.folder}: ${parts.join(' ')}` : undefined;
}

export function accessSentence(health: StoreHealth): string {
  switch (health.access) {
    case 'read-write':
      return '';
    case 'read-only':
      return `Opened read-only, new captures cannot be saved: ${health.accessProblem ?? 'the folder is not writable.'}`;
    case 'unavailable':
      return `Cannot be opened: ${health.accessProblem ?? 'unknown error.'}`;
  }
}

/** A file-system error in words, for the folder or file it concerns. */
export function describeFileError(error: unknown, target: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `${target}: permission denied (${code}).`;
    case 'EROFS':
      return `${target} is on a read-only file system (EROFS).`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${target} is a file, not a folder (${code}).`;
    case 'EISDIR':
      return `${target} is a folder, not a file (EISDIR).`;
    case 'ENOSPC':
      return `the disk holding ${target} is full (ENOSPC).`;
    default:
      return `${target}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
