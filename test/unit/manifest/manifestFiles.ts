import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/test/unit/manifest). */
export const REPO = path.resolve(__dirname, '../../../..');

export function readJson<T = any>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO, relative), 'utf8')) as T;
}
