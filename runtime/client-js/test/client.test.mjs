// @symphony/client against a real Symphony server (see server.mjs): two users per room, each with
// their own document and WebSocket, so everything checked here went through the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SyncedList, SyncedMap } from '../dist/index.js';
import { eventually, join, startServer, uniqueRoom } from './server.mjs';

let server;
const opened = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  opened.forEach((room) => room.close());
  await server?.stop();
});

async function twoUsers(prefix) {
  const room = uniqueRoom(prefix);
  const alice = await join(server.url, room, { presence: { name: 'alice' } });
  const bob = await join(server.url, room, { presence: { name: 'bob' } });
  opened.push(alice, bob);
  return [alice, bob];
}

test('maps and lists reach the other user, nested values converted both ways', async () => {
  const [alice, bob] = await twoUsers('convert');
  alice.map('settings').set('board', { title: 'plan', tags: ['a', 'b'], owner: { name: 'alice' } });
  alice.list('notes').push('first', { text: 'second', done: false });

  const board = () => bob.map('settings').get('board');
  await eventually(() => board() !== undefined && bob.list('notes').length === 2, 'bob sees the values');
  assert.ok(board() instanceof SyncedMap, 'a nested object reads back as a live SyncedMap');
  assert.ok(board().get('tags') instanceof SyncedList, 'a nested array reads back as a live SyncedList');
  assert.ok(board().yMap.get('owner').constructor.name.endsWith('Map'), 'stored as a Y.Map');
  assert.deepEqual(bob.map('settings').toJSON(), {
    board: { title: 'plan', tags: ['a', 'b'], owner: { name: 'alice' } },
  });
  assert.deepEqual(bob.list('notes').toJSON(), ['first', { text: 'second', done: false }]);

  // A nested value changes field by field: both users' edits to the same object merge.
  board().get('tags').push('c');
  alice.map('settings').get('board').set('title', 'plan v2');
  await eventually(
    () => alice.map('settings').get('board').get('tags').length === 3 && board().get('title') === 'plan v2',
    'both nested edits arrive on both sides',
  );
  assert.deepEqual(alice.map('settings').toJSON(), bob.map('settings').toJSON());
  assert.deepEqual(alice.map('settings').get('board').get('tags').toJSON(), ['a', 'b', 'c']);
});

test('array-like helpers read lists and maps', async () => {
  const [alice, bob] = await twoUsers('helpers');
  const shapes = alice.list('shapes');
  shapes.push(
    { id: 'r1', kind: 'rect', w: 10 },
    { id: 'e1', kind: 'ellipse', w: 20 },
    { id: 'r2', kind: 'rect', w: 30 },
  );
  const seen = bob.list('shapes');
  await eventually(() => seen.length === 3, 'bob has the three shapes');
  assert.deepEqual(seen.filter((s) => s.get('kind') === 'rect').map((s) => s.get('id')), ['r1', 'r2']);
  assert.equal(seen.find((s) => s.get('w') > 15).get('id'), 'e1');
  assert.equal(seen.findIndex((s) => s.get('id') === 'r2'), 2);
  assert.equal(seen.findIndex((s) => s.get('id') === 'nope'), -1);
  assert.equal(seen.reduce((sum, s) => sum + s.get('w'), 0), 60);
  assert.ok(seen.some((s) => s.get('kind') === 'ellipse'));
  assert.ok(!seen.every((s) => s.get('kind') === 'rect'));
  assert.deepEqual([...seen].map((s) => s.get('id')), ['r1', 'e1', 'r2']);

  const byId = alice.map('byId');
  alice.batch(() => shapes.forEach((s) => byId.set(s.get('id'), s.toJSON())));
  const other = bob.map('byId');
  await eventually(() => other.size === 3, 'bob has the map');
  assert.deepEqual(other.filter((s) => s.get('kind') === 'rect').map((s) => s.get('w')).sort(), [10, 30]);
  assert.equal(other.find((_, key) => key === 'e1').get('w'), 20);
  assert.deepEqual(other.keys().sort(), ['e1', 'r1', 'r2']);

  seen.delete(0);
  seen.set(0, { id: 'e2', kind: 'ellipse', w: 5 });
  await eventually(() => shapes.length === 2 && shapes.get(0).get('id') === 'e2', 'alice sees delete and set');
  assert.equal(shapes.get(5), undefined);
  assert.throws(() => shapes.delete(7), RangeError);
  assert.throws(() => shapes.insert(9, 'x'), RangeError);
});

