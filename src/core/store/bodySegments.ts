import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const SEGMENT_PATTERN = /^bodies-(\d+)\.bin$/;

/**
 * Request bodies, appended back to back into numbered segment files. A segment is deleted once no
 * live capture points into it, so eviction frees disk without rewriting large files.
 */
export class BodySegments {
  private current = 0;
  private currentSize = 0;
  private handle: fs.FileHandle | undefined;
  private handleSegment = 0;
  /** The chain of writes under way; append() adds to it. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly folder: string,
    private readonly rotateBytes: number,
  ) {}

  static async open(folder: string, rotateBytes: number): Promise<BodySegments> {
    const segments = new BodySegments(folder, rotateBytes);
    const existing = await segments.list();
    if (existing.length) {
      segments.current = existing[existing.length - 1];
      segments.currentSize = (await fs.stat(segments.fileOf(segments.current))).size;
    } else {
      segments.current = 1;
    }
    return segments;
  }

  async list(): Promise<number[]> {
    const names = await fs.readdir(this.folder);
    return names
      .map((n) => SEGMENT_PATTERN.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  async sizeOf(segment: number): Promise<number> {
    try {
      return (await fs.stat(this.fileOf(segment))).size;
    } catch {
      return 0;
    }
  }

  get currentSegment(): number {
    return this.current;
  }

  /**
   * Places the bodies one after another (at once) and writes them (when `written` resolves).
   * Writes are chained, so segments fill in the order bodies were placed.
   */
  append(bodies: readonly Uint8Array[]): { places: Array<{ segment: number; offset: number }>; written: Promise<void> } {
    const places: Array<{ segment: number; offset: number }> = [];
    const batches: Array<{ segment: number; buffers: Uint8Array[] }> = [];
    let batch = { segment: this.current, buffers: [] as Uint8Array[] };
    batches.push(batch);
    for (const body of bodies) {
      if (this.currentSize > 0 && this.currentSize + body.byteLength > this.rotateBytes) {
        this.current += 1;
        this.currentSize = 0;
        batch = { segment: this.current, buffers: [] };
        batches.push(batch);
      }
      places.push({ segment: this.current, offset: this.currentSize });
      this.currentSize += body.byteLength;
      if (body.byteLength) batch.buffers.push(body);
    }
    const written = this.writing.then(async () => {
      for (const { segment, buffers } of batches) await this.write(segment, buffers);
    });
    this.writing = written.catch(() => undefined);
    return { places, written };
  }

  async read(segment: number, offset: number, length: number): Promise<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    const handle = await fs.open(this.fileOf(segment), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async delete(segment: number): Promise<void> {
    await this.writing;
    if (segment === this.handleSegment && this.handle) {
      await this.handle.close();
      this.handle = undefined;
    }
    if (segment === this.current) {
      this.currentSize = 0;
      this.current += 1;
    }
    await fs.rm(this.fileOf(segment), { force: true });
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async write(segment: number, buffers: Uint8Array[]): Promise<void> {
    if (!buffers.length) return;
    if (this.handle && this.handleSegment !== segment) {
      await this.handle.close();
      this.handle = undefined;
    }
    if (!this.handle) {
      this.handle = await fs.open(this.fileOf(segment), 'a');
      this.handleSegment = segment;
    }
    await this.handle.writev(buffers as NodeJS.ArrayBufferView[]);
  }

  private fileOf(segment: number): string {
    return path.join(this.folder, `bodies-${String(segment).padStart(6, '0')}.bin`);
  }
}
