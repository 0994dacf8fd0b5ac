/** The lines of the capture journal (JSON, one per line). Short keys keep the journal small. */
export interface AddRecord {
  k: 'add';
  seq: number;
  at: number; // receivedAt
  m: string; // method
  u: string; // url
  v: string; // httpVersion
  h: string[]; // rawHeaders
  ra: string; // remoteAddress
  rm: number; // readMs
  tr: boolean; // truncated
  st: number; // responseStatus
  seg: number; // body segment number
  off: number; // body offset in the segment
  len: number; // body length
  ev?: string; // event name
  pv?: string; // provider
  di?: string; // provider's delivery id
  hs?: string; // verification handshake label
}

export interface DeleteRecord {
  k: 'del';
  seqs: number[];
}

/** Written by clear() and at the head of a compacted journal, so sequence numbers never repeat. */
export interface MarkRecord {
  k: 'mark';
  next: number;
}

export type JournalRecord = AddRecord | DeleteRecord | MarkRecord;

export function parseJournalLine(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  switch (record.k) {
    case 'add':
      return typeof record.seq === 'number' && typeof record.u === 'string' && Array.isArray(record.h) &&
        typeof record.seg === 'number' && typeof record.off === 'number' && typeof record.len === 'number'
        ? (record as unknown as AddRecord)
        : undefined;
    case 'del':
      return Array.isArray(record.seqs) ? (record as unknown as DeleteRecord) : undefined;
    case 'mark':
      return typeof record.next === 'number' ? (record as unknown as MarkRecord) : undefined;
    default:
      return undefined;
  }
}
