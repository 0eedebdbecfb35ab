// Takes, views and restores a version through Symphony's developer dashboard in headless chromium
// (playwright-core). Driven by dev.symphony.server.version.VersionDashboardBrowserTest over
// stdin/stdout: we open the room (its document holds "first text"), take a version named through
// the form and print TAKEN <id>; the test changes the document and writes a line; we view the
// version (its JSON shows "first text"), restore it (accepting the confirmation), wait for the
// room's document to show "first text" again, save a screenshot and print RESTORED.
// Usage: node versions.mjs <server http url> <admin token> <room id> <screenshot path>
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const [base, token, room, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();

async function nextCommand() {
  const { value, done } = await lines.next();
  if (done) throw new Error('the test closed stdin');
  return value;
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${base}/dashboard?token=${encodeURIComponent(token)}`);
  await page.waitForSelector('#status.live', { timeout: 30000 });
  await page.locator(`#roomTable tr[data-room="${room}"]`).click({ timeout: 30000 });
  const documentShows = (text) => page.waitForFunction(
    (t) => document.querySelector('#detailDocument').textContent.includes(t), text, { timeout: 30000 });
  await documentShows('first text');
  await page.waitForSelector('#versionsEmpty:not([hidden])', { timeout: 10000 });

  await page.fill('#versionName', 'from the browser');
  await page.click('#takeVersion');
  const row = page.locator('#versionTable tbody tr', { hasText: 'from the browser' });
  await row.waitFor({ timeout: 30000 });
  const id = await row.getAttribute('data-version');
  console.log(`TAKEN ${id}`);

  await nextCommand(); // the test changed the document meanwhile
  await row.locator('button.view').click();
  await page.waitForFunction(
    () => !document.querySelector('#versionView').hidden &&
      document.querySelector('#versionView').textContent.includes('first text'), null, { timeout: 30000 });

  await row.locator('button.restore').click();
  await page.waitForFunction(
    () => document.querySelector('#versionMessage').textContent.startsWith('Restored'), null, { timeout: 30000 });
  await documentShows('first text');
  // The state before the restore is kept as a version too.
  await page.waitForFunction(
    () => [...document.querySelectorAll('#versionTable tbody td')].some((td) => td.textContent === 'restore'),
    null, { timeout: 30000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log('RESTORED');
} finally {
  await browser.close();
  input.close(); // else the open stdin keeps node running
  process.stdin.destroy();
}
