// Opens Symphony's developer dashboard in headless chromium (playwright-core) and checks that it
// follows a room live. Driven by DashboardBrowserTest over stdin/stdout:
//   we print READY once the page streams events; the test joins a client and writes a line;
//   we wait for the room's row with 1 connection and print SEEN 1; the test joins a second client
//   and writes a line; we wait for 2 connections, open the room's detail (its JSON document),
//   save a screenshot and print DONE.
// Usage: node dashboard.mjs <server http url> <room id> <screenshot path> <grafana url>
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const [base, room, screenshot, grafana] = process.argv.slice(2);
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/dashboard');
  await page.waitForSelector('#status.live', { timeout: 30000 });
  const row = `#roomTable tr[data-room="${room}"]`;
  if (await page.locator(row).count() !== 0) throw new Error(`room ${room} listed before anyone joined`);
  console.log('READY');

  const connectionsAre = (n) => page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector)?.textContent === expected,
    [`${row} td[data-field="connections"]`, String(n)], { timeout: 30000 });
  await nextCommand();
  await connectionsAre(1);
  console.log('SEEN 1');
  await nextCommand();
  await connectionsAre(2);
  console.log('SEEN 2');

  await page.locator(row).click();
  await page.waitForFunction(
    () => document.querySelector('#detailDocument').textContent.includes('hello from java'),
    null, { timeout: 30000 });
  // Links to the Grafana dashboards: the overview, and the room dashboard for this room.
  await page.waitForSelector(`a[href="${grafana}/d/symphony-overview"]`, { timeout: 10000 });
  await page.waitForSelector(
    `a[href="${grafana}/d/symphony-room?var-room=${encodeURIComponent(room)}"]`, { timeout: 10000 });
  const cards = await page.locator('#connections').textContent();
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`DONE connections=${cards}`);
} finally {
  await browser.close();
  input.close(); // else the open stdin keeps node running
  process.stdin.destroy();
}
