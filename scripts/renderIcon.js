// Renders the marketplace icon, media/icon.png (128×128), from the activity bar's media/webhooks.svg:
// the same strokes in white on a rounded square in the project's blue, drawn by Chromium (the
// provisioned browser, through playwright-core) and saved as a PNG with a transparent corner.
// Run it after changing webhooks.svg: `node scripts/renderIcon.js`.
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const paths = require('../test/harness/paths');

const SIZE = 128;
const BACKGROUND = '#1f6feb';

async function main() {
  const svg = fs
    .readFileSync(path.join(paths.repo, 'media', 'webhooks.svg'), 'utf8')
    .replace(/currentColor/g, '#ffffff')
    .replace(/width="24" height="24"/, 'width="88" height="88"');
  const html = `<!doctype html><html><body style="margin:0;background:transparent">
    <div id="icon" style="width:${SIZE}px;height:${SIZE}px;border-radius:24px;background:${BACKGROUND};display:flex;align-items:center;justify-content:center">${svg}</div>
  </body></html>`;
  const browser = await chromium.launch({ executablePath: paths.chromium, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(html);
    const out = path.join(paths.repo, 'media', 'icon.png');
    await page.locator('#icon').screenshot({ path: out, omitBackground: true });
    console.log(`Wrote ${path.relative(paths.repo, out)}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
