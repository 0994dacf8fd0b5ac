import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files of a capture store folder, for tests that read or damage them the way a disk would. */
export const journalOf = (folder: string): string => path.join(folder, 'journal.jsonl');

export function bodyFiles(folder: string): string[] {
  return fs.readdirSync(folder).filter((f) => /^bodies-\d+\.bin$/.test(f)).sort();
}

/** The journal's lines without their newlines. */
export function journalLines(folder: string): string[] {
  return fs.readFileSync(journalOf(folder), 'utf8').split('\n').filter((l) => l.length > 0);
}

/** Each line's record (its checksum is the field `c`). */
export function journalRecords(folder: string): Array<Record<string, unknown>> {
  return journalLines(folder).map((line) => JSON.parse(line) as Record<string, unknown>);
}
