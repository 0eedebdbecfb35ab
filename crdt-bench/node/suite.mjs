// The crdt-benchmarks suite (N = 6000), mirroring crdt-bench's Java scenarios: the same lib0
// generator seeded with 42 and drawn in the same order, the same templates and checks.
import * as prng from 'lib0/prng'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export const N = 6000
export const B3_CLIENTS = Math.floor(Math.sqrt(N)) * 20

export class ResultMismatch extends Error {}

const check = (condition, message) => {
  if (!condition) throw new ResultMismatch(message)
}

// Key order is not part of a map's content (ywasm returns object keys in another order).
const canonicalJson = (value) => JSON.stringify(value, (key, v) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
    : v)

const sameJson = (what, a, b) => {
  const ja = canonicalJson(a)
  const jb = canonicalJson(b)
  check(ja === jb, `${what}: ${ja.slice(0, 200)} != ${jb.slice(0, 200)}`)
}

/** Every random input, drawn up front in the suite's order (B2's initial text first). */
export const generateInputs = () => {
  const gen = prng.create(42)
  const inputs = { initText: prng.word(gen, 100, 100) }
  const randomInserts = (min, max) => {
    let text = ''
    const edits = []
    for (let i = 0; i < N; i++) {
      const index = prng.int32(gen, 0, text.length)
      const insert = prng.word(gen, min, max)
      text = text.slice(0, index) + insert + text.slice(index)
      edits.push({ index, insert })
    }
    return { edits, text }
  }
  const insertsAndDeletes = () => {
    let text = ''
    const edits = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, text.length)
      if (text.length === index || prng.bool(gen)) {
        const insert = prng.word(gen, 2, 10)
        text = text.slice(0, index) + insert + text.slice(index)
        edits.push({ index, insert })
      } else {
        const deleteCount = prng.uint32(gen, 1, Math.min(9, text.length - index))
        text = text.slice(0, index) + text.slice(index + deleteCount)
        edits.push({ index, deleteCount })
      }
    }
    return { edits, text }
  }
  const numbers = () => Array.from({ length: N }).map(() => prng.uint32(gen, 0, 0x7fffffff))
  const concurrentInserts = (min, max) => {
    let text = inputs.initText
    const edits = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, text.length)
      const insert = prng.word(gen, min, max)
      text = text.slice(0, index) + insert + text.slice(index)
      edits.push({ index, insert })
    }
    return edits
  }
  const concurrentInsertsAndDeletes = () => {
    let text = inputs.initText
    const edits = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, text.length)
      const insert = prng.word(gen, 3, 9)
      text = text.slice(0, index) + insert + text.slice(index)
      edits.push({ index, insert })
      if (text.length === index || prng.bool(gen)) {
        const second = prng.word(gen, 2, 10)
        text = text.slice(0, index) + second + text.slice(index)
        edits.push({ index, insert: second })
      } else {
        const deleteCount = prng.uint32(gen, 1, Math.min(9, text.length - index))
        text = text.slice(0, index) + text.slice(index + deleteCount)
        edits.push({ index, deleteCount })
      }
    }
    return edits
  }
  inputs.b11 = prng.word(gen, N, N)
  inputs.b12 = prng.word(gen, N, N)
  inputs.b13 = prng.word(gen, N, N)
  inputs.b14 = randomInserts(1, 1)
  inputs.b15 = randomInserts(2, 10)
  inputs.b16 = prng.word(gen, N, N)
  inputs.b17 = insertsAndDeletes()
  inputs.b18 = numbers()
  inputs.b19 = numbers()
  inputs.b110 = numbers()
  {
    const list = []
    const edits = []
    for (let i = 0; i < N; i++) {
      const index = prng.uint32(gen, 0, list.length)
      const value = prng.uint32(gen, 0, 0x7fffffff)
      list.splice(index, 0, value)
      edits.push({ index, value })
    }
    inputs.b111 = { edits, list }
  }
  inputs.b21 = [prng.word(gen, N, N), prng.word(gen, N, N)]
  inputs.b22 = [concurrentInserts(1, 1), concurrentInserts(1, 1)]
  inputs.b23 = [concurrentInserts(3, 9), concurrentInserts(3, 9)]
  inputs.b24 = [concurrentInsertsAndDeletes(), concurrentInsertsAndDeletes()]
  return inputs
}

const applyEdit = (doc, edit) => {
  if (edit.insert !== undefined) doc.insertText(edit.index, edit.insert)
  else doc.deleteText(edit.index, edit.deleteCount)
}

