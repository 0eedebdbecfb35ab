// The whiteboard demo in real browsers (Debian's chromium, headless, driven by playwright-core).
// Driven by WhiteboardBrowserTest (backends/single-node) over stdin/stdout: two users, alice and bob,
// each in their own browser context (no shared storage, no BroadcastChannel: only the server links
// them), draw in one room; we check that strokes and cursors cross over, that undo takes back only
// the undoer's stroke on both screens, and that a server restart loses nothing:
//   we print STOP; the test stops the server and writes a line; we see both pages lose the connection,
//   alice draws while the server is down, and we print START; the test starts the server on the same
//   port and data directory and writes a line; we wait for both pages to reconnect and show the same
//   drawing, check a newcomer sees it too, save screenshots and print DONE.
// Usage: node test/browser/whiteboard.mjs <server http url> <room> <screenshot folder>
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import readline from 'node:readline';

const [base, room, screenshots] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
const WAIT = { timeout: 30000 };
mkdirSync(screenshots, { recursive: true });

async function nextCommand() {
  const { value, done } = await lines.next();
  if (done) throw new Error('the test closed stdin');
  return value;
}

function step(message) {
  console.log(`# ${message}`);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];

async function openAs(name, color) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${name}: ${e}`));
  // Failed WebSocket attempts are expected while the server is restarting; anything else is not.
  page.on('console', (m) => m.type() === 'error' && !/^WebSocket connection to .* failed/.test(m.text())
    && errors.push(`${name} console: ${m.text()}`));
  await page.goto(`${base}/demo/${encodeURIComponent(room)}?name=${name}&color=${encodeURIComponent(color)}`);
  await page.waitForSelector('#status.connected', WAIT);
  await page.waitForFunction(() => window.whiteboard?.room.synced, null, WAIT);
  return page;
}

/** Drags the mouse through {@code points} (canvas coordinates) with the button down. */
async function drag(page, points) {
  const box = await page.locator('#canvas').boundingBox();
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first[0], box.y + first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
  await page.mouse.up();
}

async function hover(page, x, y) {
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
}

const shapesOn = (page) => page.evaluate(() => window.whiteboard.shapes.toJSON());
const rendered = (page) => page.$$eval('#shapes [data-id]', (all) =>
  all.map((g) => `${g.dataset.kind}:${g.dataset.author}:${g.getAttribute('transform')}`).sort());

async function shapesAre(page, expected, what) {
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('#shapes [data-id]')]
      .map((g) => `${g.dataset.kind}:${g.dataset.author}`).sort().join(',') === want,
    [...expected].sort().join(','), WAIT,
  ).catch(async (e) => {
    throw new Error(`${what}: expected ${expected}, page shows ${await rendered(page)} (${e.message})`);
  });
}

async function sameDrawing(a, b, what) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const [left, right] = [await shapesOn(a), await shapesOn(b)];
    if (JSON.stringify(sorted(left)) === JSON.stringify(sorted(right))
      && JSON.stringify(await rendered(a)) === JSON.stringify(await rendered(b))) return left;
    if (Date.now() > deadline) throw new Error(`${what}: the drawings differ:\n${JSON.stringify(left)}\n${JSON.stringify(right)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
  }
  return value;
}

