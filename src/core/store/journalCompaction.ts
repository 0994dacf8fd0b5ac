import type { IndexEntry } from './captureTable';
import type { LinePlace } from './journalFile';
import { decodeLine, encodeLine, isUncheckedLine, withChecksum } from './journalLineCodec';

export interface CompactedJournal {
  content: Buffer;
  /** Where each entry's add line and forward line went, in the order of the entries given. */
  places: Array<{ line: LinePlace; forward: LinePlace | undefined }>;
}

const NEWLINE = Buffer.from('\n');

/**
 * The journal rewritten with only what the kept captures need: a mark line (so ids never repeat),
 * then per capture its add line (with the status the sender really got folded in), the damage
 * recorded for it and its latest forward result. Lines keep their bytes: a checked line is copied,
 * an old unchecked one gets its checksum in front, and a line that fails its checksum is copied as
 * it is, so it is found damaged again rather than blessed with a fresh checksum.
 */
export function compactJournal(journal: Buffer, entries: readonly IndexEntry[], nextSeq: number): CompactedJournal {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (line: Uint8Array): LinePlace => {
    parts.push(line, NEWLINE);
    const place = { offset, length: line.byteLength };
    offset += line.byteLength + 1;
    return place;
  };
  push(encodeLine({ k: 'mark', next: nextSeq }));
  const places: CompactedJournal['places'] = [];
  for (const entry of entries) {
    const seq = entry.summary.seq;
    const line = push(addLine(entry, lineAt(journal, entry.lineOffset, entry.lineLength)));
    if (entry.recordDamaged && entry.answerChanged) push(encodeLine({ k: 'ans', seq, st: entry.summary.responseStatus }));
    if (entry.summary.damaged) push(encodeLine({ k: 'dmg', seq, why: entry.summary.damaged }));
    const forward = entry.forwardLine ? push(keptLine(lineAt(journal, entry.forwardLine.offset, entry.forwardLine.length))) : undefined;
    places.push({ line, forward });
  }
  return { content: Buffer.concat(parts), places };
}

function addLine(entry: IndexEntry, bytes: Buffer): Uint8Array {
  if (!entry.answerChanged || entry.recordDamaged) return keptLine(bytes);
  const { record, check } = decodeLine(bytes);
  if (check === 'mismatch' || record?.k !== 'add' || record.seq !== entry.summary.seq) return keptLine(bytes);
  return encodeLine({ ...record, st: entry.summary.responseStatus });
}

function keptLine(bytes: Buffer): Uint8Array {
  return isUncheckedLine(bytes) ? withChecksum(bytes) : bytes;
}

function lineAt(journal: Buffer, offset: number, length: number): Buffer {
  return journal.subarray(offset, offset + length);
}
