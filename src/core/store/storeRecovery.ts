import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { BodySegments, segmentName } from './bodySegments';
import type { IndexEntry } from './captureTable';
import { CaptureTable, RECORD_DAMAGED } from './captureTable';
import { IdFloor } from './idFloor';
import type { LinePlace } from './journalFile';
import { JOURNAL_NAME, JournalFile } from './journalFile';
import { decodeLine } from './journalLineCodec';
import { readJournalLines } from './journalLines';
import type { JournalRecord } from './journalRecord';
import type { StoreHealth } from './storeHealth';
import { describeFileError } from './storeHealth';

/** A capture folder read back from disk and repaired where it could be: what the store works on. */
export interface OpenedFolder {
  folder: string;
  journal: JournalFile;
  segments: BodySegments;
  table: CaptureTable;
  ids: IdFloor;
  nextSeq: number;
  health: StoreHealth;
  /**
   * The journal should be rewritten now: it holds lines from before checksums (the rewrite gives
   * them one) or damaged lines already reported (the rewrite drops them).
   */
  rewriteJournal: boolean;
  /** How many lines were written before checksums existed. */
  uncheckedLines: number;
}

interface ReplayOutcome {
  journalExists: boolean;
  nextSeq: number;
  /** The end of the last line kept: where the next line goes. */
  goodEnd: number;
  /** Unreadable lines after the last readable one (a write cut short), and before it (damage). */
  tailLines: number;
  middleLines: number;
  uncheckedLines: number;
  /** Captures whose add line fails its checksum but still reads as one: shown, as damaged. */
  recordDamaged: IndexEntry[];
  /** Per body segment, the end of the furthest byte range any add line claims (kept or not). */
  claims: Map<number, number>;
}

/**
 * Opens a capture folder: replays its journal into a table of captures, checks their bodies are on
 * disk, records what is damaged (durably, when it can write), and decides where new bodies go so
 * that they never land in bytes an existing line claims. Never throws for a folder it cannot use:
 * the health it returns says why, and how much of it can still be read.
 */
export async function openCaptureFolder(folder: string, segmentBytes: number): Promise<OpenedFolder> {
  try {
    await fsp.mkdir(folder, { recursive: true });
  } catch (error) {
    return unavailableFolder(folder, segmentBytes, describeFileError(error, folder));
  }
  try {
    return await recoverFolder(folder, segmentBytes);
  } catch (error) {
    // The journal cannot be read (a folder in its place, an I/O error) or a repair failed midway.
    return unavailableFolder(folder, segmentBytes, describeFileError(error, path.join(folder, JOURNAL_NAME)));
  }
}

/** A folder nothing can be read from or written to: an empty store that says why. */
async function unavailableFolder(folder: string, segmentBytes: number, problem: string): Promise<OpenedFolder> {
  const health: StoreHealth = { folder, access: 'unavailable', accessProblem: problem, findings: [] };
  return {
    folder, journal: new JournalFile(folder, 0), segments: BodySegments.open(folder, segmentBytes), table: new CaptureTable(),
    ids: await IdFloor.read(folder), nextSeq: 1, health, rewriteJournal: false, uncheckedLines: 0,
  };
}

