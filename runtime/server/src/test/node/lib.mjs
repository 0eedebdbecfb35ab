// Helpers for the interop scenarios: real Yjs clients (yjs + the y-websocket provider) talking to
// a running Symphony server.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

/** A seeded PRNG (mulberry32), so a failing run can be replayed. */
export const rng = (seed) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    word: (n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('')
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until check() is truthy; fails with the label and the last describe() after timeoutMs. */
export const waitFor = async (label, check, timeoutMs = 15000, describe = () => '') => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (check()) return
    await sleep(20)
  }
  throw new Error(`timed out waiting for ${label} ${describe()}`)
}

/** A client: a Y.Doc connected by the standard WebsocketProvider (no BroadcastChannel shortcut). */
export const client = (url, room, options = {}) => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    ...options
  })
  const closeEvents = []
  provider.on('connection-close', (event) => closeEvents.push(event && event.code))
  return { doc, provider, closeEvents }
}

export const synced = (c, label = 'sync') =>
  waitFor(`${label} of ${c.provider.roomname}`, () => c.provider.synced, 15000)

/** The content every scenario compares: the three shared types by name. */
export const content = (doc) => ({
  text: doc.getText('text').toString(),
  map: doc.getMap('map').toJSON(),
  array: doc.getArray('array').toJSON()
})

/** JSON with object keys sorted: a Y.Map's key order depends on arrival order, its content not. */
export const canonical = (value) => JSON.stringify(value, (key, v) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
    : v)

export const json = (doc) => canonical(content(doc))

export const stateVector = (doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64')

/** Leaves without a goodbye: the TCP connection just drops, as when a laptop lid closes. */
export const dropConnection = (c) => {
  const ws = c.provider.ws
  if (ws) ws.terminate()
}

export const destroy = (...clients) => {
  for (const c of clients) {
    c.provider.destroy()
    c.provider.awareness.destroy()
    c.doc.destroy()
  }
}

/** A bare WebSocket to send whatever bytes a test wants; resolves its close code. */
export const rawSocket = async (url, room) => {
  const ws = new WebSocket(`${url}/${room}`)
  const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  await new Promise((resolve, reject) => {
    ws.on('open', resolve)
    ws.on('error', reject)
  })
  return { ws, closed }
}

export const assertEqual = (actual, expected, what) => {
  const a = canonical(actual)
  const e = canonical(expected)
  if (a !== e) throw new Error(`${what}: expected ${e.slice(0, 300)} but got ${a.slice(0, 300)}`)
}

export const assert = (condition, what) => {
  if (!condition) throw new Error(what)
}
