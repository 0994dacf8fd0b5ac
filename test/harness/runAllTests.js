// `npm test`: lints (ESLint, knip and both TypeScript projects; see runLint.js), builds, installs the test tools once (cached in .vscode-test/), then runs
// the unit, handlers (generated handlers compiled and run), tunnel timing (real idle gaps), webview
// (the payload view in Chromium), integration (real VS Code) and E2E (real workbench in Chromium)
// suites and prints one closing line with the totals.
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const { stripVTControlCharacters } = require('node:util');
const paths = require('./paths');
const { provision } = require('./provision');

/** Mocha's totals, or the lint stage's checks (`✔ eslint` / `✘ knip …`); a stage that breaks counts one failure. */
function stage(name, command, args, env = {}) {
  return new Promise((resolve) => {
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    const child = spawn(command, args, { cwd: paths.repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      // mocha's spec reporter closes each run with "N passing" / "N failing"; a stage may hold several
      // runs (the integration stage opens two windows), so the stage's totals are their sums.
      const sum = (pattern) => [...output.matchAll(pattern)].reduce((total, m) => total + Number(m[1]), 0);
      const count = (pattern) => [...output.matchAll(pattern)].length;
      const passed = sum(/^\s*(\d+) passing/gm) + count(/^✔ /gm);
      let failed = sum(/^\s*(\d+) failing/gm) + count(/^✘ /gm);
      if (code !== 0 && failed === 0) failed = 1; // the suite itself broke (build, harness, crash)
      console.log(`=== ${name}: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      resolve({ name, passed, failed, failures: failureHeadlines(output) });
    });
  });
}

/**
 * Each failure's title and first error line from mocha's "N failing" sections (and the lint stage's
 * `✘` checks), so the closing lines name what failed even when only the tail of a long log is kept.
 */
function failureHeadlines(output) {
  const headlines = [...output.matchAll(/^✘ (.*)$/gm)].map((m) => m[1]);
  for (const section of stripVTControlCharacters(output).split(/^\s*\d+ failing\s*$/m).slice(1)) {
    for (const entry of section.split(/^\s*\d+\) /m).slice(1)) {
      const lines = entry.split('\n').map((line) => line.trim()).filter(Boolean);
      const titleEnd = lines.findIndex((line) => line.endsWith(':'));
      if (titleEnd < 0) continue;
      const title = lines.slice(0, titleEnd + 1).join(' › ').replace(/:$/, '');
      headlines.push(`${title} — ${(lines[titleEnd + 1] ?? '').slice(0, 200)}`);
    }
  }
  return headlines;
}

async function main() {
  const node = process.execPath;
  const bin = (pkg, file) => path.join(paths.repo, 'node_modules', pkg, file);
  const results = [];
  // Any finding fails the run; the suites still run so one report shows everything.
  results.push(await stage('lint', node, [path.join(__dirname, 'runLint.js')]));
  console.log('\n=== build: bundle ===');
  execFileSync(node, [path.join(paths.repo, 'esbuild.js'), '--tests'], { stdio: 'inherit', cwd: paths.repo });
  provision();
  results.push(await stage('unit', node, [bin('mocha', 'bin/mocha.js'), '--config', 'test/unit/.mocharc.json']));
  // Every provider × framework generated, compiled or type-checked, and run (Next.js built, Python served).
  results.push(await stage('handlers (generated code, compiled and run)', node, [bin('mocha', 'bin/mocha.js'), '--config', 'test/handlers/.mocharc.json']));
  // Deliveries through the tunnel after real idle gaps (up to 120 s) with the shipped timeouts: about 2 minutes.
  results.push(await stage('tunnel timing (real idle gaps)', node, [bin('mocha', 'bin/mocha.js'), '--config', 'test/unit/tunnel/.mocharc.timing.json']));
  results.push(await stage('webview (Chromium)', node, [bin('mocha', 'bin/mocha.js'), '--config', 'test/webview/.mocharc.json']));
  results.push(await stage('integration (VS Code)', node, [path.join(__dirname, 'runIntegrationTests.js')]));
  results.push(await stage('e2e (workbench in Chromium)', node, [path.join(__dirname, 'runE2ETests.js')]));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\n${results.map((r) => `${r.name}: ${r.passed} passed, ${r.failed} failed`).join('\n')}`);
  for (const r of results) for (const headline of r.failures) console.log(`failed in ${r.name}: ${headline}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