async function recoverFolder(folder: string, segmentBytes: number): Promise<OpenedFolder> {
  const table = new CaptureTable();
  const segments = BodySegments.open(folder, segmentBytes);
  const journalFile = path.join(folder, JOURNAL_NAME);
  const replay = await replayJournal(journalFile, table);
  const existing = await segments.sizes();
  const ids = await IdFloor.read(folder);
  const problem = await writeProblem(folder, replay.journalExists ? journalFile : undefined);
  const writable = problem === undefined;
  const health: StoreHealth = { folder, access: writable ? 'read-write' : 'read-only', findings: [] };
  if (problem) health.accessProblem = problem;
  const findings = health.findings;
  const journal = new JournalFile(folder, replay.goodEnd);
  const lostJournal = !replay.journalExists && existing.size > 0;

  if (lostJournal) findings.push(`The journal (${JOURNAL_NAME}) is missing: the captures it listed are lost, their body files are kept.`);
  if (replay.middleLines) findings.push(`${plural(replay.middleLines, 'damaged journal line')} could not be read: the captures or changes they held are lost.`);
  if (replay.tailLines) {
    if (writable) await journal.truncate(replay.goodEnd);
    findings.push(`${writable ? 'Dropped' : 'Ignored'} ${plural(replay.tailLines, 'unreadable line')} at the end of the journal (a write cut short).`);
  }

  const newDamage: Array<{ entry: IndexEntry; why: string }> = [];
  for (const entry of replay.recordDamaged) if (!alreadyRecorded(entry, RECORD_DAMAGED)) newDamage.push({ entry, why: RECORD_DAMAGED });
  const damagedRecords = newDamage.length;
  for (const entry of table.values()) {
    const why = bodyOnDisk(entry, existing.get(entry.segment));
    if (why && !alreadyRecorded(entry, why)) newDamage.push({ entry, why });
  }
  const bodies = newDamage.length - damagedRecords;
  if (damagedRecords) findings.push(`${plural(damagedRecords, 'capture')} whose journal record fails its checksum ${damagedRecords === 1 ? 'is' : 'are'} shown as damaged.`);
  if (bodies) findings.push(`${plural(bodies, 'capture')} whose body is missing or cut short on disk ${bodies === 1 ? 'is' : 'are'} shown as damaged; new bodies go to a new file.`);
  recordDamage(journal, table, newDamage, writable, findings);

  // New bodies go after every byte any line claims: into a fresh segment after damage, or when the
  // newest segment is shorter than its lines say (deleted or cut short), else at the newest one's end.
  const damageFound = lostJournal || replay.middleLines > 0 || newDamage.length > 0;
  const top = Math.max(0, ...existing.keys(), ...replay.claims.keys());
  const topSize = existing.get(top);
  if (top === 0) segments.startAt(1, 0);
  else if (damageFound || topSize === undefined || topSize < (replay.claims.get(top) ?? 0)) segments.startAt(top + 1, 0);
  else segments.startAt(top, topSize);

  await tidySegments(folder, segments, table, existing, replay.claims, writable && !lostJournal && replay.middleLines === 0, writable, findings);

  // The ids of captures lost with damaged lines are unknown: new ones start above every id ever given.
  const idsMayBeLost = !replay.journalExists || replay.middleLines > 0 || replay.tailLines > 0 || replay.recordDamaged.length > 0;
  const nextSeq = idsMayBeLost ? Math.max(replay.nextSeq, ids.value) : replay.nextSeq;
  const rewriteJournal = writable && (replay.uncheckedLines > 0 || replay.middleLines > 0);
  return { folder, journal, segments, table, ids, nextSeq, health, rewriteJournal, uncheckedLines: replay.uncheckedLines };
}

async function replayJournal(file: string, table: CaptureTable): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = {
    journalExists: await exists(file),
    nextSeq: 1,
    goodEnd: 0,
    tailLines: 0,
    middleLines: 0,
    uncheckedLines: 0,
    recordDamaged: [],
    claims: new Map(),
  };
  let unreadable = 0;
  for await (const line of readJournalLines(file)) {
    const decoded = line.complete ? decodeLine(line.bytes) : undefined;
    const record = decoded?.record;
    const place: LinePlace = { offset: line.offset, length: line.length };
    if (record && decoded.check !== 'mismatch') {
      // Unchecked lines come from before checksums, or from an older version that wrote here later.
      if (decoded.check === 'unchecked') outcome.uncheckedLines += 1;
      applyRecord(record, place, table, outcome);
    } else if (record?.k === 'add' && decoded?.check === 'mismatch' && !table.get(record.seq)) {
      const entry = table.add(record, place, true);
      outcome.recordDamaged.push(entry);
      claim(outcome, record.seg, record.off + record.len);
      outcome.nextSeq = Math.max(outcome.nextSeq, record.seq + 1);
    } else {
      unreadable += 1;
      table.deadLines += 1;
      continue;
    }
    outcome.middleLines += unreadable;
    unreadable = 0;
    outcome.goodEnd = line.offset + line.length + 1;
  }
  outcome.tailLines = unreadable;
  return outcome;
}

