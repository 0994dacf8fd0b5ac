// Builds the extension bundle (and, with --tests, a per-file transpile of src/, test/ and bench/ into out/).
//   node esbuild.js               development bundle with source maps
//   node esbuild.js --production  minified bundle for packaging
//   node esbuild.js --watch       rebuild on change, errors in the problem-matcher format
//   node esbuild.js --tests       also transpile every .ts file for mocha and the benchmarks
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

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
];

function tsFilesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .filter((f) => !f.split(path.sep).includes('webview'));
}

async function main() {
  const common = { minify: production, sourcemap: !production, logLevel: 'warning', plugins: [problemMatcher] };
  // Entry points not written yet on this branch are skipped so the --tests transpile still runs.
  const configs = bundles
    .filter((b) => b.entryPoints.every((entry) => fs.existsSync(entry)))
    .map((b) => ({ ...common, ...b }));
  if (tests) {
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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
