import type { ForwardResult } from '../forward/forwardResult';

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
  bc?: number; // CRC-32 of the body as written (absent in captures stored before checksums)
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

/** The latest forward or replay of a capture; a later one for the same seq replaces it. */
export interface ForwardRecord {
  k: 'fwd';
  seq: number;
  at: number; // when the result was attached
  r: ForwardResult;
}

/** The status the sender really got, when it was decided after the capture was stored (a responder). */
export interface AnswerRecord {
  k: 'ans';
  seq: number;
  st: number;
}

/** A capture found damaged (its body missing, cut short or changed on disk), with the reason shown for it. */
export interface DamageRecord {
  k: 'dmg';
  seq: number;
  why: string;
}

export type JournalRecord = AnswerRecord | AddRecord | DeleteRecord | MarkRecord | ForwardRecord | DamageRecord;

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
      return isSeq(record.seq) && typeof record.m === 'string' && typeof record.u === 'string' && isStrings(record.h) &&
        typeof record.at === 'number' && isSeq(record.seg) && isCount(record.off) && isCount(record.len) &&
        (record.bc === undefined || isCount(record.bc))
        ? (record as unknown as AddRecord)
        : undefined;
    case 'del':
      return Array.isArray(record.seqs) && record.seqs.every(isSeq) ? (record as unknown as DeleteRecord) : undefined;
    case 'ans':
      return isSeq(record.seq) && typeof record.st === 'number' ? (record as unknown as AnswerRecord) : undefined;
    case 'mark':
      return isCount(record.next) ? (record as unknown as MarkRecord) : undefined;
    case 'fwd':
      return isSeq(record.seq) && typeof record.at === 'number' && isForwardResult(record.r) ? (record as unknown as ForwardRecord) : undefined;
    case 'dmg':
      return isSeq(record.seq) && typeof record.why === 'string' ? (record as unknown as DamageRecord) : undefined;
    default:
      return undefined;
  }
}

/** Sequence numbers and segment numbers start at 1. */
function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isForwardResult(value: unknown): value is ForwardResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (typeof r.target !== 'string' || typeof r.latencyMs !== 'number') return false;
  return r.ok === true
    ? typeof r.status === 'number' && Array.isArray(r.headers) && typeof r.bodyExcerpt === 'string' && typeof r.bodyBytes === 'number'
    : r.ok === false && typeof r.error === 'string' && typeof r.message === 'string';
}
