// Interop scenarios run by the Java tests (dev.symphony.server.interop): real Yjs clients against
// a running Symphony server. Usage: node interop.mjs <scenario> <ws://host:port> [room-prefix]
// Prints "OK <scenario> ..." and exits 0, or prints the failure and exits 1.
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import {
  rng, sleep, waitFor, client, synced, content, json, stateVector, dropConnection, destroy,
  rawSocket, assertEqual, assert, canonical
} from './lib.mjs'

const [scenarioName, url, prefix = `t${Date.now()}`] = process.argv.slice(2)
const room = (name) => `${prefix}-${name}`

const converged = (clients) => {
  const first = json(clients[0].doc)
  const sv = stateVector(clients[0].doc)
  return clients.every((c) => json(c.doc) === first && stateVector(c.doc) === sv)
}

const describeAll = (clients) => () =>
  clients.map((c, i) => `\n  #${i} synced=${c.provider.synced} sv=${stateVector(c.doc)} ${json(c.doc).slice(0, 120)}`).join('')

const scenarios = {
  /** Two clients edit text, map and array; each sees the other's edits. */
  async 'two-clients' () {
    const a = client(url, room('pair'))
    const b = client(url, room('pair'))
    await synced(a)
    await synced(b)
    a.doc.transact(() => {
      a.doc.getText('text').insert(0, 'hello')
      a.doc.getMap('map').set('from', 'a')
      a.doc.getArray('array').push([1, 2, 3])
    })
    await waitFor('b to see a', () => b.doc.getText('text').toString() === 'hello')
    b.doc.transact(() => {
      b.doc.getText('text').insert(5, ' world')
      b.doc.getMap('map').set('nested', { x: [1, { y: true }] })
      b.doc.getArray('array').delete(0, 1)
    })
    await waitFor('convergence', () => converged([a, b]), 15000, describeAll([a, b]))
    assertEqual(content(a.doc), {
      text: 'hello world',
      map: { from: 'a', nested: { x: [1, { y: true }] } },
      array: [2, 3]
    }, 'content')
    destroy(a, b)
    return 'text, map and array in sync'
  },

  /** A client that joins after the edits gets the whole document. */
  async 'late-joiner' () {
    const a = client(url, room('late'))
    await synced(a)
    for (let i = 0; i < 50; i++) a.doc.getText('text').insert(0, `line ${i}\n`)
    a.doc.getMap('map').set('count', 50)
    a.doc.getArray('array').push(['x', 'y'])
    const expected = content(a.doc)
    // An observer proves the server holds everything before the writer leaves.
    const observer = client(url, room('late'))
    await waitFor('observer', () => json(observer.doc) === canonical(expected))
    destroy(a, observer)
    const late = client(url, room('late'))
    await synced(late)
    await waitFor('late joiner', () => json(late.doc) === canonical(expected), 15000, () => json(late.doc).slice(0, 200))
    assertEqual(content(late.doc), expected, 'late joiner content')
    destroy(late)
    return 'late joiner got the full state'
  },

  /** Eight clients edit at random, concurrently; all end with identical JSON and state vectors. */
  async 'eight-random' () {
    const random = rng(4242)
    const clients = Array.from({ length: 8 }, () => client(url, room('eight')))
    await Promise.all(clients.map((c) => synced(c)))
    const edit = (c) => {
      const text = c.doc.getText('text')
      const map = c.doc.getMap('map')
      const array = c.doc.getArray('array')
      switch (random.int(6)) {
        case 0:
        case 1: text.insert(random.int(text.length + 1), random.word(1 + random.int(5))); break
        case 2: if (text.length > 0) { const at = random.int(text.length); text.delete(at, Math.min(1 + random.int(3), text.length - at)) } break
        case 3: map.set(`k${random.int(10)}`, random.pick([random.int(1000), random.word(3), { n: random.int(9) }, null, true])); break
        case 4: array.insert(random.int(array.length + 1), [random.int(100)]); break
        case 5: if (array.length > 0) array.delete(random.int(array.length), 1); break
      }
    }
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < 80; i++) {
        edit(c)
        await sleep(random.int(15))
      }
    }))
    await waitFor('eight clients to converge', () => converged(clients), 30000, describeAll(clients))
    const result = `identical JSON (${json(clients[0].doc).length} chars) and state vectors on 8 clients`
    destroy(...clients)
    return result
  },

  /** Edits made while disconnected merge with the others' when the client reconnects. */
  async offline () {
    const a = client(url, room('offline'))
    const b = client(url, room('offline'))
    await synced(a)
    await synced(b)
    a.doc.getText('text').insert(0, 'shared base')
    await waitFor('base', () => b.doc.getText('text').toString() === 'shared base')
    b.provider.disconnect()
    await waitFor('b offline', () => !b.provider.wsconnected)
    b.doc.getText('text').insert(0, '[b offline] ')
    b.doc.getMap('map').set('b', 'was offline')
    a.doc.getText('text').insert(a.doc.getText('text').length, ' [a online]')
    a.doc.getMap('map').set('a', 'stayed online')
    await sleep(200)
    assert(!a.doc.getMap('map').has('b'), 'b\'s offline edit must not arrive while it is offline')
    b.provider.connect()
    await waitFor('merge after reconnect', () => converged([a, b]), 15000, describeAll([a, b]))
    assertEqual(content(a.doc), {
      text: '[b offline] shared base [a online]',
      map: { a: 'stayed online', b: 'was offline' },
      array: []
    }, 'merged content')
    destroy(a, b)
    return 'offline edits merged'
  },

  /** Awareness states reach the others, and vanish when their connection dies. */
  async awareness () {
    const a = client(url, room('awareness'))
    const b = client(url, room('awareness'))
    await synced(a)
    await synced(b)
    a.provider.awareness.setLocalStateField('user', { name: 'Ann', color: '#f00' })
    b.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#00f' })
    const bId = b.doc.clientID
    const aId = a.doc.clientID
    await waitFor('a sees bob', () => a.provider.awareness.getStates().get(bId)?.user?.name === 'Bob')
    await waitFor('b sees ann', () => b.provider.awareness.getStates().get(aId)?.user?.name === 'Ann')
    // A newcomer is greeted with both states.
    const c = client(url, room('awareness'))
    await synced(c)
    await waitFor('c sees both', () => c.provider.awareness.getStates().get(aId)?.user?.name === 'Ann' &&
      c.provider.awareness.getStates().get(bId)?.user?.name === 'Bob')
    // Bob's connection dies without a word; the server announces his removal (well before the
    // 30 s awareness timeout of the clients).
    b.provider.shouldConnect = false
    dropConnection(b)
    const started = Date.now()
    await waitFor('bob removed at a', () => !a.provider.awareness.getStates().has(bId), 10000)
    await waitFor('bob removed at c', () => !c.provider.awareness.getStates().has(bId), 10000)
    const took = Date.now() - started
    assert(a.provider.awareness.getStates().get(aId)?.user?.name === 'Ann', 'ann stays')
    destroy(a, b, c)
    return `states appeared; removal arrived in ${took} ms`
  },

  /** Twenty rooms at once: each sees only its own edits. */
  async 'twenty-rooms' () {
    const pairs = Array.from({ length: 20 }, (_, i) => [client(url, room(`iso-${i}`)), client(url, room(`iso-${i}`))])
    await Promise.all(pairs.flat().map((c) => synced(c)))
    pairs.forEach(([writer], i) => {
      writer.doc.getText('text').insert(0, `room ${i}`)
      writer.doc.getMap('map').set('room', i)
    })
    await waitFor('every reader', () => pairs.every(([writer, reader]) => json(reader.doc) === json(writer.doc)), 20000)
    pairs.forEach(([, reader], i) => assertEqual(content(reader.doc), { text: `room ${i}`, map: { room: i }, array: [] }, `room ${i}`))
    destroy(...pairs.flat())
    return '20 rooms isolated'
  },

  /** One 2 MB insert arrives intact. */
  async 'large-insert' () {
    const a = client(url, room('large'))
    const b = client(url, room('large'))
    await synced(a)
    await synced(b)
    const random = rng(7)
    const big = Array.from({ length: 2 * 1024 * 1024 / 64 }, () => random.word(64)).join('')
    a.doc.getText('text').insert(0, big)
    await waitFor('2 MB to arrive', () => b.doc.getText('text').length === big.length, 30000, () => `${b.doc.getText('text').length}`)
    assert(b.doc.getText('text').toString() === big, 'the 2 MB text arrived altered')
    const late = client(url, room('large'))
    await synced(late)
    await waitFor('late joiner gets 2 MB', () => late.doc.getText('text').length === big.length, 30000)
    destroy(a, b, late)
    return `${big.length} characters arrived`
  },

  /** Garbage frames close only their sender; the room and its document are untouched. */
  async garbage () {
    const a = client(url, room('garbage'))
    const b = client(url, room('garbage'))
    await synced(a)
    await synced(b)
    a.doc.getText('text').insert(0, 'before garbage')
    await waitFor('b has it', () => b.doc.getText('text').toString() === 'before garbage')

    const probe = new Y.Doc()
    probe.getText('text').insert(0, 'this must never appear')
    const validUpdate = Y.encodeStateAsUpdate(probe)
    const truncated = validUpdate.slice(0, Math.floor(validUpdate.length / 2))
    const updateMessage = (payload) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeUpdate(e, payload)
      return encoding.toUint8Array(e)
    }
    const cases = [
      { what: 'text frame', send: (ws) => ws.send('{"hello":1}'), codes: [1003] },
      { what: 'unknown message type', send: (ws) => ws.send(new Uint8Array([9, 1, 2])), codes: [1003] },
      { what: 'truncated varint', send: (ws) => ws.send(new Uint8Array([0, 2, 0x85])), codes: [1007] },
      { what: 'truncated update', send: (ws) => ws.send(updateMessage(truncated)), codes: [1007] },
      { what: 'bad awareness', send: (ws) => ws.send(new Uint8Array([1, 3, 5, 0x80])), codes: [1007] }
    ]
    const random = rng(99)
    for (let i = 0; i < 5; i++) {
      const bytes = new Uint8Array(1 + random.int(40)).map(() => random.int(256))
      bytes[0] = 4 + random.int(100) // never a known message type
      cases.push({ what: `random bytes #${i}`, send: (ws) => ws.send(bytes), codes: [1003, 1007] })
    }
    const results = []
    for (const c of cases) {
      const { ws, closed } = await rawSocket(url, room('garbage'))
      c.send(ws)
      const close = await Promise.race([closed, sleep(5000).then(() => ({ code: 'none' }))])
      assert(c.codes.includes(close.code), `${c.what}: expected close ${c.codes} but got ${close.code} ${close.reason || ''}`)
      results.push(`${c.what}=${close.code}`)
    }
    b.doc.getText('text').insert(0, 'after garbage, ')
    await waitFor('room still works', () => a.doc.getText('text').toString() === 'after garbage, before garbage')
    assert(a.provider.wsconnected && b.provider.wsconnected, 'honest clients stay connected')
    const late = client(url, room('garbage'))
    await synced(late)
    await waitFor('late joiner', () => json(late.doc) === json(a.doc))
    assertEqual(late.doc.getText('text').toString(), 'after garbage, before garbage', 'document')
    destroy(a, b, late)
    return results.join(' ')
  },

  /** Twenty clients lose their connections again and again while editing, then converge. */
  async 'reconnect-storm' () {
    const random = rng(1234)
    const clients = Array.from({ length: 20 }, () => client(url, room('storm'), { maxBackoffTime: 500 }))
    await Promise.all(clients.map((c) => synced(c)))
    let inserted = 0
    let drops = 0
    const stormEnd = Date.now() + 4000
    const editors = clients.map(async (c, i) => {
      let n = 0
      while (Date.now() < stormEnd) {
        c.doc.getArray('array').push([`${i}:${n++}`])
        inserted++
        await sleep(40 + random.int(40))
      }
    })
    const dropper = (async () => {
      while (Date.now() < stormEnd) {
        dropConnection(random.pick(clients))
        drops++
        await sleep(30)
      }
    })()
    await Promise.all([...editors, dropper])
    await waitFor('everyone back', () => clients.every((c) => c.provider.wsconnected && c.provider.synced), 30000)
    await waitFor('storm convergence', () => converged(clients) && clients[0].doc.getArray('array').length === inserted,
      30000, () => `inserted=${inserted} lengths=${clients.map((c) => c.doc.getArray('array').length)}`)
    destroy(...clients)
    return `${drops} drops, ${inserted} inserts, all 20 clients identical`
  },

  /** Restart test, part 1: write a known document and make sure the server has it. */
  async 'restart-write' () {
    const a = client(url, room('restart'))
    await synced(a)
    a.doc.transact(() => {
      a.doc.getText('text').insert(0, 'written before the restart')
      a.doc.getMap('map').set('answer', 42)
      a.doc.getArray('array').push(['a', 'b'])
    })
    const observer = client(url, room('restart'))
    await waitFor('server has the document', () => json(observer.doc) === json(a.doc))
    destroy(a, observer)
    return json(a.doc)
  },

  /** Restart test, part 2: a new client gets the same document from the restarted server. */
  async 'restart-verify' () {
    const c = client(url, room('restart'))
    await synced(c)
    const expected = { text: 'written before the restart', map: { answer: 42 }, array: ['a', 'b'] }
    await waitFor('the stored document', () => json(c.doc) === canonical(expected), 10000, () => json(c.doc))
    destroy(c)
    return json(c.doc)
  }
}

const scenario = scenarios[scenarioName]
if (!scenario || !url) {
  console.error(`usage: node interop.mjs <${Object.keys(scenarios).join('|')}> <ws://host:port> [room-prefix]`)
  process.exit(64)
}
const watchdog = setTimeout(() => {
  console.error(`FAIL ${scenarioName}: scenario timed out after 90 s`)
  process.exit(2)
}, 90000)
try {
  const summary = await scenario()
  clearTimeout(watchdog)
  console.log(`OK ${scenarioName} ${summary}`)
  process.exit(0)
} catch (e) {
  console.error(`FAIL ${scenarioName}: ${e.stack || e}`)
  process.exit(1)
}
