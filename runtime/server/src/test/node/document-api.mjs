// Scenarios for the document API (dev.symphony.server.api): real Yjs clients stay connected while
// a backend changes the room over HTTP. Usage:
//   node document-api.mjs live  <ws://host:port> <room> <admin-token|->
//   node document-api.mjs check <ws://host:port> <room> <expected-content-json>
// Prints "OK <scenario> ..." and exits 0, or prints the failure and exits 1.
import * as Y from 'yjs'
import { waitFor, client, synced, content, json, destroy, assertEqual, assert, canonical } from './lib.mjs'

const [scenarioName, url, room, arg] = process.argv.slice(2)
const http = url.replace(/^ws/, 'http')
const headers = arg && arg !== '-' && scenarioName === 'live' ? { authorization: `Bearer ${arg}` } : {}

const post = async (path, body, type) => {
  const response = await fetch(`${http}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': type, 'x-symphony-actor': 'interop-test' },
    body
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${text}`)
  return JSON.parse(text)
}

/** What the backend writes, as a Yjs update made by its own Y.Doc. */
const backendUpdate = () => {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, 'from the backend')
  doc.getMap('map').set('imported', true)
  return Y.encodeStateAsUpdate(doc)
}

const edits = [
  { op: 'map.set', type: 'map', key: 'title', value: 'Edited' },
  { op: 'map.set', type: 'map', key: 'plain', value: { a: [1, 2], b: null } },
  { op: 'map.set', type: 'map', key: 'tasks', value: { $yarray: [{ $ymap: { name: 'write', done: false } }] } },
  { op: 'map.set', type: 'map', path: ['tasks', 0], key: 'done', value: true },
  { op: 'array.insert', type: 'array', index: 0, values: ['x', 2, { $ytext: 'nested text' }] },
  { op: 'array.delete', type: 'array', index: 1, length: 1 },
  { op: 'text.insert', type: 'text', index: 0, text: 'Hello, ', attributes: { bold: true } },
  { op: 'text.delete', type: 'text', index: 7, length: 5 },
  { op: 'text.format', type: 'text', index: 0, length: 5, attributes: { italic: true } },
  { op: 'map.delete', type: 'map', key: 'imported' }
]

const expected = {
  text: 'Hello, the backend',
  map: { title: 'Edited', plain: { a: [1, 2], b: null }, tasks: [{ name: 'write', done: true }] },
  array: ['x', 'nested text']
}

const scenarios = {
  /** Two clients connected; a binary update and a JSON edit reach both; a late joiner sees them. */
  async live () {
    const a = client(url, room)
    const b = client(url, room)
    await synced(a)
    await synced(b)
    const before = Y.encodeStateVector(a.doc)

    const posted = await post(`/api/rooms/${encodeURIComponent(room)}/update`, backendUpdate(), 'application/octet-stream')
    assert(typeof posted.stateVector === 'string', `update reply without stateVector: ${JSON.stringify(posted)}`)
    for (const c of [a, b]) {
      await waitFor('the binary update at a client', () => c.doc.getText('text').toString() === 'from the backend' &&
        c.doc.getMap('map').get('imported') === true, 15000, () => json(c.doc))
    }

    let updatesAtA = 0
    a.doc.on('update', () => { updatesAtA++ })
    const edited = await post(`/api/rooms/${encodeURIComponent(room)}/edits`, JSON.stringify(edits), 'application/json')
    assert(edited.operations === edits.length, `edits reply: ${JSON.stringify(edited)}`)
    for (const c of [a, b]) {
      await waitFor('the JSON edits at a client', () => json(c.doc) === canonical(expected), 15000, () => json(c.doc))
    }
    assert(updatesAtA === 1, `the edits arrived as ${updatesAtA} updates, not one transaction`)
    const delta = a.doc.getText('text').toDelta()
    assertEqual(delta, [
      { insert: 'Hello', attributes: { bold: true, italic: true } },
      { insert: ', ', attributes: { bold: true } },
      { insert: 'the backend' }
    ], 'text formatting')
    assert(a.doc.getMap('map').get('tasks') instanceof Y.Array, 'tasks is a Y.Array')
    assert(a.doc.getArray('array').get(1) instanceof Y.Text, 'array[1] is a Y.Text')

    // GET with the state vector from before the changes: exactly what was missing then.
    const diff = await fetch(`${http}/api/rooms/${encodeURIComponent(room)}/update?stateVector=${encodeURIComponent(Buffer.from(before).toString('base64'))}`, { headers })
    assert(diff.status === 200, `GET diff: ${diff.status}`)
    const late = client(url, room)
    await synced(late)
    await waitFor('the late joiner', () => json(late.doc) === canonical(expected), 15000, () => json(late.doc))
    destroy(a, b, late)
    return `both clients and a late joiner have ${canonical(expected)}`
  },

  /** A client that connects (after a restart) sees the expected content. */
  async check () {
    const wanted = JSON.parse(arg)
    const c = client(url, room)
    await synced(c)
    await waitFor('the stored content', () => json(c.doc) === canonical(wanted), 15000, () => json(c.doc))
    assertEqual(content(c.doc), wanted, 'content after restart')
    destroy(c)
    return 'content survived'
  }
}

const scenario = scenarios[scenarioName]
if (!scenario) {
  console.error(`unknown scenario ${scenarioName}`)
  process.exit(2)
}
try {
  const detail = await scenario()
  console.log(`OK ${scenarioName} ${detail}`)
  process.exit(0)
} catch (e) {
  console.error(`FAILED ${scenarioName}: ${e.stack || e}`)
  process.exit(1)
}
