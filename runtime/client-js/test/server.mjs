// The Symphony server the tests talk to: SYMPHONY_URL when set (the JUnit test that runs these
// tests starts one and sets it), else `./symphony serve` from this repository on a free port with a
// temporary data directory, stopped when the tests end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { connect } from '../dist/index.js';

const repository = resolve(fileURLToPath(import.meta.url), '../../../..');

export async function startServer() {
  if (process.env.SYMPHONY_URL) return { url: process.env.SYMPHONY_URL, stop: async () => {} };
  const port = await freePort();
  const data = mkdtempSync(joinPath(tmpdir(), 'symphony-client-js-'));
  const server = spawn(joinPath(repository, 'symphony'), ['serve', '--port', String(port), '--data-dir', data], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
    }
    rmSync(data, { recursive: true, force: true });
  };
  try {
    await waitForReady(`http://127.0.0.1:${port}/readyz`, server);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `ws://127.0.0.1:${port}`, stop };
}

/** Joins {@code room} with the `ws` WebSocket (Node 20 has no global one) and waits for the sync. */
export async function join(url, room, options = {}) {
  const joined = connect(url, room, { WebSocket, ...options });
  await within(joined.whenSynced(), 10000, `room ${room} did not sync`);
  return joined;
}

/** Resolves once {@code check()} is true; fails with {@code what} after {@code ms}. */
export async function eventually(check, what, ms = 10000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function uniqueRoom(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function waitForReady(url, server) {
  const deadline = Date.now() + 180000; // the first ./symphony run builds the distribution
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`symphony serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`symphony serve was not ready at ${url}`);
}
