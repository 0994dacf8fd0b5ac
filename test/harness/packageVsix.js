// `npm run package`: packs the production bundle into webhook-workbench-<version>.vsix with vsce
// (which needs Node >= 22, so it runs on the cached Node 24 when the current Node is older).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const paths = require('./paths');
const { ensureNode24 } = require('./withNode24');

if (Number(process.versions.node.split('.')[0]) < 22) {
  require('./provision').ensureNode24();
  ensureNode24(__filename);
}
const vsce = path.join(paths.repo, 'node_modules', '@vscode', 'vsce', 'vsce');
// The bundle carries every runtime dependency, so node_modules is not packed.
// Extra arguments go to vsce (the workbench bench passes `--out <file>`).
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', ...process.argv.slice(2)], { stdio: 'inherit', cwd: paths.repo });
