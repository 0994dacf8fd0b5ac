// Builds the extension bundle (and, with --tests, a per-file transpile of src/, test/ and bench/ into out/).
//   node esbuild.js               development bundle with source maps
//   node esbuild.js --production  minified bundle for packaging
//   node esbuild.js --watch       rebuild on change, errors in the problem-matcher format
//   node esbuild.js --tests       also transpile every .ts file for mocha and the benchmarks
// The payload view's webview is a second, browser entry (dist/webview/payloadView.js) next to a copy
// of the codicon font and stylesheet; the command-line check is a third (dist/cli.js).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const testsOnly = process.argv.includes('--tests-only');

/** Prints errors the way the `$esbuild-watch` problem matcher expects. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const bundles = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
  },
  {
    // The command-line check for CI: `npx webhook-workbench check …` (package.json "bin").
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/payloadView.js',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  },
];

function copyCodicons() {
  const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
  fs.mkdirSync(path.join('dist', 'webview'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join('dist', 'webview', file));
}

/** The webview's DOM code only runs in the browser bundle; its pure logic (src/webview/model/) also runs under mocha. */
function isBrowserOnly(file) {
  const parts = file.split(path.sep);
  return parts[0] === 'src' && parts[1] === 'webview' && parts[2] !== 'model';
}

function tsFilesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((f) => !isBrowserOnly(f));
}

async function main() {
  const common = { minify: production, sourcemap: !production, logLevel: 'warning', plugins: watch ? [problemMatcher] : [] };
  const configs = testsOnly ? [] : bundles.map((b) => ({ ...common, ...b }));
  if (!testsOnly) copyCodicons();
  if (tests || testsOnly) {
    // A test whose source was moved or deleted must not keep running from a stale transpile.
    if (!watch) fs.rmSync('out', { recursive: true, force: true });
    configs.push({
      ...common,
      entryPoints: [...tsFilesUnder('src'), ...tsFilesUnder('test'), ...tsFilesUnder('bench')],
      outdir: 'out',
      outbase: '.',
      bundle: false,
      format: 'cjs',
      platform: 'node',
      target: 'node18',
      sourcemap: 'inline',
    });
  }
  if (watch) {
    for (const config of configs) await (await esbuild.context(config)).watch();
    return;
  }
  await Promise.all(configs.map((config) => esbuild.build(config)));
  if (!testsOnly) fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