try {
  const alice = await openAs('alice', '#e8590c');
  const bob = await openAs('bob', '#1098ad');
  step('both pages connected');

  await drag(alice, [[80, 80], [180, 140], [260, 90], [330, 170]]);
  await shapesAre(bob, ['line:alice'], "alice's stroke on bob's page");
  await drag(bob, [[90, 300], [200, 360], [320, 300]]);
  await shapesAre(alice, ['line:alice', 'line:bob'], "bob's stroke on alice's page");
  await shapesAre(bob, ['line:alice', 'line:bob'], "bob's own page");
  step('strokes cross over');

  await hover(alice, 500, 250);
  const aliceCursor = bob.locator('#cursors .cursor[data-name="alice"]');
  await aliceCursor.waitFor({ state: 'visible', ...WAIT });
  await bob.waitForFunction(() => {
    const c = document.querySelector('#cursors .cursor[data-name="alice"]');
    return c && Math.abs(parseFloat(c.style.left) - 500) <= 1 && Math.abs(parseFloat(c.style.top) - 250) <= 1;
  }, null, WAIT);
  if (!(await aliceCursor.textContent()).includes('alice')) throw new Error("alice's cursor has no name");
  await alice.locator('#cursors .cursor[data-name="bob"]').waitFor({ state: 'visible', ...WAIT });
  await bob.waitForFunction(() => document.querySelector('#users').textContent.includes('alice')
    && document.querySelector('#users').textContent.includes('bob (you)'), null, WAIT);
  step('cursors and the user list show the other user');
  await alice.screenshot({ path: join(screenshots, 'whiteboard-1-alice.png') });
  await bob.screenshot({ path: join(screenshots, 'whiteboard-1-bob.png') });

  await alice.click('#undo');
  await shapesAre(alice, ['line:bob'], "alice's undo on her page");
  await shapesAre(bob, ['line:bob'], "alice's undo on bob's page");
  step("undo took back alice's stroke only, on both pages");
  await alice.click('#redo');
  await shapesAre(bob, ['line:alice', 'line:bob'], "alice's redo on bob's page");
  await alice.click('#undo');
  await shapesAre(bob, ['line:bob'], "alice's second undo on bob's page");

  // Shapes, colours, selection and move.
  await alice.click('button[data-tool="rect"]');
  await alice.click('.swatch[data-color="#e03131"]');
  await drag(alice, [[420, 80], [560, 180]]);
  await bob.click('button[data-tool="ellipse"]');
  await drag(bob, [[620, 320], [760, 420]]);
  await shapesAre(alice, ['line:bob', 'rect:alice', 'ellipse:bob'], 'rectangle and ellipse on alice\'s page');
  const rect = Object.values(await shapesOn(bob)).find((s) => s.kind === 'rect');
  if (rect.color !== '#e03131' || rect.w !== 140 || rect.h !== 100) throw new Error(`rectangle as bob sees it: ${JSON.stringify(rect)}`);
  await bob.click('button[data-tool="select"]');
  await drag(bob, [[690, 370], [740, 470]]); // grab the ellipse by its middle and move it
  await alice.waitForFunction(() => Object.values(window.whiteboard.shapes.toJSON())
    .some((s) => s.kind === 'ellipse' && s.x === 670 && s.y === 420), null, WAIT);
  await bob.keyboard.press('Delete');
  await shapesAre(alice, ['line:bob', 'rect:alice'], "bob's delete on alice's page");
  await bob.keyboard.press('Control+z');
  await shapesAre(alice, ['line:bob', 'rect:alice', 'ellipse:bob'], "bob's undone delete on alice's page");
  step('rectangle, ellipse, colour, select, move, delete and undo cross over');
  await sameDrawing(alice, bob, 'before the restart');

  console.log('STOP');
  await nextCommand();
  await alice.waitForSelector('#status:not(.connected)', WAIT);
  await bob.waitForSelector('#status:not(.connected)', WAIT);
  step('both pages show the lost connection');
  await alice.click('button[data-tool="ellipse"]');
  await drag(alice, [[150, 450], [260, 560]]); // drawn while the server is down
  await alice.screenshot({ path: join(screenshots, 'whiteboard-2-alice-offline.png') });
  console.log('START');
  await nextCommand();
  await alice.waitForSelector('#status.connected', WAIT);
  await bob.waitForSelector('#status.connected', WAIT);
  const expected = ['line:bob', 'rect:alice', 'ellipse:bob', 'ellipse:alice'];
  await shapesAre(bob, expected, "bob's page after the restart");
  const drawing = await sameDrawing(alice, bob, 'after the restart');
  const inList = (page, name) => page.waitForFunction(
    (who) => [...document.querySelectorAll('#users li')].some((li) => li.textContent === who), name, WAIT);
  await inList(alice, 'bob');
  await inList(bob, 'alice');
  step('after the restart each page lists the other user again');
  const carol = await openAs('carol', '#7048e8');
  await shapesAre(carol, expected, "a newcomer's page after the restart");
  await sameDrawing(alice, carol, 'the newcomer');
  step('after the restart both pages, and a newcomer, show the same drawing');
  await alice.screenshot({ path: join(screenshots, 'whiteboard-3-alice.png') });
  await bob.screenshot({ path: join(screenshots, 'whiteboard-3-bob.png') });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`DONE shapes=${Object.keys(drawing).length}`);
} finally {
  await browser.close();
  input.close(); // else the open stdin keeps node running
  process.stdin.destroy();
}
