// Runs test/integration (mocha) inside a real VS Code through @vscode/test-electron's runTests, whose
// vscodeExecutablePath is a shim that drives code-server in Chromium (a desktop VS Code cannot be
// downloaded here).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const paths = require('./paths');
const { provision } = require('./provision');
const { ensureNode24 } = require('./withNode24');

async function main() {
  provision();
  ensureNode24(__filename);
  const { runTests } = require('@vscode/test-electron');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-it-'));
  try {
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-shim.sh'),
      extensionDevelopmentPath: paths.repo,
      extensionTestsPath: path.join(paths.repo, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace],
    });
    return 0;
  } catch (error) {
    console.error(`Integration tests failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) main().then((code) => process.exit(code));
