import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh folder under the OS temp dir, removed after the current mocha suite. */
export function useTempFolder(prefix = 'webhook-workbench-'): () => string {
  let folder = '';
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return () => folder;
}
