// The engines the Node runner measures, behind the same small interface as the JVM adapters
// (crdt-bench's CrdtEngine / CrdtDoc): create(updateListener), load(bytes), and per document
// insertText, deleteText, getText, insertArray, getArray, setMap, getMap, transact, applyUpdate,
// applyUpdates, encodeState, close.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

// Read from node_modules directly: some packages do not export their package.json.
// Client ids as crdt-bench's ClientIds: from 2^30 upwards, so every id's varint takes 5 bytes
// (like most random ones) and document sizes compare across engines and runs.
const clientIds = () => {
  let next = 2 ** 30
  return () => next++
}

const versionOf = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version

/** Yjs, update format v1 (what y-websocket and Symphony use). */
export const yjs = async () => {
  const Y = await import('yjs')
  const nextClientId = clientIds()
  class YjsDoc {
    constructor (listener) {
      this.doc = new Y.Doc()
      this.doc.clientID = nextClientId()
      this.text = this.doc.getText('text')
      this.array = this.doc.getArray('array')
      this.map = this.doc.getMap('map')
      if (listener) this.doc.on('update', (update) => listener(update))
    }

    insertText (index, text) { this.text.insert(index, text) }
    deleteText (index, length) { this.text.delete(index, length) }
    getText () { return this.text.toString() }
    insertArray (index, values) { this.array.insert(index, values) }
    getArray () { return this.array.toArray() }
    setMap (key, value) { this.map.set(key, value) }
    getMap () { return this.map.toJSON() }
    transact (f) { this.doc.transact(f) }
    applyUpdate (update) { Y.applyUpdate(this.doc, update) }
    applyUpdates (updates) { this.doc.transact(() => updates.forEach((u) => Y.applyUpdate(this.doc, u))) }
    encodeState () { return Y.encodeStateAsUpdate(this.doc) }
    close () { this.doc.destroy() }
  }
  return {
    id: 'yjs-node',
    displayName: `Yjs ${versionOf('yjs')} (Node ${process.versions.node})`,
    memoryMethod: 'V8 heapUsed + external after gc()',
    create: (listener) => new YjsDoc(listener),
    load: (bytes) => {
      const doc = new YjsDoc(null)
      doc.applyUpdate(bytes)
      return doc
    }
  }
}

/** y-crdt's WebAssembly build in its native habitat, to compare with the same .wasm on Chicory. */
export const ywasm = async () => {
  const Y = await import('ywasm')
  const nextClientId = clientIds()
  class YwasmDoc {
    constructor (listener) {
      this.doc = new Y.YDoc({ clientID: nextClientId() })
      this.text = this.doc.getText('text')
      this.array = this.doc.getArray('array')
      this.map = this.doc.getMap('map')
      this.txn = undefined
      this.observer = listener ? this.doc.onUpdate((update) => listener(update)) : null
    }

    // Operations join the open transaction, or run in one of their own.
    inTxn (f) {
      if (this.txn !== undefined) return f(this.txn)
      this.txn = this.doc.beginTransaction(null)
      try {
        return f(this.txn)
      } finally {
        const txn = this.txn
        this.txn = undefined
        txn.free()
      }
    }

    insertText (index, text) { this.inTxn((t) => this.text.insert(index, text, undefined, t)) }
    deleteText (index, length) { this.inTxn((t) => this.text.delete(index, length, t)) }
    getText () { return this.inTxn((t) => this.text.toString(t)) }
    insertArray (index, values) { this.inTxn((t) => this.array.insert(index, values, t)) }
    getArray () { return this.inTxn((t) => this.array.toJson(t)) }
    setMap (key, value) { this.inTxn((t) => this.map.set(key, value, t)) }
    getMap () { return this.inTxn((t) => this.map.toJson(t)) }
    transact (f) { this.inTxn(() => f()) }
    applyUpdate (update) { this.inTxn((t) => t.applyV1(update)) }
    applyUpdates (updates) { this.inTxn((t) => updates.forEach((u) => t.applyV1(u))) }
    encodeState () { return Y.encodeStateAsUpdate(this.doc) }
    close () {
      if (this.observer) this.observer.free()
      this.doc.free()
    }
  }
  return {
    id: 'ywasm-node',
    displayName: `ywasm ${versionOf('ywasm')} (Node ${process.versions.node})`,
    memoryMethod: 'V8 heapUsed + external after gc() (WebAssembly memory only grows)',
    create: (listener) => new YwasmDoc(listener),
    load: (bytes) => {
      const doc = new YwasmDoc(null)
      doc.applyUpdate(bytes)
      return doc
    }
  }
}

/** Automerge's JavaScript API (Rust compiled to WebAssembly). */
export const automerge = async () => {
  const A = await import('@automerge/automerge')
  // All replicas start from one saved document so they share the root objects.
  const initial = A.save(A.from({ text: '', array: [], map: {} }))
  class AutomergeDoc {
    constructor (bytes, listener) {
      this.doc = A.load(bytes)
      this.listener = listener
      this.draft = null
    }

    change (f) {
      if (this.draft !== null) return f(this.draft)
      this.doc = A.change(this.doc, (d) => {
        this.draft = d
        try {
          f(d)
        } finally {
          this.draft = null
        }
      })
      if (this.listener) this.listener(A.saveIncremental(this.doc))
    }

    insertText (index, text) { this.change((d) => A.splice(d, ['text'], index, 0, text)) }
    deleteText (index, length) { this.change((d) => A.splice(d, ['text'], index, length)) }
    getText () { return this.doc.text.toString() }
    insertArray (index, values) { this.change((d) => d.array.splice(index, 0, ...values)) }
    getArray () { return this.doc.array.slice() }
    // Strings as RawString (a scalar, not a text CRDT), as crdt-benchmarks does.
    setMap (key, value) {
      this.change((d) => { d.map[key] = typeof value === 'string' ? new A.RawString(value) : value })
    }

    getMap () {
      const out = {}
      for (const [key, value] of Object.entries(this.doc.map)) {
        out[key] = value instanceof A.RawString ? value.toString() : JSON.parse(JSON.stringify(value))
      }
      return out
    }

    transact (f) { this.change(() => f()) }
    applyUpdate (update) { this.doc = A.loadIncremental(this.doc, update) }
    applyUpdates (updates) { updates.forEach((u) => this.applyUpdate(u)) }
    encodeState () { return A.save(this.doc) }
    close () { A.free(this.doc) }
  }
  return {
    id: 'automerge-node',
    displayName: `Automerge ${versionOf('@automerge/automerge')} (Node ${process.versions.node})`,
    memoryMethod: 'V8 heapUsed + external after gc() (WebAssembly memory only grows)',
    create: (listener) => new AutomergeDoc(initial, listener),
    load: (bytes) => new AutomergeDoc(bytes, null)
  }
}

export const engines = { yjs, ywasm, automerge }
