import type { CaptureSummary } from '../capture';
import type { ForwardResult } from '../forward/forwardResult';
import { summarizeForward } from '../forward/forwardResult';
import { CaptureIndex } from './captureIndex';
import type { LinePlace } from './journalFile';
import type { AddRecord } from './journalRecord';

/**
 * What the store keeps in memory for one capture: its summary and where its parts are on disk.
 * Kept small (the index holds every capture): the body's checksum is read from the add line when
 * the body is, and the rare facts below are only set on the few entries they concern.
 */
export interface IndexEntry {
  summary: CaptureSummary;
  segment: number;
  bodyOffset: number;
  /** Where the capture's add line is, to read its headers and body checksum back on demand. */
  lineOffset: number;
  lineLength: number;
  /** Where the capture's latest forward result line is, when it has one. */
  forwardLine?: LinePlace;
  /** The status the sender got differs from the add line's; compaction writes it into that line. */
  answerChanged?: boolean;
  /** The add line failed its checksum: every field, the body's place included, may be wrong. */
  recordDamaged?: boolean;
}

export function captureId(seq: number): string {
  return String(seq).padStart(10, '0');
}

/**
 * The kept captures: the index by sequence number, how many live captures each body segment holds,
 * and how many journal lines no longer describe anything. Opening a journal replays it through these
 * same methods that live writes use, so a deletion, say, has one path whether it happens now or is
 * read back from disk.
 */
export class CaptureTable {
  private readonly index = new CaptureIndex<IndexEntry>();
  private readonly liveBySegment = new Map<number, number>();
  /** Journal lines that describe no kept capture any more (deleted, evicted, superseded, unreadable). */
  deadLines = 0;

  get size(): number {
    return this.index.size;
  }

  get(seq: number): IndexEntry | undefined {
    return this.index.get(seq);
  }

  /** The entry of a capture id exactly as captureId spells it (not ' 12', not '1e1'). */
  byId(id: string): IndexEntry | undefined {
    const seq = Number(id);
    return Number.isSafeInteger(seq) && captureId(seq) === id ? this.index.get(seq) : undefined;
  }

  /** Oldest first. */
  values(): IndexEntry[] {
    return this.index.values();
  }

  oldest(count: number): IndexEntry[] {
    return this.index.oldest(count);
  }

  isSegmentInUse(segment: number): boolean {
    return this.liveBySegment.has(segment);
  }

  /** A damaged record is kept as such; opening the store marks it damaged (markDamaged) and says why. */
  add(record: AddRecord, line: LinePlace, recordDamaged = false): IndexEntry {
    const summary: CaptureSummary = {
      id: captureId(record.seq),
      seq: record.seq,
      receivedAt: record.at,
      method: record.m,
      url: record.u,
      bodySize: record.len,
      truncated: record.tr === true,
      responseStatus: typeof record.st === 'number' ? record.st : 0,
    };
    if (record.ev !== undefined) summary.event = record.ev;
    if (record.pv !== undefined) summary.provider = record.pv;
    if (record.di !== undefined) summary.deliveryId = record.di;
    if (record.hs !== undefined) summary.handshake = record.hs;
    const entry: IndexEntry = { summary, segment: record.seg, bodyOffset: record.off, lineOffset: line.offset, lineLength: line.length };
    if (recordDamaged) entry.recordDamaged = true;
    this.index.set(entry);
    this.liveBySegment.set(record.seg, (this.liveBySegment.get(record.seg) ?? 0) + 1);
    return entry;
  }

  /**
   * The one way captures leave, deleted or evicted, live or replayed: drops them (and the delete
   * record that says so counts as a dead line) and returns the segments no kept capture uses any more.
   */
  remove(entries: readonly IndexEntry[]): number[] {
    const emptied: number[] = [];
    for (const entry of entries) {
      if (this.index.get(entry.summary.seq) !== entry) continue;
      this.index.delete(entry.summary.seq);
      this.deadLines += entry.forwardLine ? 2 : 1;
      const live = (this.liveBySegment.get(entry.segment) ?? 1) - 1;
      if (live > 0) this.liveBySegment.set(entry.segment, live);
      else if (this.liveBySegment.delete(entry.segment)) emptied.push(entry.segment);
    }
    this.deadLines += 1;
    return emptied;
  }

  attachForward(entry: IndexEntry, result: ForwardResult, at: number, line: LinePlace): void {
    if (entry.forwardLine) this.deadLines += 1;
    entry.forwardLine = line;
    entry.summary = { ...entry.summary, forward: summarizeForward(result, at) };
  }

  /** The status the sender really got; the `ans` line is folded into the add line at the next compaction. */
  setAnswer(entry: IndexEntry, status: number): void {
    this.deadLines += 1;
    entry.answerChanged = true;
    entry.summary = { ...entry.summary, responseStatus: status };
  }

  markDamaged(entry: IndexEntry, why: string): void {
    this.deadLines += 1;
    entry.summary = { ...entry.summary, damaged: entry.summary.damaged && entry.summary.damaged !== why ? `${entry.summary.damaged} ${why}` : why };
  }

  clear(): void {
    this.index.clear();
    this.liveBySegment.clear();
    this.deadLines = 0;
  }
}

export const RECORD_DAMAGED = 'Its journal record fails its checksum: the method, URL, headers or the place of its body may be wrong.';
