import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The extensionTestsPath entry: VS Code calls run() inside its extension host. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
