// `npm run test:handlers`: the generated handlers' contract, compiled, type-checked and run for real
// (every provider × framework). Installs what it needs first: Debian's Python web frameworks and the
// types of older Next.js releases (cached, like the other test tools).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const paths = require('./paths');
const { provisionHandlerTools } = require('./provision');

provisionHandlerTools();
const mocha = path.join(paths.repo, 'node_modules', 'mocha', 'bin', 'mocha.js');
const result = spawnSync(process.execPath, [mocha, '--config', 'test/handlers/.mocharc.json', ...process.argv.slice(2)], { cwd: paths.repo, stdio: 'inherit' });
process.exit(result.status ?? 1);
