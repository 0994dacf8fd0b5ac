import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Capture, CaptureSummary, IncomingDelivery } from '../capture';
import { headerMap } from '../capture';
import { describeDelivery } from '../labels/deliveryDescription';
import { Emitter } from '../events';
import type { ForwardResult } from '../forward/forwardResult';
import { summarizeForward } from '../forward/forwardResult';
import { DuplicateTracker } from '../deliveries/duplicateDeliveries';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import { BodySegments } from './bodySegments';
import { CaptureIndex } from './captureIndex';
import { writeAllSync } from './writeAllSync';
import { readJournalLines } from './journalLines';
import type { AddRecord, ForwardRecord, JournalRecord } from './journalRecord';
import { parseJournalLine } from './journalRecord';

export interface CaptureStoreOptions {
  /** The folder the store owns (created if missing). */
  folder: string;
  /** How many captures to keep; the oldest are evicted beyond it. */
  retention: number;
  logger?: Logger;
  /** Body segment size before a new segment file is started. */
  segmentBytes?: number;
  /**
   * Dead journal lines (deleted or evicted captures, superseded results) tolerated before the
   * journal is rewritten; it is also rewritten once they outnumber the live captures, whichever is later.
   */
  compactAfterDeadLines?: number;
}

export interface RemovedCaptures {
  summaries: CaptureSummary[];
  reason: 'deleted' | 'evicted';
}

interface IndexEntry {
  summary: CaptureSummary;
  segment: number;
  bodyOffset: number;
  /** Where the capture's journal line is, to read its headers back on demand. */
  lineOffset: number;
  lineLength: number;
  /** Where the capture's latest forward result line is, when it has one. */
  forwardLine?: LinePlace;
  /** The status the sender got differs from the add line's; compaction writes it into that line. */
  answerChanged?: boolean;
}

interface LinePlace {
  offset: number;
  length: number;
}

/** Called once a delivery is on disk (with its summary) or could not be written (with the error). */
export type AppendCallback = (error: Error | undefined, summary: CaptureSummary | undefined) => void;

interface PendingAppend {
  seq: number;
  delivery: IncomingDelivery;
  done: AppendCallback;
}

const JOURNAL = 'journal.jsonl';
const NEWLINE = Buffer.from('\n');
const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
/** At the default retention of 1,000 a rewrite every 8,192 evictions keeps the journal under ~5 MB. */
const DEFAULT_COMPACT_AFTER_DEAD_LINES = 8192;

export function captureId(seq: number): string {
  return String(seq).padStart(10, '0');
}

/**
 * Captured deliveries on disk: an append-only journal of metadata and headers plus bodies in
 * segment files. Memory holds only the index; bodies and headers are read on demand. Appends are
 * group-committed: every append made in one turn of the event loop goes out in one write at its end
 * (or, while a compaction or clear is under way, right after it).
 */
export class CaptureStore {
  private readonly _onDidAdd = new Emitter<CaptureSummary>();
  readonly onDidAdd = this._onDidAdd.event;
  private readonly _onDidRemove = new Emitter<RemovedCaptures>();
  readonly onDidRemove = this._onDidRemove.event;
  private readonly _onDidClear = new Emitter<void>();
  readonly onDidClear = this._onDidClear.event;
  /** A capture's summary changed (a forward result was attached); carries the new summary. */
  private readonly _onDidUpdate = new Emitter<CaptureSummary>();
  readonly onDidUpdate = this._onDidUpdate.event;

  private readonly index = new CaptureIndex<IndexEntry>();
  private readonly liveBySegment = new Map<number, number>();
  private readonly duplicates = new DuplicateTracker();
  private pending: PendingAppend[] = [];
  /** Serialises the work that spans several turns (compaction, clear) with every other write. */
  private writeChain: Promise<void> = Promise.resolve();
  /** How many operations are queued or running on the write chain. */
  private chainDepth = 0;
  private flushScheduled = false;
  private journal: number | undefined;
  private journalSize = 0;
  private deadLines = 0;
  private nextSeq = 1;
  private closed = false;

