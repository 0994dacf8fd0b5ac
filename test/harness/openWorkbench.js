// `npm start`: builds the extension and opens a real VS Code with it loaded — the desktop `code` CLI
// when there is one, otherwise code-server on 127.0.0.1 (installed once into .vscode-test/), whose URL
// is printed for a browser. Ctrl+C stops it.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const paths = require('./paths');

function hasDesktopCode() {
  if (process.env.WEBHOOK_WORKBENCH_USE_CODE_SERVER) return false;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 && !found.stdout.includes('code-server');
}

async function main() {
  execFileSync(process.execPath, [path.join(paths.repo, 'esbuild.js')], { stdio: 'inherit', cwd: paths.repo });
  const folder = process.argv[2] ? path.resolve(process.argv[2]) : process.cwd();
  if (hasDesktopCode()) {
    console.log(`Opening VS Code with the extension in development mode on ${folder}`);
    execFileSync('code', [`--extensionDevelopmentPath=${paths.repo}`, '--new-window', folder], { stdio: 'inherit' });
    return;
  }
  require('./provision').provision();
  const { startCodeServer, workbenchUrl } = require('./codeServer');
  const server = await startCodeServer();
  const url = workbenchUrl(server.url, { folder, extensionPath: paths.repo });
  console.log(`\nVS Code (code-server) is running with Webhook Workbench loaded. Open this URL in a browser:\n\n  ${url}\n\nPress Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    fs.rmSync(server.scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
