import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

const FILE = 'next-id.json';
/**
 * Ids are reserved in blocks, so the file is rewritten once per this many captures, not per
 * capture (a rename can take a millisecond on a busy disk). Ids are 10 digits: skipping a block
 * after damage costs nothing.
 */
const BLOCK = 65_536;

/**
 * A number every capture id given out so far lies below, kept in a file of its own next to the
 * journal. When the journal is damaged or missing, the ids of captures lost with it are unknown;
 * starting new ids at this floor guarantees none of them is handed to a new capture (a restored
 * payload view or a bookmark would otherwise show a different delivery under the old id).
 */
export class IdFloor {
  private constructor(
    private readonly file: string,
    private floor: number,
  ) {}

  /** A missing or unreadable file is a floor of 0: the journal alone decides, as before the file existed. */
  static async read(folder: string): Promise<IdFloor> {
    const file = path.join(folder, FILE);
    let floor = 0;
    try {
      const value = (JSON.parse(await fsp.readFile(file, 'utf8')) as { next?: unknown }).next;
      if (Number.isSafeInteger(value) && (value as number) > 0) floor = value as number;
    } catch {
      // No file yet, or a damaged one: rewritten at the next append.
    }
    return new IdFloor(file, floor);
  }

  get value(): number {
    return this.floor;
  }

  /** Makes sure the floor on disk is above `seq` before a capture with that id is written. */
  reserveThrough(seq: number): void {
    if (seq < this.floor) return;
    const next = seq + 1 + BLOCK;
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ next }));
    fs.renameSync(temporary, this.file);
    this.floor = next;
  }
}
