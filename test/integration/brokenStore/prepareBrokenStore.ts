// Runs in the test harness (plain Node), after code-server has its user data folder and before the
// workbench opens: writes a capture folder where the extension will look for it (its global
// storage, as no folder is open) with intact captures, one whose journal record was damaged and a
// torn last line, then makes the folder read-only the way a user's folder would be.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CaptureStore, labelDelivery } from '../../../src/core';
import { DAMAGED_URL, INTACT_CAPTURES } from './brokenStoreFacts';
const EXTENSION_ID = 'webhook-workbench.webhook-workbench';

/** Prepares the folder; returns what undoes the read-only part, so the harness can delete it. */
export async function prepare({ userData }: { userData: string }): Promise<() => void> {
  const folder = path.join(userData, 'User', 'globalStorage', EXTENSION_ID, 'captures');
  const store = await CaptureStore.open({ folder, retention: 1000 });
  for (let i = 0; i < INTACT_CAPTURES + 1; i++) {
    await store.append(
      labelDelivery({
        method: 'POST', url: `/hooks/intact/${i}`, httpVersion: '1.1', remoteAddress: '127.0.0.1', receivedAt: Date.now(), readMs: 0.2,
        truncated: false, responseStatus: 200,
        rawHeaders: ['Content-Type', 'application/json', 'X-GitHub-Event', 'push', 'X-GitHub-Delivery', `delivery-${i}`],
        body: Buffer.from(JSON.stringify({ n: i })),
      }),
    );
  }
  await store.close();
  const journal = path.join(folder, 'journal.jsonl');
  // One record changed on disk (capture 1's URL), and a last line cut short by a crash.
  const text = fs.readFileSync(journal, 'utf8').replace('"u":"/hooks/intact/1"', `"u":"${DAMAGED_URL}"`);
  fs.writeFileSync(journal, `${text}{"k":"add","seq":99,"at":1,"m":"POST","u":"/cut`);
  return makeReadOnly(folder, journal);
}

/**
 * chmod for an ordinary user; root writes through file modes, so for root the folder and journal
 * are made immutable (chattr +i, which root too must undo before writing).
 */
function makeReadOnly(folder: string, journal: string): () => void {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(journal, 0o444);
    fs.chmodSync(folder, 0o555);
    return () => {
      fs.chmodSync(folder, 0o755);
      fs.chmodSync(journal, 0o644);
    };
  }
  execFileSync('chattr', ['+i', journal, folder]);
  return () => execFileSync('chattr', ['-i', journal, folder]);
}
