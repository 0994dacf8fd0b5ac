import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { writeAllSync } from './writeAllSync';

const SEGMENT_PATTERN = /^bodies-(\d+)\.bin$/;

/**
 * Request bodies, appended back to back into numbered segment files. A segment is deleted once no
 * live capture points into it, so eviction frees disk without rewriting large files. Writes are
 * synchronous: an append to the page cache costs microseconds, far less than a thread-pool round trip.
 */
export class BodySegments {
  private current = 1;
  private currentSize = 0;
  private fd: number | undefined;
  private fdSegment = 0;

  private constructor(
    private readonly folder: string,
    private readonly rotateBytes: number,
  ) {}

  /** The segments in `folder`; where the next body goes is set by startAt once the journal is read. */
  static open(folder: string, rotateBytes: number): BodySegments {
    return new BodySegments(folder, rotateBytes);
  }

  /**
   * The next body goes at the end of `segment`, whose size on disk is `size` (0: a segment that does
   * not exist yet; appends land at the end of the file, so the two must agree). Segments above it
   * must not exist. The store never points it into bytes a journal line claims, so a damaged
   * segment cannot hand old captures new bodies.
   */
  startAt(segment: number, size: number): void {
    this.closeFile();
    this.current = segment;
    this.currentSize = size;
  }

  async list(): Promise<number[]> {
    const names = await fsp.readdir(this.folder);
    return names
      .map((n) => SEGMENT_PATTERN.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  /** Every segment file in the folder with its size on disk. */
  async sizes(): Promise<Map<number, number>> {
    const sizes = new Map<number, number>();
    for (const segment of await this.list()) sizes.set(segment, (await fsp.stat(this.fileOf(segment))).size);
    return sizes;
  }

  /** Moves a segment file into another folder (kept, out of the store's way). */
  async moveTo(segment: number, folder: string): Promise<void> {
    if (segment === this.fdSegment) this.closeFile();
    await fsp.rename(this.fileOf(segment), path.join(folder, segmentName(segment)));
  }

  get currentSegment(): number {
    return this.current;
  }

  /** Writes the bodies one after another and returns where each one went. */
  append(bodies: readonly Uint8Array[]): Array<{ segment: number; offset: number }> {
    try {
      return this.place(bodies);
    } catch (error) {
      // Whatever part reached the disk is dead bytes; the next body goes after them, through a file
      // opened afresh (after a full disk, say).
      this.currentSize = sizeOnDisk(this.fileOf(this.current));
      try {
        this.closeFile();
      } catch {
        this.fd = undefined;
      }
      throw error;
    }
  }

  private place(bodies: readonly Uint8Array[]): Array<{ segment: number; offset: number }> {
    const places: Array<{ segment: number; offset: number }> = [];
    let buffers: Uint8Array[] = [];
    for (const body of bodies) {
      if (this.currentSize > 0 && this.currentSize + body.byteLength > this.rotateBytes) {
        this.write(buffers);
        buffers = [];
        this.current += 1;
        this.currentSize = 0;
      }
      places.push({ segment: this.current, offset: this.currentSize });
      this.currentSize += body.byteLength;
      if (body.byteLength) buffers.push(body);
    }
    this.write(buffers);
    return places;
  }

  /** The bytes that are there: fewer than `length` when the file was cut short, none when it is gone. */
  async read(segment: number, offset: number, length: number): Promise<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.fileOf(segment), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array(0);
      throw error;
    }
    try {
      // Never more than the file holds past the offset, whatever length a (damaged) record claims.
      const available = Math.max(0, Math.min(length, (await handle.stat()).size - offset));
      const buffer = Buffer.alloc(available);
      const { bytesRead } = available ? await handle.read(buffer, 0, available, offset) : { bytesRead: 0 };
      return bytesRead === available ? buffer : buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  delete(segment: number): void {
    if (segment === this.fdSegment) this.closeFile();
    if (segment === this.current) {
      this.currentSize = 0;
      this.current += 1;
    }
    fs.rmSync(this.fileOf(segment), { force: true });
  }

  close(): void {
    this.closeFile();
  }

  /** Appends to the current segment. */
  private write(buffers: Uint8Array[]): void {
    if (!buffers.length) return;
    if (this.fd !== undefined && this.fdSegment !== this.current) this.closeFile();
    if (this.fd === undefined) {
      this.fd = fs.openSync(this.fileOf(this.current), 'a');
      this.fdSegment = this.current;
    }
    writeAllSync(this.fd, buffers);
  }

  private closeFile(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
    this.fdSegment = 0;
  }

  private fileOf(segment: number): string {
    return path.join(this.folder, segmentName(segment));
  }
}

export function segmentName(segment: number): string {
  return `bodies-${String(segment).padStart(6, '0')}.bin`;
}

function sizeOnDisk(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