test('many inserts are one transaction: the other user receives one update', async () => {
  const [alice, bob] = await twoUsers('batch');
  let updates = 0;
  bob.doc.on('update', () => updates++);
  const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i * 2 }));
  alice.list('points').push(...points);
  await eventually(() => bob.list('points').length === 1000, 'bob has the 1000 points');
  assert.equal(updates, 1, 'one push of 1000 items arrives as one update');

  alice.batch(() => {
    alice.list('points').push({ x: -1, y: -1 });
    alice.map('meta').set('count', 1001);
    alice.map('meta').set('by', 'alice');
  });
  await eventually(() => bob.map('meta').get('by') === 'alice', 'bob has the batch');
  assert.equal(updates, 2, 'one batch arrives as one update');
  assert.equal(bob.list('points').length, 1001);
});

test('undo and redo take back only this user\'s changes', async () => {
  const [alice, bob] = await twoUsers('history');
  const aliceShapes = alice.list('shapes');
  const bobShapes = bob.list('shapes');
  aliceShapes.push({ id: 'a1' });
  alice.history.stopCapturing();
  await eventually(() => bobShapes.length === 1, 'bob sees a1');
  bobShapes.push({ id: 'b1' }); // after alice's change: undo must still skip it
  await eventually(() => aliceShapes.length === 2, 'alice sees b1');
  assert.ok(!bob.history.canRedo());

  assert.ok(alice.history.canUndo());
  assert.equal(alice.history.undo(), true);
  const ids = (list) => list.map((s) => s.get('id'));
  await eventually(() => bobShapes.length === 1, 'bob sees alice\'s undo');
  assert.deepEqual(ids(aliceShapes), ['b1']);
  assert.deepEqual(ids(bobShapes), ['b1']);
  assert.equal(alice.history.undo(), false, 'nothing more of alice\'s to undo');

  assert.equal(alice.history.redo(), true);
  await eventually(() => bobShapes.length === 2, 'bob sees alice\'s redo');
  assert.deepEqual(ids(bobShapes).sort(), ['a1', 'b1']);

  // bob's own history holds his change only
  assert.equal(bob.history.undo(), true);
  await eventually(() => aliceShapes.length === 1, 'alice sees bob\'s undo');
  assert.deepEqual(ids(aliceShapes), ['a1']);
});

test('pause and resume make many changes one step of history', async () => {
  const [alice] = await twoUsers('pause');
  const shape = () => alice.map('shapes').get('s');
  alice.map('shapes').set('s', { x: 0, y: 0 });
  alice.history.stopCapturing();
  alice.history.pause();
  for (let i = 1; i <= 5; i++) {
    shape().update({ x: i * 10, y: i });
    await new Promise((done) => setTimeout(done, 120)); // longer than... 
  }
  await new Promise((done) => setTimeout(done, 600)); // ...the 500 ms capture timeout in total
  shape().set('x', 99);
  alice.history.resume();
  shape().set('y', 7); // after resume: a step of its own

  assert.equal(alice.history.undo(), true);
  assert.deepEqual(shape().toJSON(), { x: 99, y: 5 }, 'the change after resume is undone alone');
  assert.equal(alice.history.undo(), true);
  assert.deepEqual(shape().toJSON(), { x: 0, y: 0 }, 'the whole paused drag is undone in one step');
  assert.equal(alice.history.redo(), true);
  assert.deepEqual(shape().toJSON(), { x: 99, y: 5 });

  // A pause that saw no change leaves history as it was: later steps stay apart.
  alice.history.pause();
  alice.history.resume();
  shape().set('x', 1);
  await new Promise((done) => setTimeout(done, 700)); // past the 500 ms capture timeout
  shape().set('x', 2);
  assert.equal(alice.history.undo(), true);
  assert.equal(shape().get('x'), 1, 'only the last change is undone');
});

test('presence: each user sees the others, and sees them leave', async () => {
  const [alice, bob] = await twoUsers('presence');
  const names = (room) => room.presence.others().map((peer) => peer.presence.name).sort();
  await eventually(() => names(alice).includes('bob') && names(bob).includes('alice'), 'both see each other');

  const updates = [];
  const stop = bob.presence.subscribe((others) => updates.push(others));
  alice.presence.set({ cursor: { x: 3, y: 4 } });
  await eventually(
    () => bob.presence.others().some((p) => p.presence.cursor?.x === 3),
    'bob sees alice\'s cursor',
  );
  assert.equal(alice.presence.get().name, 'alice', 'set merges into the state');
  assert.ok(updates.length > 0, 'subscribers hear of the change');
  assert.equal(bob.presence.others()[0].clientId, alice.doc.clientID);
  stop();

  alice.close();
  await eventually(() => names(bob).length === 0, 'bob sees alice leave');
});

