// Runs test/integration (mocha) inside a real VS Code through @vscode/test-electron's runTests, whose
// vscodeExecutablePath is a shim that drives code-server in Chromium (a desktop VS Code cannot be
// downloaded here). Four windows: the main suite in a folder; test/integration/brokenStore in an
// empty window whose capture folder is damaged and read-only before the extension activates; and two
// folders where webhooks were never used (test/integration/unusedWindow), where showing the view or
// running a command is the first thing that opens the capture store.
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
  const unusedWorkspaces = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-it-unused-')));
  const suites = path.join(paths.repo, 'out', 'test', 'integration');
  const runs = [
    { name: 'integration', extensionTestsPath: path.join(suites, 'index.js'), launchArgs: [workspace] },
    {
      name: 'broken capture folder',
      extensionTestsPath: path.join(suites, 'brokenStore', 'index.js'),
      launchArgs: ['--no-folder', `--prepare=${path.join(suites, 'brokenStore', 'prepareBrokenStore.js')}`],
    },
    { name: 'unused window, view shown', extensionTestsPath: path.join(suites, 'unusedWindow', 'viewOpens', 'index.js'), launchArgs: [unusedWorkspaces[0]] },
    { name: 'unused window, command run', extensionTestsPath: path.join(suites, 'unusedWindow', 'commandOpens', 'index.js'), launchArgs: [unusedWorkspaces[1]] },
  ];
  let code = 0;
  try {
    for (const run of runs) {
      try {
        await runTests({
          vscodeExecutablePath: path.join(__dirname, 'code-shim.sh'),
          extensionDevelopmentPath: paths.repo,
          extensionTestsPath: run.extensionTestsPath,
          launchArgs: run.launchArgs,
        });
      } catch (error) {
        console.error(`Integration tests (${run.name}) failed: ${error instanceof Error ? error.message : error}`);
        code = 1;
      }
    }
    return code;
  } finally {
    for (const folder of [workspace, ...unusedWorkspaces]) fs.rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) main().then((code) => process.exit(code));