  private constructor(
    readonly folder: string,
    private retention: number,
    private readonly logger: Logger,
    private readonly segments: BodySegments,
    private readonly compactAfterDeadLines: number,
  ) {}

  static async open(options: CaptureStoreOptions): Promise<CaptureStore> {
    await fsp.mkdir(options.folder, { recursive: true });
    const segments = await BodySegments.open(options.folder, options.segmentBytes ?? DEFAULT_SEGMENT_BYTES);
    const compactAfter = options.compactAfterDeadLines ?? DEFAULT_COMPACT_AFTER_DEAD_LINES;
    const store = new CaptureStore(options.folder, Math.max(1, options.retention), options.logger ?? silentLogger, segments, compactAfter);
    await store.load();
    return store;
  }

  get size(): number {
    return this.index.size;
  }

  /** Oldest first. */
  list(): CaptureSummary[] {
    return this.index.values().map((e) => e.summary);
  }

  get(id: string): CaptureSummary | undefined {
    return this.entry(id)?.summary;
  }

  /** The id of the earliest kept capture with the same provider delivery id, when this one repeats it. */
  duplicateOf(id: string): string | undefined {
    return this.duplicates.duplicateOf(id);
  }

  /** Persists a delivery; resolves once it is written to disk. */
  append(delivery: IncomingDelivery): Promise<CaptureSummary> {
    return new Promise((resolve, reject) => this.appendThen(delivery, (error, summary) => (error ? reject(error) : resolve(summary!))));
  }

