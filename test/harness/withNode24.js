// code-server and @vscode/test-electron 3 need Node 24; the project itself builds with any Node >= 20.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const paths = require('./paths');

/** Re-runs the calling script under the cached Node 24 unless it already runs on Node >= 22. */
function ensureNode24(scriptPath) {
  if (Number(process.versions.node.split('.')[0]) >= 22) return;
  const env = { ...process.env, PATH: `${paths.node24Bin}${path.delimiter}${process.env.PATH}` };
  const result = spawnSync(paths.node24, [scriptPath, ...process.argv.slice(2)], { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}

module.exports = { ensureNode24 };
