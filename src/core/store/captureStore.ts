import type { Capture, CaptureSummary, IncomingDelivery } from '../capture';
import { headerMap } from '../capture';
import { Emitter } from '../events';
import type { ForwardResult } from '../forward/forwardResult';
import { CapturedDuplicates } from '../deliveries/capturedDuplicates';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { IndexEntry } from './captureTable';
import { crc32 } from './checksum';
import { compactJournal } from './journalCompaction';
import type { LinePlace } from './journalFile';
import { decodeLine } from './journalLineCodec';
import type { AddRecord, JournalRecord } from './journalRecord';
import type { StoreHealth } from './storeHealth';
import { storeHealthSummary } from './storeHealth';
import type { OpenedFolder } from './storeRecovery';
import { openCaptureFolder } from './storeRecovery';

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

/** Called once a delivery is on disk (with its summary) or could not be written (with the error). */
export type AppendCallback = (error: Error | undefined, summary: CaptureSummary | undefined) => void;

interface PendingAppend {
  delivery: IncomingDelivery;
  done: AppendCallback;
}

const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
/** At the default retention of 1,000 a rewrite every 8,192 evictions keeps the journal under ~5 MB. */
const DEFAULT_COMPACT_AFTER_DEAD_LINES = 8192;
const BODY_CHANGED = 'Its body fails its checksum: the bytes on disk changed after it was captured.';
const RECORD_CHANGED = 'Its journal record changed on disk after the store was opened: what is shown of it may be wrong.';

/**
 * Captured deliveries on disk: an append-only journal of checksummed metadata and header lines plus
 * bodies in segment files. It keeps what it is given (labels included) and reads it back, saying
 * when something on disk is damaged. Memory holds only the index; bodies and headers are read on
 * demand. Appends are group-committed: every append made in one turn of the event loop goes out in
 * one write at its end (or, while a compaction or clear is under way, right after it).
 *
 * Opening never fails for a folder it cannot use: `health` says whether it could be written, read
 * or neither, and what was found damaged.
 */
export class CaptureStore {
  private readonly _onDidAdd = new Emitter<CaptureSummary>();
  readonly onDidAdd = this._onDidAdd.event;
  private readonly _onDidRemove = new Emitter<RemovedCaptures>();
  readonly onDidRemove = this._onDidRemove.event;
  /** Every capture is gone, or the store moved to another folder: read list() again. */
  private readonly _onDidClear = new Emitter<void>();
  readonly onDidClear = this._onDidClear.event;
  /** A capture's summary changed (a forward result, the answer sent, damage found); carries the new summary. */
  private readonly _onDidUpdate = new Emitter<CaptureSummary>();
  readonly onDidUpdate = this._onDidUpdate.event;
  /** The store moved to another folder (useFolder), with that folder's health. */
  private readonly _onDidChangeHealth = new Emitter<StoreHealth>();
  readonly onDidChangeHealth = this._onDidChangeHealth.event;

  private readonly duplicates: CapturedDuplicates;
  private pending: PendingAppend[] = [];
  /** Serialises the work that spans several turns (compaction, clear) with every other write. */
  private writeChain: Promise<void> = Promise.resolve();
  /** How many operations are queued or running on the write chain. */
  private chainDepth = 0;
  private flushScheduled = false;
  private closed = false;
  private damageFoundOnRead = false;

  private constructor(
    private opened: OpenedFolder,
    private retention: number,
    private readonly logger: Logger,
    private readonly segmentBytes: number,
    private readonly compactAfterDeadLines: number,
  ) {
    this.duplicates = new CapturedDuplicates(this);
  }

  static async open(options: CaptureStoreOptions): Promise<CaptureStore> {
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    const opened = await openCaptureFolder(options.folder, segmentBytes);
    const compactAfter = options.compactAfterDeadLines ?? DEFAULT_COMPACT_AFTER_DEAD_LINES;
    const store = new CaptureStore(opened, Math.max(1, options.retention), options.logger ?? silentLogger, segmentBytes, compactAfter);
    await store.settleOpened();
    return store;
  }

