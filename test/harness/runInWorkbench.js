// usage: node runInWorkbench.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE]
//        [--no-folder] [--prepare=MODULE]
// (the arguments @vscode/test-electron passes to a VS Code executable, plus two of this harness:
// --no-folder opens an empty window; --prepare names a module whose `prepare({ userData })` runs once
// code-server's user data folder exists, before the workbench opens, and may return a cleanup).
// Opens the code-server workbench
// with the extension in development mode; the workbench runs the mocha entry in the node extension host,
// streams its console here through codeAutomationLog and reports the result through codeAutomationExit.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { chromium } = require('playwright-core');
const paths = require('./paths');
const { startCodeServer, workbenchUrl, chromiumArgs } = require('./codeServer');

const NOISE = /AgentHost|ChatModelSelection|socket|connection token|grace-time|Service Worker|builtin extensions cache|AccountPolicyGate|open-vsx|Canceled/;

function parseArgs(argv) {
  const options = { folder: undefined, extensionPath: undefined, testsPath: undefined, noFolder: false, prepare: undefined };
  for (const arg of argv) {
    if (arg === '--no-folder') options.noFolder = true;
    else if (arg.startsWith('--prepare=')) options.prepare = path.resolve(arg.split('=')[1]);
    else if (arg.startsWith('--extensionDevelopmentPath=')) options.extensionPath = path.resolve(arg.split('=')[1]);
    else if (arg.startsWith('--extensionTestsPath=')) options.testsPath = path.resolve(arg.split('=')[1]);
    else if (!arg.startsWith('--')) options.folder = path.resolve(arg);
  }
  if (options.testsPath && !fs.existsSync(options.testsPath) && fs.existsSync(`${options.testsPath}.js`)) options.testsPath += '.js';
  if (options.testsPath && fs.existsSync(options.testsPath) && fs.statSync(options.testsPath).isDirectory()) options.testsPath = path.join(options.testsPath, 'index.js');
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionPath || !options.testsPath) throw new Error('Need --extensionDevelopmentPath and --extensionTestsPath.');
  const folder = options.noFolder ? undefined : (options.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-ws-')));
  const started = Date.now();
  const server = await startCodeServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-chromium-'));
  let browser;
  let cleanup;
  try {
    if (options.prepare) cleanup = await require(options.prepare).prepare({ userData: path.join(server.scratch, 'user-data') });
    browser = await chromium.launchPersistentContext(profile, { executablePath: paths.chromium, headless: true, args: chromiumArgs });
    const page = browser.pages()[0] ?? (await browser.newPage());
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = util.format(...(args ?? []));
      if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    await page.goto(workbenchUrl(server.url, { folder, extensionPath: options.extensionPath, testsPath: options.testsPath, env: { WEBHOOK_WORKBENCH_TEST: '1' } }));
    const timer = setTimeout(() => finish('timeout'), Number(process.env.TEST_TIMEOUT_MS || 600_000));
    const code = await finished;
    clearTimeout(timer);
    console.log(`extension tests exit code: ${code} (after ${Date.now() - started} ms)`);
    return typeof code === 'number' ? code : 2;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (typeof cleanup === 'function') cleanup();
    fs.rmSync(profile, { recursive: true, force: true });
    if (!process.env.KEEP_SCRATCH) fs.rmSync(server.scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(3);
  },
);
