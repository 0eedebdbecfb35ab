// Cluster scenarios run by the pubsub-redis tests (dev.symphony.pubsub.ClusterTest): real Yjs
// clients (yjs + y-websocket) spread over several Symphony nodes sharing rooms over Redis.
// Usage: node pubsub.mjs <scenario> <room> <ws://node-a> <ws://node-b> [<ws://node-c>]
// Lines "STEP <what>" ask the Java test to do something (kill a node, kill or start Redis).
// Prints "OK <scenario> ..." and exits 0, or prints the failure and exits 1.
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { rng, sleep, waitFor, client, synced, json, stateVector, destroy, assert } from './lib.mjs'

const [scenarioName, room, ...urls] = process.argv.slice(2)

const converged = (clients) => {
  const first = json(clients[0].doc)
  const sv = stateVector(clients[0].doc)
  return clients.every((c) => json(c.doc) === first && stateVector(c.doc) === sv)
}
const describeAll = (clients) => () =>
  clients.map((c, i) => `\n  #${i} ${c.provider.url} synced=${c.provider.synced} sv=${stateVector(c.doc)}${pending(c.doc)} ${json(c.doc).slice(0, 100)}`).join('')

/** What a client holds back for missing dependencies: a stuck client shows it here. */
const pending = (doc) => {
  const structs = doc.store.pendingStructs
  const missing = structs ? ` pending-structs(missing ${JSON.stringify([...structs.missing])})` : ''
  return missing + (doc.store.pendingDs ? ' pending-deletes' : '')
}

/** A fresh client's view of each node: tells a node that lacks content from a client that does. */
const serverViews = async () => {
  const fresh = urls.map((url) => client(url, room))
  await Promise.race([Promise.all(fresh.map((c) => synced(c, 'fresh view'))), sleep(5000)])
  const views = describeAll(fresh)()
  destroy(...fresh)
  return views
}

const step = (what) => console.log(`STEP ${what}`)

/** Random edits on the three shared types. */
const editor = (seed) => {
  const random = rng(seed)
  return (c) => {
    const text = c.doc.getText('text')
    const map = c.doc.getMap('map')
    const array = c.doc.getArray('array')
    switch (random.int(5)) {
      case 0:
      case 1: text.insert(random.int(text.length + 1), random.word(1 + random.int(4))); break
      case 2: if (text.length > 0) { const at = random.int(text.length); text.delete(at, Math.min(2, text.length - at)) } break
      case 3: map.set(`k${random.int(8)}`, random.int(1000)); break
      case 4: array.insert(random.int(array.length + 1), [random.int(100)]); break
    }
  }
}

/** Moves a client to another node, keeping its document: what a browser does behind a balancer. */
const moveTo = (c, url) => {
  c.provider.destroy()
  c.provider = new WebsocketProvider(url, c.provider.roomname, c.doc, { WebSocketPolyfill: WebSocket, disableBc: true })
}

/** Resolves once the client's connection closes (its node died). */
const closed = (c) => new Promise((resolve) => c.provider.once('connection-close', () => resolve()))

const lines = (c) => c.doc.getArray('lines').toArray()

