import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/test/unit/manifest). */
export const REPO = path.resolve(__dirname, '../../../..');

// Manifest tests walk package.json and the nls files field by field, as any JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readJson<T = any>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO, relative), 'utf8')) as T;
}