const textEquals = (expected) => (a, b) => {
  const text = a.getText()
  check(text === b.getText(), 'replicas\' texts differ')
  check(text === expected, `text differs from the expected one (length ${text.length}, expected ${expected.length})`)
}
const textsConverge = (length) => (a, b) => {
  const text = a.getText()
  check(text === b.getText(), 'replicas\' texts differ')
  if (length >= 0) check(text.length === length, `text length ${text.length}, expected ${length}`)
}
const arrayEquals = (expected) => (a, b) => {
  const array = a.getArray()
  sameJson('replicas\' arrays differ', array, b.getArray())
  sameJson('array', array, expected)
}
const mapWinner = (valueOf) => (a, b) => {
  const map = a.getMap()
  sameJson('replicas\' maps differ', map, b.getMap())
  check(Object.keys(map).join() === 'v', `map keys ${Object.keys(map)}`)
  const written = new Set(Array.from({ length: B3_CLIENTS }, (_, i) => canonicalJson(valueOf(i))))
  check(written.has(canonicalJson(map.v)), 'map value v is no client\'s write')
}
const allElements = (a, b) => {
  const array = a.getArray()
  sameJson('replicas\' arrays differ', array, b.getArray())
  check(array.length === B3_CLIENTS && new Set(array).size === B3_CLIENTS, 'array does not hold every client\'s element')
}

/** B1: doc1 makes every change (one update each), doc2 applies them. */
const oneUser = (changes, verify) => ({
  updateSizeMetric: 'avgUpdateSize',
  prepare (engine) {
    const updates = []
    const doc2 = engine.create(null)
    const doc1 = engine.create((u) => updates.push(u))
    return {
      update () {
        changes.forEach((change) => change(doc1))
        updates.forEach((u) => doc2.applyUpdate(u))
        verify(doc1, doc2)
      },
      updateSize: () => Math.round(updates.reduce((n, u) => n + u.length, 0) / changes.length),
      encode: () => doc1.encodeState(),
      parse (bytes) {
        const doc = engine.load(bytes)
        verify(doc2, doc)
        return doc
      },
      close () { doc1.close(); doc2.close() }
    }
  }
})

/** B2: two replicas exchanging updates at once; each user's changes in one transaction. */
const twoUsers = (initText, change1, change2, verify) => ({
  updateSizeMetric: 'updateSize',
  prepare (engine) {
    let bytes = 0
    let delivering = false
    const peers = []
    const deliver = (to) => (update) => {
      if (delivering) return
      delivering = true
      try {
        bytes += update.length
        peers[to].applyUpdate(update)
      } finally {
        delivering = false
      }
    }
    peers[0] = engine.create(deliver(1))
    peers[1] = engine.create(deliver(0))
    const [doc1, doc2] = peers
    doc1.insertText(0, initText)
    return {
      update () {
        doc1.transact(() => change1(doc1))
        doc2.transact(() => change2(doc2))
        verify(doc1, doc2)
      },
      updateSize: () => Math.round(bytes / 2),
      encode: () => doc1.encodeState(),
      parse (encoded) {
        const doc = engine.load(encoded)
        verify(doc, doc2)
        return doc
      },
      close () { doc1.close(); doc2.close() }
    }
  }
})

/** B3: 20√N clients change concurrently; timed: client 1 applies every update at once. */
const manyClients = (change, verify) => ({
  updateSizeMetric: 'updateSize',
  prepare (engine) {
    const updates = []
    let applying = false
    const docs = []
    for (let i = 0; i < B3_CLIENTS; i++) docs.push(engine.create((u) => { if (!applying) updates.push(u) }))
    docs.forEach((doc, i) => change(doc, i))
    check(updates.length >= B3_CLIENTS, 'expected one update per client')
    const applyAll = (doc) => {
      applying = true
      try {
        doc.applyUpdates(updates)
      } finally {
        applying = false
      }
    }
    applyAll(docs[0])
    return {
      update () {
        applyAll(docs[1])
        verify(docs[0], docs[1])
      },
      updateSize: () => updates.reduce((n, u) => n + u.length, 0),
      encode: () => docs[0].encodeState(),
      parse (encoded) {
        const doc = engine.load(encoded)
        verify(doc, docs[0])
        return doc
      },
      close () { docs.forEach((doc) => doc.close()) }
    }
  }
})

/** Reads a sequential josephg/editing-traces file. */
export const loadTrace = (dataDir, file) => {
  const fullPath = path.join(dataDir, file)
  if (!fs.existsSync(fullPath)) {
    throw new Error(`editing trace ${fullPath} not found: the traces come from the public josephg/editing-traces repository`)
  }
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(fullPath)).toString('utf8'))
}

