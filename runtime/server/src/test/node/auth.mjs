// Token scenarios run by dev.symphony.server.auth.RoomTokenInteropTest: real Yjs clients (yjs +
// y-websocket, the token sent through the provider's `params` option) against a server that
// requires tokens. Usage: node auth.mjs read-only <ws://host:port> <room> <write-token> <read-token>
// Prints "OK <scenario>" and exits 0, or prints the failure and exits 1.
import { waitFor, client, synced, destroy, assert, sleep } from './lib.mjs'

// prefix: node auth.mjs prefix <ws://host:port> <a-room> <b-room> <token-for-a*> <garbage-token>
const [scenarioName, url, room, writeToken, readToken] = process.argv.slice(2)

// y-websocket reports the server's permission-denied message with console.warn only.
const denials = []
const warn = console.warn
console.warn = (...args) => {
  const text = args.join(' ')
  if (text.startsWith('Permission denied')) denials.push(text)
  else warn(...args)
}

const scenarios = {
  /** A read-only client syncs and follows the writer, but its own edits reach no one. */
  async 'read-only' () {
    const writer = client(url, room, { params: { token: writeToken } })
    await synced(writer, 'writer sync')
    writer.doc.getText('text').insert(0, 'hello')
    const reader = client(url, room, { params: { token: readToken } })
    await synced(reader, 'reader sync')
    await waitFor('reader to see the document', () => reader.doc.getText('text').toString() === 'hello')

    reader.doc.getText('text').insert(0, 'EVIL ')
    reader.doc.getMap('map').set('owned', true)
    await waitFor('the permission-denied message', () => denials.length > 0, 10000)
    assert(denials[0].includes('read-only'), `denial names the reason: ${denials[0]}`)

    writer.doc.getText('text').insert(5, ' world')
    await waitFor('reader to receive later edits', () => reader.doc.getText('text').toString().includes(' world'))
    await sleep(300)
    assert(writer.doc.getText('text').toString() === 'hello world', `writer unchanged: ${writer.doc.getText('text')}`)
    assert(!writer.doc.getMap('map').has('owned'), 'writer never got the reader\'s map edit')

    // A newcomer loads what the server holds: the reader's edits are not in it either.
    const late = client(url, room, { params: { token: writeToken } })
    await synced(late, 'late sync')
    await waitFor('late to load the document', () => late.doc.getText('text').toString() === 'hello world')
    assert(!late.doc.getMap('map').has('owned'), 'server never stored the reader\'s edit')
    destroy(writer, reader, late)
  },

  /** A token for `a*` opens `a1` for real clients; `b`, and any room with a bad token, stay shut. */
  async prefix () {
    const [, , , bRoom, prefixToken, badToken] = process.argv.slice(2)
    const ok = client(url, room, { params: { token: prefixToken } })
    await synced(ok, 'prefix token sync')
    ok.doc.getText('text').insert(0, 'in a1')
    const other = client(url, bRoom, { params: { token: prefixToken } })
    const bad = client(url, room, { params: { token: badToken } })
    const none = client(url, room)
    await sleep(2000)
    assert(!other.provider.synced, 'a token for a* must not open b')
    assert(!bad.provider.synced, 'a bad token must not open a1')
    assert(!none.provider.synced, 'no token must not open a1')
    assert(!other.provider.wsconnected && !bad.provider.wsconnected && !none.provider.wsconnected,
      'refused clients are not connected')
    destroy(ok, other, bad, none)
  }
}

try {
  await scenarios[scenarioName]()
  console.log(`OK ${scenarioName}`)
  process.exit(0)
} catch (e) {
  console.log(`FAILED ${scenarioName}: ${e.stack || e}`)
  process.exit(1)
}
