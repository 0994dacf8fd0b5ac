import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The extensionTestsPath entry: VS Code calls run() inside its extension host. */
export function run(): Promise<void> {
  return runSuiteIn(__dirname);
}

/** Runs every `*.test.js` of a folder (not its subfolders: each of those is a suite of its own). */
export function runSuiteIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
