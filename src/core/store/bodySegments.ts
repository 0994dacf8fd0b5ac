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
  private current = 0;
  private currentSize = 0;
  private fd: number | undefined;
  private fdSegment = 0;

  private constructor(
    private readonly folder: string,
    private readonly rotateBytes: number,
  ) {}

  static async open(folder: string, rotateBytes: number): Promise<BodySegments> {
    const segments = new BodySegments(folder, rotateBytes);
    const existing = await segments.list();
    if (existing.length) {
      segments.current = existing[existing.length - 1];
      segments.currentSize = (await fsp.stat(segments.fileOf(segments.current))).size;
    } else {
      segments.current = 1;
    }
    return segments;
  }

  async list(): Promise<number[]> {
    const names = await fsp.readdir(this.folder);
    return names
      .map((n) => SEGMENT_PATTERN.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  async sizeOf(segment: number): Promise<number> {
    try {
      return (await fsp.stat(this.fileOf(segment))).size;
    } catch {
      return 0;
    }
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

  async read(segment: number, offset: number, length: number): Promise<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    const handle = await fsp.open(this.fileOf(segment), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
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
    return path.join(this.folder, `bodies-${String(segment).padStart(6, '0')}.bin`);
  }
}

function sizeOnDisk(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