  /** append() for the request path, which calls back instead of settling a promise per delivery. */
  appendThen(delivery: IncomingDelivery, done: AppendCallback): void {
    if (this.closed) {
      queueMicrotask(() => done(new Error('The capture store is closed.'), undefined));
      return;
    }
    this.pending.push({ seq: this.nextSeq++, delivery, done });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Wait for the rest of this I/O phase, so every request that completed in it shares one write.
      setImmediate(this.flushSoon);
    }
  }

  private readonly flushSoon = (): void => {
    if (this.chainDepth === 0) this.flushPending();
    else void this.enqueue(async () => this.flushPending());
  };

  async read(id: string): Promise<Capture | undefined> {
    const entry = this.entry(id);
    if (!entry) return undefined;
    const [line, body] = await Promise.all([this.readLine(place(entry)), this.segments.read(entry.segment, entry.bodyOffset, entry.summary.bodySize)]);
    let record = parseJournalLine(line);
    // A compaction may have moved the line between the lookup and the read: look it up once more.
    if (record?.k !== 'add' || record.seq !== entry.summary.seq) {
      await this.writeChain;
      const moved = this.entry(id);
      record = moved && parseJournalLine(await this.readLine(place(moved)));
    }
    if (!record || record.k !== 'add') throw new Error(`The journal entry of capture ${id} cannot be read.`);
    return {
      ...entry.summary,
      httpVersion: record.v,
      rawHeaders: record.h,
      headers: headerMap(record.h),
      remoteAddress: record.ra,
      readMs: record.rm,
      body,
    };
  }

  async readBody(id: string): Promise<Uint8Array | undefined> {
    const entry = this.entry(id);
    return entry && this.segments.read(entry.segment, entry.bodyOffset, entry.summary.bodySize);
  }

  /**
   * Records the outcome of forwarding or replaying a capture; the latest one replaces earlier ones.
   * Resolves once it is on disk. A capture deleted or evicted in the meantime is left alone.
   */
  /** Records the status the sender really got, when it was decided after the append (a responder). */
  async recordAnswer(id: string, status: number): Promise<void> {
    await this.enqueue(async () => {
      const entry = this.entry(id);
      if (!entry || entry.summary.responseStatus === status) return;
      this.writeJournal([{ k: 'ans', seq: entry.summary.seq, st: status }]);
      this.deadLines += 1; // folded into the add line at the next compaction
      entry.answerChanged = true;
      entry.summary = { ...entry.summary, responseStatus: status };
      this._onDidUpdate.fire(entry.summary);
    });
  }

  async attachForwardResult(id: string, result: ForwardResult): Promise<void> {
    await this.enqueue(async () => {
      const entry = this.entry(id);
      if (!entry) return;
      const at = Date.now();
      const [line] = this.writeJournal([{ k: 'fwd', seq: entry.summary.seq, at, r: result }]);
      if (entry.forwardLine) this.deadLines += 1;
      entry.forwardLine = line;
      entry.summary = { ...entry.summary, forward: summarizeForward(result, at) };
      this._onDidUpdate.fire(entry.summary);
      await this.compactIfWorthIt();
    });
  }

  /** The full latest forward result of a capture (headers, body excerpt), read from disk. */
  async readForwardResult(id: string): Promise<ForwardResult | undefined> {
    const read = async (): Promise<ForwardRecord | undefined> => {
      const entry = this.entry(id);
      if (!entry?.forwardLine) return undefined;
      const record = parseJournalLine(await this.readLine(entry.forwardLine));
      return record?.k === 'fwd' && record.seq === entry.summary.seq ? record : undefined;
    };
    let record = await read();
    if (!record && this.entry(id)?.forwardLine) {
      // A compaction or a newer result may have moved the line under us: look once more after the writes.
      await this.writeChain;
      record = await read();
    }
    return record?.r;
  }

  async delete(ids: readonly string[]): Promise<void> {
    await this.enqueue(async () => {
      const removed = ids.map((id) => this.entry(id)).filter((e): e is IndexEntry => e !== undefined);
      if (!removed.length) return;
      this.writeJournal([{ k: 'del', seqs: removed.map((e) => e.summary.seq) }]);
      this.forget(removed);
      this._onDidRemove.fire({ summaries: removed.map((e) => e.summary), reason: 'deleted' });
      await this.compactIfWorthIt();
    });
  }

  async clear(): Promise<void> {
    await this.enqueue(async () => {
      await this.rewriteJournal([]);
      for (const segment of await this.segments.list()) this.segments.delete(segment);
      this.index.clear();
      this.liveBySegment.clear();
      this.duplicates.clear();
      this._onDidClear.fire();
    });
  }

  async setRetention(retention: number): Promise<void> {
    this.retention = Math.max(1, retention);
    await this.enqueue(async () => {
      this.evictOverRetention();
      await this.compactIfWorthIt();
    });
  }

  /** Waits for every write under way, writes the appends still waiting, then closes the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeChain;
    this.flushPending();
    this.closeJournal();
    this.segments.close();
    this._onDidAdd.dispose();
    this._onDidRemove.dispose();
    this._onDidClear.dispose();
    this._onDidUpdate.dispose();
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chainDepth += 1;
    const run = this.writeChain.then(work).finally(() => {
      this.chainDepth -= 1;
    });
    this.writeChain = run.catch((error) => this.logger.error(error instanceof Error ? error : String(error)));
    return run;
  }

  /**
   * Writes every waiting append in one go, bodies first, then their journal lines. Synchronous on
   * purpose: nobody is answered before both are on disk, and a blocking append to the page cache is
   * far cheaper than the thread-pool round trips of asynchronous writes.
   */
  private flushPending(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return;
    let summaries: CaptureSummary[];
    let victims: IndexEntry[];
    try {
      const places = this.segments.append(batch.map((p) => p.delivery.body));
      const records: JournalRecord[] = batch.map((p, i) => toAddRecord(p, places[i].segment, places[i].offset));
      // Eviction goes out in the same write as the adds, so the store never holds more than retention.
      victims = this.index.oldest(this.index.size + batch.length - this.retention);
      if (victims.length) records.push({ k: 'del', seqs: victims.map((e) => e.summary.seq) });
      // A line whose body did not make it is recovered as truncated on load.
      const lines = this.writeJournal(records);
      summaries = batch.map((_, i) => this.remember(records[i] as AddRecord, lines[i]));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`Could not write ${batch.length} capture(s) to ${this.folder}: ${failure.message}`);
      for (const p of batch) this.settle(p, failure, undefined);
      return;
    }
    this.forgetSafely(victims);
    for (let i = 0; i < batch.length; i++) this.settle(batch[i], undefined, summaries[i]);
    for (const summary of summaries) this._onDidAdd.fire(summary);
    if (victims.length) this._onDidRemove.fire({ summaries: victims.map((e) => e.summary), reason: 'evicted' });
    // The victims above keep the store at its retention; only the journal may want rewriting.
    if (this.compactionDue()) void this.enqueue(() => this.compactIfWorthIt());
  }

  /** One caller's failure must not keep the rest of the batch from hearing back. */
  private settle(p: PendingAppend, error: Error | undefined, summary: CaptureSummary | undefined): void {
    try {
      p.done(error, summary);
    } catch (failure) {
      this.logger.error(`A capture callback failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }

  /** forget(), logging instead of throwing: the captures are on disk, only a segment file may linger. */
  private forgetSafely(entries: IndexEntry[]): void {
    try {
      this.forget(entries);
    } catch (error) {
      this.logger.error(`Could not delete an evicted body segment in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private entry(id: string): IndexEntry | undefined {
    const seq = Number(id);
    // Only an id exactly as captureId spells it names a capture (not ' 12', not '1e1').
    return Number.isSafeInteger(seq) && captureId(seq) === id ? this.index.get(seq) : undefined;
  }

  private evictOverRetention(): void {
    const evicted = this.index.oldest(this.index.size - this.retention);
    if (!evicted.length) return;
    this.writeJournal([{ k: 'del', seqs: evicted.map((e) => e.summary.seq) }]);
    this.forget(evicted);
    this._onDidRemove.fire({ summaries: evicted.map((e) => e.summary), reason: 'evicted' });
  }

  /** Drops entries from the index and deletes body segments nothing points into any more. */
  private forget(entries: IndexEntry[]): void {
    if (!entries.length) return;
    for (const entry of entries) {
      this.index.delete(entry.summary.seq);
      this.duplicates.forget(entry.summary.id);
      const live = (this.liveBySegment.get(entry.segment) ?? 1) - 1;
      this.liveBySegment.set(entry.segment, live);
      this.deadLines += entry.forwardLine ? 2 : 1;
    }
    this.deadLines += 1; // the delete record itself
    for (const [segment, live] of this.liveBySegment) {
      if (live <= 0) {
        this.liveBySegment.delete(segment);
        this.segments.delete(segment);
      }
    }
  }

  private compactionDue(): boolean {
    return this.deadLines >= this.compactAfterDeadLines && this.deadLines >= this.index.size;
  }

  private async compactIfWorthIt(): Promise<void> {
    if (!this.compactionDue()) return;
    // One read of the whole journal: it is at most about twice its live part, and reading line by
    // line would cost a system call or three per capture.
    const journal = await fsp.readFile(path.join(this.folder, JOURNAL));
    const entries = this.index.values();
    const lines: Uint8Array[] = [];
    for (const entry of entries) {
      lines.push(withAnswer(entry, journal.subarray(entry.lineOffset, entry.lineOffset + entry.lineLength)));
      if (entry.forwardLine) lines.push(journal.subarray(entry.forwardLine.offset, entry.forwardLine.offset + entry.forwardLine.length));
    }
    await this.rewriteJournal(lines);
    let offset = Buffer.byteLength(markLine(this.nextSeq)) + 1;
    for (const entry of entries) {
      entry.lineOffset = offset;
      offset += entry.lineLength + 1;
      if (entry.forwardLine) {
        entry.forwardLine = { offset, length: entry.forwardLine.length };
        offset += entry.forwardLine.length + 1;
      }
    }
    this.logger.debug(`Compacted the capture journal to ${entries.length} capture(s).`);
  }

  /** Replaces the journal atomically with a mark line followed by the given (add and fwd) lines. */
  private async rewriteJournal(liveLines: readonly Uint8Array[]): Promise<void> {
    const file = path.join(this.folder, JOURNAL);
    const temporary = `${file}.tmp`;
    const parts: Uint8Array[] = [Buffer.from(markLine(this.nextSeq) + '\n')];
    for (const line of liveLines) parts.push(line, NEWLINE);
    const content = Buffer.concat(parts);
    await fsp.writeFile(temporary, content);
    this.closeJournal();
    await fsp.rename(temporary, file);
    this.journalSize = content.length;
    this.deadLines = 0;
  }

  private closeJournal(): void {
    if (this.journal === undefined) return;
    fs.closeSync(this.journal);
    this.journal = undefined;
  }

  private writeJournal(records: JournalRecord[]): Array<{ offset: number; length: number }> {
    this.journal ??= fs.openSync(path.join(this.folder, JOURNAL), 'a');
    const places: Array<{ offset: number; length: number }> = [];
    let text = '';
    let offset = this.journalSize;
    for (const record of records) {
      const line = JSON.stringify(record);
      const length = Buffer.byteLength(line);
      places.push({ offset, length });
      offset += length + 1;
      text += line + '\n';
    }
    try {
      writeAllSync(this.journal, [Buffer.from(text)]);
    } catch (error) {
      this.dropPartialJournalWrite();
      throw error;
    }
    this.journalSize = offset;
    return places;
  }

  /**
   * After a failed write (a full disk): cuts off whatever part of it landed, so the next line does
   * not start mid-line, and lets the next write open the file afresh.
   */
  private dropPartialJournalWrite(): void {
    try {
      if (this.journal !== undefined) fs.ftruncateSync(this.journal, this.journalSize);
    } catch {
      // Nothing more to do: a cut-short line is skipped with a warning when the journal is loaded.
    }
    try {
      this.closeJournal();
    } catch {
      this.journal = undefined;
    }
  }

  private remember(record: AddRecord, line: { offset: number; length: number }): CaptureSummary {
    const summary: CaptureSummary = {
      id: captureId(record.seq),
      seq: record.seq,
      receivedAt: record.at,
      method: record.m,
      url: record.u,
      bodySize: record.len,
      truncated: record.tr,
      responseStatus: record.st,
    };
    if (record.ev !== undefined) summary.event = record.ev;
    if (record.pv !== undefined) summary.provider = record.pv;
    if (record.di !== undefined) summary.deliveryId = record.di;
    if (record.hs !== undefined) summary.handshake = record.hs;
    this.duplicates.observe(summary);
    this.index.set({ summary, segment: record.seg, bodyOffset: record.off, lineOffset: line.offset, lineLength: line.length });
    this.liveBySegment.set(record.seg, (this.liveBySegment.get(record.seg) ?? 0) + 1);
    return summary;
  }

  private async readLine(line: LinePlace): Promise<string> {
    const handle = await fsp.open(path.join(this.folder, JOURNAL), 'r');
    try {
      const buffer = Buffer.alloc(line.length);
      await handle.read(buffer, 0, line.length, line.offset);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  }

  private async load(): Promise<void> {
    const file = path.join(this.folder, JOURNAL);
    let goodEnd = 0;
    let badLines = 0;
    let totalLines = 0;
    for await (const line of readJournalLines(file)) {
      const record = line.complete ? parseJournalLine(line.text) : undefined;
      if (!record) {
        badLines += 1;
        continue;
      }
      if (badLines) {
        this.logger.warn(`Skipped ${badLines} unreadable line(s) in ${file} before byte ${line.offset}.`);
        badLines = 0;
      }
      totalLines += 1;
      goodEnd = line.offset + line.length + 1;
      this.apply(record, line);
    }
    if (badLines) {
      // A cut-short or garbled tail: drop it so the next append starts on a clean line.
      this.logger.warn(`Recovered the capture journal: dropped ${badLines} unreadable line(s) at its end (after byte ${goodEnd}).`);
      await fsp.truncate(file, goodEnd);
    }
    this.journalSize = goodEnd;
    let liveForwardLines = 0;
    for (const entry of this.index.values()) if (entry.forwardLine) liveForwardLines += 1;
    this.deadLines = totalLines - this.index.size - liveForwardLines;
    await this.dropMissingBodies();
    for (const segment of await this.segments.list()) {
      if (!this.liveBySegment.has(segment) && segment !== this.segments.currentSegment) this.segments.delete(segment);
    }
    this.evictOverRetention();
    await this.compactIfWorthIt();
  }

  private apply(record: JournalRecord, line: { offset: number; length: number }): void {
    switch (record.k) {
      case 'add':
        this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
        this.remember(record, line);
        break;
      case 'del':
        for (const seq of record.seqs) {
          const entry = this.index.get(seq);
          if (!entry) continue;
          this.index.delete(entry.summary.seq);
          this.duplicates.forget(entry.summary.id);
          this.liveBySegment.set(entry.segment, (this.liveBySegment.get(entry.segment) ?? 1) - 1);
        }
        for (const [segment, live] of this.liveBySegment) if (live <= 0) this.liveBySegment.delete(segment);
        break;
      case 'mark':
        this.nextSeq = Math.max(this.nextSeq, record.next);
        break;
      case 'ans': {
        const entry = this.index.get(record.seq);
        if (!entry) break;
        entry.summary.responseStatus = record.st;
        entry.answerChanged = true;
        break;
      }
      case 'fwd': {
        const entry = this.index.get(record.seq);
        if (!entry) break;
        entry.forwardLine = { offset: line.offset, length: line.length };
        entry.summary.forward = summarizeForward(record.r, record.at);
        break;
      }
    }
  }

  /** A capture whose body bytes never reached disk keeps what is there and is marked truncated. */
  private async dropMissingBodies(): Promise<void> {
    const sizes = new Map<number, number>();
    for (const entry of this.index.values()) {
      if (!sizes.has(entry.segment)) sizes.set(entry.segment, await this.segments.sizeOf(entry.segment));
      const available = Math.max(0, (sizes.get(entry.segment) ?? 0) - entry.bodyOffset);
      if (available < entry.summary.bodySize) {
        this.logger.warn(`Capture ${entry.summary.id} lost ${entry.summary.bodySize - available} body byte(s) on disk; keeping the rest.`);
        entry.summary.bodySize = available;
        entry.summary.truncated = true;
      }
    }
  }
}

function place(entry: IndexEntry): LinePlace {
  return { offset: entry.lineOffset, length: entry.lineLength };
}

/** The add line with the status the sender really got, when a later `ans` record changed it. */
function withAnswer(entry: IndexEntry, addLine: Uint8Array): Uint8Array {
  if (!entry.answerChanged) return addLine;
  const record = parseJournalLine(Buffer.from(addLine.buffer, addLine.byteOffset, addLine.byteLength).toString('utf8'));
  if (record?.k !== 'add') return addLine;
  const line = Buffer.from(JSON.stringify({ ...record, st: entry.summary.responseStatus }));
  entry.lineLength = line.length;
  entry.answerChanged = false;
  return line;
}

function markLine(next: number): string {
  return JSON.stringify({ k: 'mark', next });
}

function toAddRecord(p: PendingAppend, segment: number, offset: number): AddRecord {
  const d = p.delivery;
  const record: AddRecord = {
    k: 'add', seq: p.seq, at: d.receivedAt, m: d.method, u: d.url, v: d.httpVersion, h: d.rawHeaders,
    ra: d.remoteAddress, rm: d.readMs, tr: d.truncated, st: d.responseStatus, seg: segment, off: offset, len: d.body.byteLength,
  };
  const description = describeDelivery(d);
  if (description.event !== undefined) record.ev = description.event;
  if (description.provider !== undefined) record.pv = description.provider;
  if (description.deliveryId !== undefined) record.di = description.deliveryId;
  if (d.handshake !== undefined) record.hs = d.handshake;
  return record;
}
