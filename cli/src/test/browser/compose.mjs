// Opens the starter page of `symphony compose` in two headless chromium windows (separate browser
// contexts, like two people) and checks that they share one list and see each other, through a real
// `symphony serve`. Driven by dev.symphony.cli.compose.ComposeBrowserTest; prints SYNCED on success.
// With --reopen: one window that must find the list as the first run left it; prints REOPENED.
// Usage: node compose.mjs <page url> <symphony ws url> <room> [--reopen]
import { chromium } from 'playwright-core';

const [pageUrl, server, room, mode] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const timeout = 30000;

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];

async function open(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
  const query = new URLSearchParams({ server, room, name });
  await page.goto(`${pageUrl}?${query}`);
  await page.waitForSelector('#status.connected', { timeout });
  return page;
}

const items = (page) => page.locator('#items li span').allTextContents();
const people = (page) => page.locator('#people li').allTextContents();

async function waitFor(description, check) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting until ${description} (last seen: ${JSON.stringify(last)})`);
}

async function add(page, text) {
  await page.fill('#item', text);
  await page.press('#item', 'Enter');
}

try {
  if (mode === '--reopen') {
    const carol = await open('carol');
    await waitFor('the stored list arrives', async () => {
      const seen = await items(carol);
      return JSON.stringify(seen) === JSON.stringify(['bread (bob)']) || seen;
    });
    if (errors.length) throw new Error('page errors: ' + errors.join('; '));
    console.log(`REOPENED items=${JSON.stringify(await items(carol))}`);
    process.exit(0);
  }
  const alice = await open('alice');
  const bob = await open('bob');

  // Presence: each sees the other, and itself marked "(you)".
  await waitFor('alice sees bob', async () => (await people(alice)).includes('bob') || people(alice));
  await waitFor('bob sees alice', async () => (await people(bob)).includes('alice') || people(bob));
  await waitFor('alice sees herself', async () => (await people(alice)).includes('alice (you)') || people(alice));

  // The shared list, both ways.
  await add(alice, 'milk (alice)');
  await waitFor('bob sees alice\'s item', async () => (await items(bob)).includes('milk (alice)') || items(bob));
  await add(bob, 'bread (bob)');
  await waitFor('alice sees bob\'s item', async () => {
    const seen = await items(alice);
    return JSON.stringify(seen) === JSON.stringify(['milk (alice)', 'bread (bob)']) || seen;
  });

  // A removal and a rename travel too.
  await bob.locator('#items li', { hasText: 'milk (alice)' }).locator('button').click();
  await waitFor('the removal reaches alice', async () => {
    const seen = await items(alice);
    return JSON.stringify(seen) === JSON.stringify(['bread (bob)']) || seen;
  });
  await bob.fill('#name', 'robert');
  await waitFor('alice sees the new name', async () => (await people(alice)).includes('robert') || people(alice));

  // Leaving: bob's window closes, alice's presence list drops him.
  await bob.close({ runBeforeUnload: true });
  await waitFor('robert leaves alice\'s list', async () => {
    const seen = await people(alice);
    return JSON.stringify(seen) === JSON.stringify(['alice (you)']) || seen;
  });

  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`SYNCED items=${JSON.stringify(await items(alice))}`);
} finally {
  await browser.close();
}