  get folder(): string {
    return this.opened.folder;
  }

  /** Whether new captures can be saved, and what opening the folder found damaged. */
  get health(): StoreHealth {
    return this.opened.health;
  }

  get size(): number {
    return this.opened.table.size;
  }

  /** Oldest first. */
  list(): CaptureSummary[] {
    return this.opened.table.values().map((e) => e.summary);
  }

  get(id: string): CaptureSummary | undefined {
    return this.opened.table.byId(id)?.summary;
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
    const refusal = this.closed ? new Error('The capture store is closed.') : this.writeRefusal();
    if (refusal) {
      queueMicrotask(() => done(refusal, undefined));
      return;
    }
    this.pending.push({ delivery, done });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Wait for the rest of this I/O phase, so every request that completed in it shares one write.
      setImmediate(this.flushSoon);
    }
  }

  private readonly flushSoon = (): void => {
    if (this.chainDepth === 0) this.flushPending();
    else this.inBackground(async () => this.flushPending());
  };

  /** The capture with its headers and body read back; `damaged` says why when they may be wrong. */
  async read(id: string): Promise<Capture | undefined> {
    let entry = this.opened.table.byId(id);
    if (!entry) return undefined;
    const { journal, segments } = this.opened;
    const [line, body] = await Promise.all([journal.readLine(placeOf(entry)), segments.read(entry.segment, entry.bodyOffset, entry.summary.bodySize)]);
    let decoded = decodeLine(line);
    if (decoded.record?.k !== 'add' || decoded.record.seq !== entry.summary.seq) {
      // A compaction may have moved the line between the lookup and the read: look it up once more.
      await this.writeChain;
      entry = this.opened.table.byId(id);
      if (!entry) return undefined;
      decoded = decodeLine(await this.opened.journal.readLine(placeOf(entry)));
    }
    const record = decoded.record?.k === 'add' && decoded.record.seq === entry.summary.seq ? decoded.record : undefined;
    if (!record || (decoded.check === 'mismatch' && !entry.recordDamaged)) this.noteDamage(entry, RECORD_CHANGED);
    this.checkBody(entry, body, record?.bc);
    return {
      ...entry.summary,
      httpVersion: record?.v ?? '',
      rawHeaders: record?.h ?? [],
      headers: headerMap(record?.h ?? []),
      remoteAddress: record?.ra ?? '',
      readMs: record?.rm ?? 0,
      body,
    };
  }

  async readBody(id: string): Promise<Uint8Array | undefined> {
    const entry = this.opened.table.byId(id);
    if (!entry) return undefined;
    const { journal, segments } = this.opened;
    // The add line holds the body's checksum (a compaction moving it meanwhile only skips the check).
    const [line, body] = await Promise.all([journal.readLine(placeOf(entry)), segments.read(entry.segment, entry.bodyOffset, entry.summary.bodySize)]);
    const { record } = decodeLine(line);
    this.checkBody(entry, body, record?.k === 'add' && record.seq === entry.summary.seq ? record.bc : undefined);
    return body;
  }

  /** Records the status the sender really got, when it was decided after the append (a responder). */
  async recordAnswer(id: string, status: number): Promise<void> {
    this.refuseWrites();
    await this.enqueue(async () => {
      const entry = this.opened.table.byId(id);
      if (!entry || entry.summary.responseStatus === status) return;
      this.opened.journal.append([{ k: 'ans', seq: entry.summary.seq, st: status }]);
      this.opened.table.setAnswer(entry, status);
      this._onDidUpdate.fire(entry.summary);
    });
  }

  /**
   * Records the outcome of forwarding or replaying a capture; the latest one replaces earlier ones.
   * Resolves once it is on disk. A capture deleted or evicted in the meantime is left alone.
   */
  async attachForwardResult(id: string, result: ForwardResult): Promise<void> {
    this.refuseWrites();
    await this.enqueue(async () => {
      const entry = this.opened.table.byId(id);
      if (!entry) return;
      const at = Date.now();
      const [line] = this.opened.journal.append([{ k: 'fwd', seq: entry.summary.seq, at, r: result }]);
      this.opened.table.attachForward(entry, result, at, line);
      this._onDidUpdate.fire(entry.summary);
      await this.compactIfWorthIt();
    });
  }

  /** The full latest forward result of a capture (headers, body excerpt), read from disk. */
  async readForwardResult(id: string): Promise<ForwardResult | undefined> {
    const read = async (): Promise<ForwardResult | undefined> => {
      const entry = this.opened.table.byId(id);
      if (!entry?.forwardLine) return undefined;
      const { record, check } = decodeLine(await this.opened.journal.readLine(entry.forwardLine));
      return record?.k === 'fwd' && record.seq === entry.summary.seq && check !== 'mismatch' ? record.r : undefined;
    };
    const result = await read();
    if (result || !this.opened.table.byId(id)?.forwardLine) return result;
    // A compaction or a newer result may have moved the line under us: look once more after the writes.
    await this.writeChain;
    return read();
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.refuseWrites();
    await this.enqueue(async () => {
      const removed = ids.map((id) => this.opened.table.byId(id)).filter((e): e is IndexEntry => e !== undefined);
      if (!removed.length) return;
      this.opened.journal.append([{ k: 'del', seqs: removed.map((e) => e.summary.seq) }]);
      this.remove(removed, 'deleted');
      await this.compactIfWorthIt();
    });
  }

  async clear(): Promise<void> {
    this.refuseWrites();
    await this.enqueue(async () => {
      const { journal, segments, table } = this.opened;
      await journal.replace(compactJournal(Buffer.alloc(0), [], this.opened.nextSeq).content);
      for (const segment of await segments.list()) segments.delete(segment);
      table.clear();
      this._onDidClear.fire();
    });
  }

  async setRetention(retention: number): Promise<void> {
    this.retention = Math.max(1, retention);
    if (this.writeRefusal()) return;
    await this.enqueue(async () => {
      this.evictOverRetention();
      await this.compactIfWorthIt();
    });
  }

  /**
   * Moves the store to another folder (a fresh one, when this one cannot be used): the captures
   * listed become that folder's, `onDidClear` and `onDidChangeHealth` fire. Appends waiting to be
   * written go to the old folder if it takes them.
   */
  async useFolder(folder: string): Promise<void> {
    if (this.closed) throw new Error('The capture store is closed.');
    await this.enqueue(async () => {
      this.flushPending();
      const opened = await openCaptureFolder(folder, this.segmentBytes);
      closeFiles(this.opened);
      this.opened = opened;
      this.damageFoundOnRead = false;
      await this.settleOpened();
      this._onDidClear.fire();
      this._onDidChangeHealth.fire(opened.health);
    });
  }

  /** Waits for every write under way, writes the appends still waiting, then closes the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeChain;
    this.flushPending();
    closeFiles(this.opened);
    this.duplicates.dispose();
    this._onDidAdd.dispose();
    this._onDidRemove.dispose();
    this._onDidClear.dispose();
    this._onDidUpdate.dispose();
    this._onDidChangeHealth.dispose();
  }

  /** Says once what opening found, then applies the retention and rewrites the journal if it should be. */
  private async settleOpened(): Promise<void> {
    const { health, uncheckedLines, rewriteJournal } = this.opened;
    const summary = storeHealthSummary(health);
    if (summary) this.logger.warn(summary);
    if (health.access !== 'read-write') return;
    try {
      this.evictOverRetention();
      if (rewriteJournal) {
        await this.compact();
        if (uncheckedLines) this.logger.info(`Gave checksums to ${uncheckedLines} journal line(s) written by an earlier version; their bodies stay unchecked.`);
      } else {
        await this.compactIfWorthIt();
      }
    } catch (error) {
      // The captures are readable as they are; the journal is rewritten another time.
      this.logger.error(`Could not tidy the capture journal in ${health.folder}: ${messageOf(error)}`);
    }
  }

  private writeRefusal(): Error | undefined {
    const health = this.opened.health;
    return health.access === 'read-write' ? undefined : new Error(`Captures cannot be saved: ${health.accessProblem ?? 'the store is not writable.'}`);
  }

  private refuseWrites(): void {
    const refusal = this.writeRefusal();
    if (refusal) throw refusal;
  }

  /** Queued work nobody awaits: its failure is logged by the chain, not left unhandled. */
  private inBackground(work: () => Promise<void>): void {
    this.enqueue(work).catch(() => undefined);
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
    const opened = this.opened;
    let summaries: CaptureSummary[];
    let victims: IndexEntry[];
    try {
      const refusal = this.writeRefusal();
      if (refusal) throw refusal;
      const places = opened.segments.append(batch.map((p) => p.delivery.body));
      const firstSeq = opened.nextSeq;
      const records: JournalRecord[] = batch.map((p, i) => addRecord(firstSeq + i, p.delivery, places[i].segment, places[i].offset));
      // Eviction goes out in the same write as the adds, so the store never holds more than retention.
      victims = opened.table.oldest(opened.table.size + batch.length - this.retention);
      if (victims.length) records.push({ k: 'del', seqs: victims.map((e) => e.summary.seq) });
      opened.ids.reserveThrough(firstSeq + batch.length - 1);
      // A line whose body did not make it is found cut short on load.
      const lines = opened.journal.append(records);
      opened.nextSeq = firstSeq + batch.length;
      summaries = batch.map((_, i) => opened.table.add(records[i] as AddRecord, lines[i]).summary);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`Could not write ${batch.length} capture(s) to ${opened.folder}: ${failure.message}`);
      for (const p of batch) this.settle(p, failure, undefined);
      return;
    }
    const removed = this.drop(victims);
    for (let i = 0; i < batch.length; i++) this.settle(batch[i], undefined, summaries[i]);
    for (const summary of summaries) this._onDidAdd.fire(summary);
    if (removed.length) this._onDidRemove.fire({ summaries: removed, reason: 'evicted' });
    // The victims above keep the store at its retention; only the journal may want rewriting.
    if (this.compactionDue()) this.inBackground(() => this.compactIfWorthIt());
  }

  /** One caller's failure must not keep the rest of the batch from hearing back. */
  private settle(p: PendingAppend, error: Error | undefined, summary: CaptureSummary | undefined): void {
    try {
      p.done(error, summary);
    } catch (failure) {
      this.logger.error(`A capture callback failed: ${messageOf(failure)}`);
    }
  }

  private evictOverRetention(): void {
    const evicted = this.opened.table.oldest(this.opened.table.size - this.retention);
    if (!evicted.length) return;
    this.opened.journal.append([{ k: 'del', seqs: evicted.map((e) => e.summary.seq) }]);
    this.remove(evicted, 'evicted');
  }

  /** The one way captures leave (their delete record already written): drop them, then say so. */
  private remove(entries: IndexEntry[], reason: RemovedCaptures['reason']): void {
    const summaries = this.drop(entries);
    if (summaries.length) this._onDidRemove.fire({ summaries, reason });
  }

  /**
   * Drops entries from the table and deletes the body segments nothing points into any more;
   * logging instead of throwing there, since the deletion is already on disk and only a file lingers.
   */
  private drop(entries: IndexEntry[]): CaptureSummary[] {
    if (!entries.length) return [];
    const { table, segments } = this.opened;
    for (const segment of table.remove(entries)) {
      try {
        segments.delete(segment);
      } catch (error) {
        this.logger.error(`Could not delete body segment ${segment} in ${this.opened.folder}: ${messageOf(error)}`);
      }
    }
    return entries.map((e) => e.summary);
  }

  /** Marks a capture damaged (found while reading it), tells listeners, and writes it down. */
  private noteDamage(entry: IndexEntry, why: string): void {
    if (entry.summary.damaged?.includes(why)) return;
    const opened = this.opened;
    opened.table.markDamaged(entry, why);
    if (!this.damageFoundOnRead) {
      this.damageFoundOnRead = true;
      this.logger.warn(`Capture ${entry.summary.id} in ${opened.folder} is damaged: ${why} Other captures found damaged while reading are marked in the list, and logged at debug level.`);
    } else {
      this.logger.debug(`Capture ${entry.summary.id} is damaged: ${why}`);
    }
    this._onDidUpdate.fire(entry.summary);
    if (this.writeRefusal()) return;
    this.inBackground(async () => {
      if (this.opened === opened && opened.table.get(entry.summary.seq) === entry) opened.journal.append([{ k: 'dmg', seq: entry.summary.seq, why }]);
    });
  }

  /**
   * A body read back that is shorter than captured, or whose checksum differs from the one its add
   * line recorded (`bodyCrc`; none for captures stored before checksums), marks its capture damaged.
   */
  private checkBody(entry: IndexEntry, body: Uint8Array, bodyCrc: number | undefined): void {
    const wanted = entry.summary.bodySize;
    if (body.byteLength < wanted) this.noteDamage(entry, `Its body is cut short on disk: ${body.byteLength} of ${wanted} bytes remain.`);
    else if (bodyCrc !== undefined && crc32(body) !== bodyCrc) this.noteDamage(entry, BODY_CHANGED);
  }

  private compactionDue(): boolean {
    const table = this.opened.table;
    return table.deadLines >= this.compactAfterDeadLines && table.deadLines >= table.size;
  }

  private async compactIfWorthIt(): Promise<void> {
    if (this.compactionDue()) await this.compact();
  }

  /** Rewrites the journal with only the lines the kept captures need (see compactJournal). */
  private async compact(): Promise<void> {
    const opened = this.opened;
    // One read of the whole journal: it is at most about twice its live part, and reading line by
    // line would cost a system call or three per capture.
    const entries = opened.table.values();
    const { content, places } = compactJournal(await opened.journal.readAll(), entries, opened.nextSeq);
    await opened.journal.replace(content);
    opened.table.deadLines = 0;
    entries.forEach((entry, i) => {
      entry.lineOffset = places[i].line.offset;
      entry.lineLength = places[i].line.length;
      entry.forwardLine = places[i].forward;
      if (!entry.recordDamaged && entry.answerChanged) entry.answerChanged = false;
    });
    this.logger.debug(`Compacted the capture journal to ${entries.length} capture(s).`);
  }
}

function placeOf(entry: IndexEntry): LinePlace {
  return { offset: entry.lineOffset, length: entry.lineLength };
}

function closeFiles(opened: OpenedFolder): void {
  opened.journal.close();
  opened.segments.close();
}

function addRecord(seq: number, d: IncomingDelivery, segment: number, offset: number): AddRecord {
  const record: AddRecord = {
    k: 'add', seq, at: d.receivedAt, m: d.method, u: d.url, v: d.httpVersion, h: d.rawHeaders, ra: d.remoteAddress, rm: d.readMs,
    tr: d.truncated, st: d.responseStatus, seg: segment, off: offset, len: d.body.byteLength, bc: crc32(d.body),
  };
  if (d.event !== undefined) record.ev = d.event;
  if (d.provider !== undefined) record.pv = d.provider;
  if (d.deliveryId !== undefined) record.di = d.deliveryId;
  if (d.handshake !== undefined) record.hs = d.handshake;
  return record;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
