// Version scenarios run by dev.symphony.server.version.VersionRestoreTest: real Yjs clients (yjs +
// y-websocket) edit a room while the version API (plain HTTP, admin token) takes and restores
// versions. Usage: node versions.mjs restore <ws://host:port> <http://host:port> <room> <admin-token>
// Prints "OK restore <v1> <v2>" and exits 0, or prints the failure and exits 1.
import * as Y from 'yjs'
import { waitFor, client, synced, destroy, assert, canonical } from './lib.mjs'

const [scenarioName, url, http, room, adminToken] = process.argv.slice(2)

/** Everything a restore must bring back: text with formatting, map, array, XML, nested types. */
const snapshot = (doc) => canonical({
  text: doc.getText('text').toDelta(),
  map: doc.getMap('map').toJSON(),
  nested: doc.getMap('map').get('nested') instanceof Y.Text ? doc.getMap('map').get('nested').toDelta() : null,
  array: doc.getArray('array').toJSON(),
  xml: doc.getXmlFragment('xml').toString()
})

const api = async (method, path, body) => {
  const response = await fetch(`${http}/api/rooms/${encodeURIComponent(room)}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const json = await response.json()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

const converged = async (what, clients, expected) => {
  for (const [i, c] of clients.entries()) {
    await waitFor(`${what} on client ${i}`, () => snapshot(c.doc) === expected, 15000,
      () => `\n  expected ${expected}\n  got      ${snapshot(c.doc)}`)
  }
}

const scenarios = {
  /** Edits, a version, more edits, restore: every client ends with the version; then forward again. */
  async restore () {
    const a = client(url, room)
    const b = client(url, room)
    await synced(a, 'a sync')
    await synced(b, 'b sync')

    a.doc.transact(() => {
      const text = a.doc.getText('text')
      text.insert(0, 'hello world')
      text.format(0, 5, { bold: true })
      const map = a.doc.getMap('map')
      map.set('title', 'first')
      map.set('count', 1)
      map.set('nested', new Y.Text('inner'))
      a.doc.getArray('array').push([1, 'two', { three: 3 }])
      const p = new Y.XmlElement('p')
      p.setAttribute('class', 'lead')
      p.insert(0, [new Y.XmlText('para one')])
      a.doc.getXmlFragment('xml').insert(0, [p])
    })
    const first = snapshot(a.doc)
    await converged('first edits', [b], first)
    const v1 = await api('POST', '/versions', { name: 'first draft' })
    assert(v1.name === 'first draft' && v1.trigger === 'manual', `v1: ${JSON.stringify(v1)}`)

    // More edits, from both clients, of every kind: insert, delete, format, replace, remove.
    b.doc.transact(() => {
      const text = b.doc.getText('text')
      text.delete(0, 6)
      text.insert(text.length, '!', { italic: true })
      const map = b.doc.getMap('map')
      map.set('title', 'second')
      map.delete('count')
      map.set('added', [1, 2])
      map.get('nested').insert(0, 'very ')
      b.doc.getArray('array').delete(0, 1)
      b.doc.getArray('array').push([4])
    })
    a.doc.transact(() => {
      const xml = a.doc.getXmlFragment('xml')
      xml.get(0).setAttribute('class', 'changed')
      xml.insert(1, [new Y.XmlElement('hr')])
      a.doc.getMap('extra').set('only', 'later')
    })
    await waitFor('both clients to have both edits',
      () => snapshot(a.doc) === snapshot(b.doc) && a.doc.getMap('map').get('title') === 'second' &&
        b.doc.getXmlFragment('xml').length === 2, 15000)
    const second = snapshot(a.doc)
    assert(second !== first, 'the edits changed the document')
    const v2 = await api('POST', '/versions', {})

    // A third client joins; all three are connected during the restores.
    const c = client(url, room)
    await synced(c, 'c sync')
    await converged('c catches up', [c], second)

    const restored = await api('POST', `/versions/${v1.id}/restore`)
    assert(restored.restored.id === v1.id, `restore answer: ${JSON.stringify(restored)}`)
    assert(restored.backup.trigger === 'restore', `backup: ${JSON.stringify(restored.backup)}`)
    await converged('restore of v1', [a, b, c], first)
    assert(a.doc.getMap('extra').size === 0, 'a top-level map absent in v1 is emptied')

    // Clients keep editing after a restore: it was an ordinary transaction.
    a.doc.getText('text').insert(0, '> ')
    await waitFor('edit after restore reaches c', () => c.doc.getText('text').toString().startsWith('> '))

    // Restoring the later version brings the later content back.
    await api('POST', `/versions/${v2.id}/restore`)
    await converged('restore of v2', [a, b, c], second)

    // A client joining afterwards loads the restored document.
    const late = client(url, room)
    await synced(late, 'late sync')
    await converged('late client', [late], second)
    destroy(a, b, c, late)
    console.log(`OK restore ${v1.id} ${v2.id}`)
  }
}

const scenario = scenarios[scenarioName]
if (!scenario) {
  console.error(`unknown scenario ${scenarioName}`)
  process.exit(2)
}
try {
  await scenario()
  process.exit(0)
} catch (e) {
  console.error(`FAILED ${scenarioName}: ${e.stack || e}`)
  process.exit(1)
}
