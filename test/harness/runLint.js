// `npm run lint` (and the first stage of `npm test`): ESLint with type information, knip (unused
// files, exports and dependencies) and both TypeScript projects. Every tool runs even when an earlier
// one finds something; the exit code is non-zero when any of them does.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const paths = require('./paths');

const bin = (pkg, file) => path.join(paths.repo, 'node_modules', pkg, file);
const checks = [
  { name: 'eslint', args: [bin('eslint', 'bin/eslint.js'), '.'] },
  { name: 'knip', args: [bin('knip', 'bin/knip.js'), '--no-progress', '--no-config-hints'] },
  { name: 'tsc (extension, core, tests)', args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', paths.repo] },
  { name: 'tsc (webview)', args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', path.join(paths.repo, 'tsconfig.webview.json')] },
];

const failed = [];
for (const check of checks) {
  const { status, error } = spawnSync(process.execPath, check.args, { cwd: paths.repo, stdio: 'inherit' });
  const clean = status === 0 && !error;
  console.log(`${clean ? '✔' : '✘'} ${check.name}${clean ? '' : ' found problems (above)'}`);
  if (!clean) failed.push(check.name);
}
console.log(failed.length ? `lint: ${failed.length} of ${checks.length} checks found problems: ${failed.join(', ')}` : `lint: ${checks.length} checks clean`);
process.exit(failed.length ? 1 : 0);
