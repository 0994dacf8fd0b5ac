// Starts code-server (the real VS Code server and web workbench) in its own process group, on a free
// loopback port, with a scratch HOME, and stops the whole group afterwards.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const paths = require('./paths');

/**
 * `machineSettings`: the server machine's (Remote) settings, where machine-scoped settings apply.
 * `workspaceTrust`: off by default (every folder trusted, no prompt); true turns VS Code's workspace
 * trust on, so a new folder opens in Restricted Mode (without the startup prompt).
 * `vsix`: a packaged extension to install into the server's extensions folder first (as users do)
 * instead of loading the checkout in development mode.
 * @returns {Promise<{url: string, pid: number, scratch: string, logFile: string, userSettingsFile: string, stop: () => Promise<void>}>}
 */
async function startCodeServer({ settings, machineSettings, workspaceTrust = false, vsix } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-workbench-vscode-'));
  const home = path.join(scratch, 'home');
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  const userSettingsFile = path.join(userData, 'User', 'settings.json');
  const trust = workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' }
    : { 'security.workspace.trust.enabled': false };
  fs.writeFileSync(userSettingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', ...trust, 'telemetry.telemetryLevel': 'off', ...settings }, null, 2));
  // The "Remote" settings of the server's machine: where machine-scoped settings apply in a remote window.
  if (machineSettings) {
    fs.mkdirSync(path.join(userData, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  }
  const logFile = path.join(scratch, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const env = {
    ...process.env,
    PATH: `${paths.node24Bin}${path.delimiter}${process.env.PATH}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
  };
  const folders = ['--user-data-dir', userData, '--extensions-dir', path.join(scratch, 'extensions')];
  if (vsix) execFileSync(paths.codeServer, [...folders, '--install-extension', vsix], { env, stdio: ['ignore', log, log] });
  const child = spawn(
    paths.codeServer,
    [
      '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', ...folders,
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) await sleep(100);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(fs.readFileSync(logFile, 'utf8'));
    if (match) {
      const url = match[1];
      if (await healthy(url)) return { url, pid: child.pid, scratch, logFile, userSettingsFile, stop };
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`code-server did not start; its log:\n${fs.readFileSync(logFile, 'utf8')}`);
}

async function healthy(url) {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The workbench URL that opens `folder` (an empty window without one) with the extension at
 * `extensionPath` loaded in development mode (without it, only the installed extensions run).
 * `inspectExtensions`: a port the extension host's inspector listens on.
 */
function workbenchUrl(base, { folder, extensionPath, testsPath, env, inspectExtensions }) {
  const authority = new URL(base).host;
  const payload = [['skipWelcome', 'true']];
  if (extensionPath) payload.unshift(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]);
  if (inspectExtensions) payload.push(['inspect-extensions', String(inspectExtensions)]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  if (env) payload.push(['extensionEnvironment', JSON.stringify(env)]);
  const where = folder === undefined ? 'ew=true' : `folder=${encodeURIComponent(folder)}`;
  return `${base}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

module.exports = { startCodeServer, workbenchUrl, chromiumArgs };
