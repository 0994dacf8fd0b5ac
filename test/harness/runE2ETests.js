// Runs test/e2e (mocha + Playwright) against the real workbench: code-server in Chromium.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const paths = require('./paths');
const { provision } = require('./provision');

provision();
const mocha = path.join(paths.repo, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--config', path.join(paths.repo, 'test', 'e2e', '.mocharc.json')], { stdio: 'inherit', cwd: paths.repo });
process.exit(result.status ?? 1);