/** B4: replay the trace into a new document, one trace transaction per transaction. */
const traceReplay = (traceOf, repetitions) => ({
  updateSizeMetric: null,
  prepare (engine) {
    const trace = traceOf()
    const expected = trace.endContent.repeat(repetitions)
    const doc = engine.create(null)
    const applyPatch = ([pos, del, ins]) => {
      if (del > 0) doc.deleteText(pos, del)
      if (ins) doc.insertText(pos, ins)
    }
    return {
      update () {
        for (let round = 0; round < repetitions; round++) {
          for (const txn of trace.txns) {
            if (txn.patches.length === 1) applyPatch(txn.patches[0])
            else doc.transact(() => txn.patches.forEach(applyPatch))
          }
        }
        check(doc.getText() === expected, 'text after replaying the trace differs from endContent')
      },
      updateSize: () => -1,
      encode: () => doc.encodeState(),
      parse (bytes) {
        const loaded = engine.load(bytes)
        check(loaded.getText() === expected, 'text of the loaded document differs from endContent')
        return loaded
      },
      close () { doc.close() }
    }
  }
})

export const createSuite = (dataDir) => {
  const inputs = generateInputs()
  let trace = null
  const b4Trace = () => (trace ??= loadTrace(dataDir, 'automerge-paper.json.gz'))
  const chars = (s) => s.split('')
  const suite = {
    'B1.1': oneUser(chars(inputs.b11).map((c, i) => (doc) => doc.insertText(i, c)), textEquals(inputs.b11)),
    'B1.2': oneUser([(doc) => doc.insertText(0, inputs.b12)], textEquals(inputs.b12)),
    'B1.3': oneUser(chars(inputs.b13).reverse().map((c) => (doc) => doc.insertText(0, c)), textEquals(inputs.b13)),
    'B1.4': oneUser(inputs.b14.edits.map((e) => (doc) => applyEdit(doc, e)), textEquals(inputs.b14.text)),
    'B1.5': oneUser(inputs.b15.edits.map((e) => (doc) => applyEdit(doc, e)), textEquals(inputs.b15.text)),
    'B1.6': oneUser([(doc) => { doc.insertText(0, inputs.b16); doc.deleteText(0, inputs.b16.length) }], textEquals('')),
    'B1.7': oneUser(inputs.b17.edits.map((e) => (doc) => applyEdit(doc, e)), textEquals(inputs.b17.text)),
    'B1.8': oneUser(inputs.b18.map((n, i) => (doc) => doc.insertArray(i, [n])), arrayEquals(inputs.b18)),
    'B1.9': oneUser([(doc) => doc.insertArray(0, inputs.b19)], arrayEquals(inputs.b19)),
    'B1.10': oneUser(inputs.b110.map((n) => (doc) => doc.insertArray(0, [n])), arrayEquals(inputs.b110.slice().reverse())),
    'B1.11': oneUser(inputs.b111.edits.map((e) => (doc) => doc.insertArray(e.index, [e.value])), arrayEquals(inputs.b111.list)),
    'B2.1': twoUsers(inputs.initText, (d) => d.insertText(0, inputs.b21[0]), (d) => d.insertText(0, inputs.b21[1]), textsConverge(2 * N + 100)),
    'B2.2': twoUsers(inputs.initText, (d) => inputs.b22[0].forEach((e) => applyEdit(d, e)), (d) => inputs.b22[1].forEach((e) => applyEdit(d, e)), textsConverge(2 * N + 100)),
    'B2.3': twoUsers(inputs.initText, (d) => inputs.b23[0].forEach((e) => applyEdit(d, e)), (d) => inputs.b23[1].forEach((e) => applyEdit(d, e)),
      textsConverge(100 + [...inputs.b23[0], ...inputs.b23[1]].reduce((n, e) => n + e.insert.length, 0))),
    'B2.4': twoUsers(inputs.initText, (d) => inputs.b24[0].forEach((e) => applyEdit(d, e)), (d) => inputs.b24[1].forEach((e) => applyEdit(d, e)), textsConverge(-1)),
    'B3.1': manyClients((doc, i) => doc.setMap('v', i), mapWinner((i) => i)),
    'B3.2': manyClients((doc, i) => doc.setMap('v', { name: i.toString(), address: 'here' }), mapWinner((i) => ({ name: i.toString(), address: 'here' }))),
    'B3.3': manyClients((doc, i) => doc.setMap('v', i.toString().repeat(B3_CLIENTS)), mapWinner((i) => i.toString().repeat(B3_CLIENTS))),
    'B3.4': manyClients((doc, i) => doc.insertArray(0, [i.toString()]), allElements),
    B4: traceReplay(b4Trace, 1),
    B4x100: traceReplay(b4Trace, 100)
  }
  return suite
}