test('connection status events, token as a query parameter, and close', async () => {
  const statuses = [];
  const room = await join(server.url, uniqueRoom('status'), { token: 'not-checked-here' });
  room.onStatus((status) => statuses.push(status));
  assert.equal(room.status, 'connected');
  assert.ok(room.synced);
  assert.match(room.provider.url, /\?token=not-checked-here$/);
  room.close();
  assert.deepEqual(statuses, ['disconnected']);
  assert.equal(room.status, 'disconnected');
});

test('values a CRDT cannot hold are refused with their path', async () => {
  const [alice] = await twoUsers('refuse');
  const map = alice.map('m');
  assert.throws(() => map.set('f', { nested: { fn: () => 1 } }), /f\.nested\.fn is function/);
  assert.throws(() => map.set('d', new Date()), /d is Date/);
  assert.throws(() => alice.list('l').push(Number.NaN), /only finite numbers/);
  map.set('skip', { kept: 1, gone: undefined });
  assert.deepEqual(map.get('skip').toJSON(), { kept: 1 });
  map.set('copy', map.get('skip')); // a live value is stored as a copy
  map.get('skip').set('kept', 2);
  assert.deepEqual(map.get('copy').toJSON(), { kept: 1 });
});

test('after a reconnection the others show again at once, not at their next change', async () => {
  const [alice, bob] = await twoUsers('rejoin');
  const sees = (room, name) => room.presence.others().some((peer) => peer.presence.name === name);
  await eventually(() => sees(alice, 'bob'), 'alice sees bob');
  const statuses = [];
  alice.onStatus((status) => statuses.push(status));
  alice.provider.disconnect();
  await eventually(() => !sees(alice, 'bob'), 'alice forgets bob while disconnected');
  alice.provider.connect();
  await alice.whenSynced();
  // Bob changes nothing; awareness would only renew his state after 15 s.
  await eventually(() => sees(alice, 'bob'), 'alice sees bob again after reconnecting', 3000);
  assert.deepEqual(statuses, ['disconnected', 'connecting', 'connected']);
});

// Needs a server that requires tokens: ClientLibraryTest starts one and passes its address, a room
// and a write token for it.
const secured = process.env.SYMPHONY_AUTH_URL;
test('the token option reaches a server that requires room tokens', {
  skip: secured ? false : 'set SYMPHONY_AUTH_URL, SYMPHONY_AUTH_ROOM and SYMPHONY_AUTH_TOKEN (ClientLibraryTest does)',
}, async () => {
  const room = process.env.SYMPHONY_AUTH_ROOM;
  const writer = await join(secured, room, { token: process.env.SYMPHONY_AUTH_TOKEN });
  opened.push(writer);
  writer.map('m').set('by', 'token holder');
  const reader = await join(secured, room, { token: process.env.SYMPHONY_AUTH_TOKEN });
  opened.push(reader);
  await eventually(() => reader.map('m').get('by') === 'token holder', 'the second token holder reads it');

  const { connect } = await import('../dist/index.js');
  const { default: WebSocket } = await import('ws');
  const anonymous = connect(secured, room, { WebSocket, maxBackoffTime: 200 });
  opened.push(anonymous);
  await new Promise((done) => setTimeout(done, 1500));
  assert.notEqual(anonymous.status, 'connected', 'without a token the server refuses the connection');
  assert.equal(anonymous.synced, false);
  assert.equal(anonymous.map('m').get('by'), undefined);
});

test('any room id reaches the server whole', async () => {
  const id = `${uniqueRoom('odd')} a?b#c%d/é`;
  const alice = await join(server.url, id);
  opened.push(alice);
  alice.map('m').set('here', true);
  const http = server.url.replace(/^ws/, 'http');
  await eventually(() => alice.synced, 'alice synced');
  const response = await fetch(`${http}/api/rooms/${encodeURIComponent(id)}`);
  assert.equal(response.status, 200, `the admin API knows room ${id}`);
  assert.equal((await response.json()).id, id);
  const bob = await join(server.url, id);
  opened.push(bob);
  await eventually(() => bob.map('m').get('here') === true, 'bob in the same room reads it');
});