const scenarios = {
  /** Clients spread over every node edit at random and converge; late joiners on each node get it all. */
  async spread () {
    const clients = Array.from({ length: 6 }, (_, i) => client(urls[i % urls.length], room))
    await Promise.all(clients.map((c) => synced(c)))
    const edit = editor(777)
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < 40; i++) {
        edit(c)
        await sleep(5 + (i % 7) * 3)
      }
    }))
    await waitFor('clients on all nodes to converge', () => converged(clients), 30000, describeAll(clients))
    const late = urls.map((url) => client(url, room))
    await Promise.all(late.map((c) => synced(c, 'late joiner sync')))
    const all = [...clients, ...late]
    await waitFor('late joiners to get the full state', () => converged(all), 15000, describeAll(all))
    const result = `${clients.length} clients on ${urls.length} nodes and ${late.length} late joiners agree (${json(clients[0].doc).length} chars)`
    destroy(...all)
    return result
  },

  /**
   * Writers on node A, an observer on node B. A is SIGKILLed: one writer's tab is gone for good,
   * the other goes offline (keeps its document). B is killed too, so only Redis and the shared
   * store remain: a late joiner on C (which never held the room) must hold every update the
   * observer had received from A, i.e. everything that reached the log. Then the surviving writer
   * reconnects to C and they converge.
   */
  async failover () {
    const [a, b, c] = urls
    const w1 = client(a, room)
    const w2 = client(a, room)
    const observer = client(b, room)
    await Promise.all([w1, w2, observer].map((x) => synced(x)))
    let writing = true
    const writer = async (x, name) => {
      for (let i = 0; writing && x.provider; i++) {
        x.doc.getArray('lines').push([`${name}-${i}`])
        await sleep(10)
      }
    }
    const w1Closed = closed(w1)
    const loops = [writer(w1, 'w1'), writer(w2, 'w2')]
    await waitFor('the observer to see both writers', () => lines(observer).filter((l) => l.startsWith('w2')).length > 30)
    step('kill-a')
    await w1Closed
    const reachedLog = new Set(lines(observer))
    w2.provider.destroy() // its tab is gone: what only A had is lost, what A logged must not be
    w2.provider = null
    w1.provider.disconnect() // offline for now, still editing its own copy
    const observerClosed = closed(observer)
    step('kill-b')
    await observerClosed
    const late = client(c, room)
    await synced(late, 'late joiner on C')
    const missing = () => [...reachedLog].filter((l) => !lines(late).includes(l))
    await waitFor('the late joiner on C to hold everything that reached the log', () => missing().length === 0, 10000,
      () => `missing ${missing().length}: ${missing().slice(0, 10)}`)
    writing = false
    await Promise.all(loops)
    moveTo(w1, c)
    await synced(w1, 'w1 on node C')
    await waitFor('w1 and the late joiner to converge on C', () => converged([w1, late]), 20000, describeAll([w1, late]))
    const result = `${reachedLog.size} logged lines survived two node kills; w1 reconnected to C (${lines(late).length} lines in the end)`
    destroy(w1, observer, late)
    return result
  },

  /**
   * Redis drops the nodes' subscriptions (as it does to a subscriber over its output buffer limit)
   * while clients on two nodes edit: what was published in the gap must still reach everyone.
   */
  async 'subscription-drop' () {
    const [a, b] = urls
    const clients = [client(a, room), client(b, room)]
    await Promise.all(clients.map((x) => synced(x)))
    const editFor = (ms) => Promise.all(clients.map(async (x, i) => {
      const end = Date.now() + ms
      for (let n = 0; Date.now() < end; n++) {
        x.doc.getArray('lines').push([`${i}-${n}-${Date.now()}`])
        await sleep(5)
      }
    }))
    await editFor(500)
    for (let round = 0; round < 3; round++) {
      step('drop-subscriptions')
      await editFor(700)
    }
    await waitFor('convergence after the dropped subscriptions', () => converged(clients), 20000, describeAll(clients))
    const result = `2 clients on 2 nodes converged after 3 dropped subscriptions (${lines(clients[0]).length} lines)`
    destroy(...clients)
    return result
  },

  /** Clients on two nodes keep editing while Redis is killed and restarted empty; all converge. */
  async 'redis-restart' () {
    const [a, b] = urls
    const clients = [client(a, room), client(a, room), client(b, room), client(b, room)]
    await Promise.all(clients.map((x) => synced(x)))
    const edit = editor(4242)
    const editFor = (ms) => Promise.all(clients.map(async (x) => {
      const end = Date.now() + ms
      while (Date.now() < end) {
        edit(x)
        x.doc.getArray('lines').push([`${clients.indexOf(x)}-${Date.now()}`])
        await sleep(20)
      }
    }))
    await editFor(1000)
    await waitFor('convergence before the outage', () => converged(clients), 15000, describeAll(clients))
    step('kill-redis')
    await editFor(3000)
    const during = clients.map((x) => json(x.doc))
    assert(during[0] !== during[2] || during[1] !== during[3], 'nodes cannot exchange while Redis is down')
    step('start-redis')
    await editFor(2000)
    await waitFor('convergence after Redis came back', () => converged(clients), 30000, describeAll(clients))
    const late = [client(a, room), client(b, room)]
    await Promise.all(late.map((x) => synced(x, 'late joiner sync')))
    const all = [...clients, ...late]
    await waitFor('late joiners after the outage', () => converged(all), 15000, describeAll(all))
    const result = `4 clients on 2 nodes converged after a Redis restart (${lines(clients[0]).length} lines)`
    destroy(...all)
    return result
  }
}

try {
  const result = await scenarios[scenarioName]()
  console.log(`OK ${scenarioName} ${result}`)
  process.exit(0)
} catch (e) {
  console.log(`FAILED ${scenarioName}: ${e.stack || e}`)
  console.log(`what each node serves a fresh client now:${await serverViews()}`)
  process.exit(1)
}
