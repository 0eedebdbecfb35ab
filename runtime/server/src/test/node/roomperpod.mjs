// Scenarios for the room-per-pod end-to-end tests (dev.symphony.roomperpod): real Yjs clients
// through the proxy. Usage: node roomperpod.mjs <scenario> <ws://proxy> <room> [argument]
// Prints "OK <scenario> ..." and exits 0, or prints the failure and exits 1.
import {
  waitFor, client, synced, content, json, stateVector, destroy, assertEqual, sleep
} from './lib.mjs'

const [scenarioName, url, room, argument] = process.argv.slice(2)

const converged = (clients) => clients.every((c) =>
  json(c.doc) === json(clients[0].doc) && stateVector(c.doc) === stateVector(clients[0].doc))

const scenarios = {
  /** Two clients edit, converge, and see each other's presence for as long as they stay. */
  async pair () {
    const a = client(url, room)
    const b = client(url, room)
    await synced(a)
    await synced(b)
    a.doc.getText('text').insert(0, 'from a')
    b.doc.getMap('map').set('from', 'b')
    b.doc.getArray('array').push([1, 2])
    await waitFor('convergence', () => converged([a, b]))
    assertEqual(content(a.doc), { text: 'from a', map: { from: 'b' }, array: [1, 2] }, 'content')
    a.provider.awareness.setLocalStateField('user', { name: 'Ann' })
    b.provider.awareness.setLocalStateField('user', { name: 'Bob' })
    const seesBob = () => a.provider.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Bob'
    const seesAnn = () => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ann'
    await waitFor('a to see Bob', seesBob)
    await waitFor('b to see Ann', seesAnn)
    await sleep(1500)
    if (!seesBob() || !seesAnn()) throw new Error('presence did not hold while both stayed connected')
    destroy(a, b)
    return 'synced, converged, presence held'
  },

  /** Appends the argument to the text; returns once a second client has it from the server. */
  async write () {
    const writer = client(url, room)
    await synced(writer)
    const text = writer.doc.getText('text')
    text.insert(text.length, argument)
    const expected = text.toString()
    const observer = client(url, room)
    await waitFor('the server to hold the write', () => observer.doc.getText('text').toString() === expected)
    destroy(writer, observer)
    return `text is now ${JSON.stringify(expected)}`
  },

  /** Joins and checks that the text is exactly the argument. */
  async expect () {
    const reader = client(url, room)
    await synced(reader, 'sync (30s)')
    const text = reader.doc.getText('text').toString()
    destroy(reader)
    if (text !== argument) throw new Error(`expected ${JSON.stringify(argument)} but the room holds ${JSON.stringify(text)}`)
    return 'document intact'
  },

  /** The argument's number of clients join a new room at once, each writes, all converge. */
  async burst () {
    const clients = Array.from({ length: Number(argument) }, () => client(url, room))
    await Promise.all(clients.map((c) => waitFor('burst sync', () => c.provider.synced, 60000)))
    clients.forEach((c, i) => c.doc.getMap('map').set(`client${i}`, i))
    await waitFor('burst convergence', () => converged(clients) &&
      Object.keys(clients[0].doc.getMap('map').toJSON()).length === clients.length, 30000)
    destroy(...clients)
    return `${clients.length} clients converged`
  }
}

const scenario = scenarios[scenarioName]
if (!scenario) {
  console.error(`unknown scenario ${scenarioName}; one of ${Object.keys(scenarios).join(', ')}`)
  process.exit(2)
}
try {
  console.log(`OK ${scenarioName}: ${await scenario()}`)
  process.exit(0)
} catch (e) {
  console.error(`FAILED ${scenarioName}: ${e.stack || e}`)
  process.exit(1)
}