/** The same table methods the store's live writes use, so a replayed change means what it meant then. */
function applyRecord(record: JournalRecord, place: LinePlace, table: CaptureTable, outcome: ReplayOutcome): void {
  const entry = record.k === 'del' || record.k === 'mark' ? undefined : table.get(record.seq);
  switch (record.k) {
    case 'add':
      // Only a hand-edited or damaged journal repeats a seq: the later line wins.
      if (entry) table.remove([entry]);
      table.add(record, place);
      claim(outcome, record.seg, record.off + record.len);
      outcome.nextSeq = Math.max(outcome.nextSeq, record.seq + 1);
      return;
    case 'del':
      table.remove(record.seqs.map((seq) => table.get(seq)).filter((e): e is IndexEntry => e !== undefined));
      return;
    case 'mark':
      outcome.nextSeq = Math.max(outcome.nextSeq, record.next);
      return;
    case 'ans':
      if (entry) table.setAnswer(entry, record.st);
      else table.deadLines += 1;
      return;
    case 'fwd':
      if (entry) table.attachForward(entry, record.r, record.at, place);
      else table.deadLines += 1;
      return;
    case 'dmg':
      if (entry) table.markDamaged(entry, record.why);
      else table.deadLines += 1;
      return;
  }
}

function claim(outcome: ReplayOutcome, segment: number, end: number): void {
  outcome.claims.set(segment, Math.max(outcome.claims.get(segment) ?? 0, end));
}

/** Why a capture's body is not all on disk, or undefined when it is (its bytes are checked when read). */
function bodyOnDisk(entry: IndexEntry, segmentSize: number | undefined): string | undefined {
  const wanted = entry.summary.bodySize;
  if (wanted === 0) return undefined;
  if (segmentSize === undefined) return `Its body file ${segmentName(entry.segment)} is missing.`;
  const available = Math.max(0, Math.min(wanted, segmentSize - entry.bodyOffset));
  return available < wanted ? `Its body is cut short on disk: ${available} of ${wanted} bytes remain.` : undefined;
}

function alreadyRecorded(entry: IndexEntry, why: string): boolean {
  return entry.summary.damaged?.includes(why) === true;
}

/** Marks the captures damaged, and writes that down (one `dmg` line each) when the folder is writable. */
function recordDamage(journal: JournalFile, table: CaptureTable, damage: Array<{ entry: IndexEntry; why: string }>, writable: boolean, findings: string[]): void {
  if (!damage.length) return;
  if (writable) {
    try {
      journal.append(damage.map(({ entry, why }) => ({ k: 'dmg', seq: entry.summary.seq, why })));
    } catch (error) {
      findings.push(`The damage could not be recorded in the journal (${error instanceof Error ? error.message : String(error)}); it is found again at the next open.`);
    }
  }
  for (const { entry, why } of damage) table.markDamaged(entry, why);
}

/**
 * Deletes the segments the journal says are dead (lines claim them, no kept capture uses them).
 * Segments no line claims are moved aside, never deleted: after damage they may hold the only copy
 * of a lost capture's body. When the journal itself is damaged or missing, nothing is deleted.
 */
async function tidySegments(
  folder: string,
  segments: BodySegments,
  table: CaptureTable,
  existing: Map<number, number>,
  claims: Map<number, number>,
  mayDelete: boolean,
  writable: boolean,
  findings: string[],
): Promise<void> {
  const unused = [...existing.keys()].filter((s) => s !== segments.currentSegment && !table.isSegmentInUse(s));
  const aside: number[] = [];
  for (const segment of unused) {
    if (mayDelete && claims.has(segment)) deleteQuietly(segments, segment, findings);
    else aside.push(segment);
  }
  if (!aside.length) return;
  if (!writable) {
    findings.push(`${plural(aside.length, 'body file')} no capture refers to ${aside.length === 1 ? 'is' : 'are'} left as ${aside.length === 1 ? 'it is' : 'they are'}.`);
    return;
  }
  const target = path.join(folder, `unlisted-bodies-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  try {
    await fsp.mkdir(target, { recursive: true });
    for (const segment of aside) await segments.moveTo(segment, target);
    findings.push(`${plural(aside.length, 'body file')} no capture refers to ${aside.length === 1 ? 'was' : 'were'} moved to ${path.basename(target)} (nothing was deleted).`);
  } catch (error) {
    findings.push(`${plural(aside.length, 'body file')} no capture refers to could not be moved aside: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function deleteQuietly(segments: BodySegments, segment: number, findings: string[]): void {
  try {
    segments.delete(segment);
  } catch (error) {
    findings.push(`A body file no kept capture uses could not be deleted: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Why new captures cannot be written to the folder, or undefined when they can. */
async function writeProblem(folder: string, journalFile: string | undefined): Promise<string | undefined> {
  for (const target of journalFile ? [folder, journalFile] : [folder]) {
    try {
      await fsp.access(target, fs.constants.W_OK);
    } catch (error) {
      return describeFileError(error, target);
    }
  }
  return undefined;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
