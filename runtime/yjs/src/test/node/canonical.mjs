// Canonical JSON views of a Yjs document, shared by scenarios.mjs and check.mjs so that the
// expected values (written by the generator) and the observed values (Yjs decoding what the Java
// engine encoded) are produced by exactly the same code.
//
// Two views per root type:
//
//  "json": what JSON.stringify(type.toJSON()) shows, for text and xml the string from toString().
//          Values that JSON cannot express are tagged instead of being silently mangled:
//            undefined      -> {"$undefined": null}  (JSON.stringify would drop the key / write null)
//            Uint8Array     -> {"$bytes": "<base64>"} (JSON.stringify would write {"0":..,"1":..})
//            Y.Doc (subdoc) -> {"$doc": "<guid>"}     (JSON.stringify would recurse into the Doc)
//            bigint         -> a plain JSON integer literal (JSON.stringify would throw)
//          The Java side accepts several equivalent renderings of these tags (see JsonCompare.java).
//
//  "deep": a stricter view for Yjs-vs-Yjs comparison: nested Y.Text becomes {"$text": delta} (with
//          formatting attributes and embeds), Y.Map {"$map": {...}}, Y.Array {"$array": [...]},
//          XML types their toString(), subdocuments {"$doc", "autoLoad", "meta"}.

import * as Y from 'yjs'

export const toBase64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64')
export const fromBase64 = (s) => new Uint8Array(Buffer.from(s, 'base64'))

/** Root type accessor by kind name as used in the "types" maps. */
export const rootType = (doc, name, kind) => {
  switch (kind) {
    case 'text': return doc.getText(name)
    case 'map': return doc.getMap(name)
    case 'array': return doc.getArray(name)
    case 'xml': return doc.getXmlFragment(name)
    default: throw new Error(`unknown type kind ${JSON.stringify(kind)} for root ${JSON.stringify(name)}`)
  }
}

/** Canonical value of a plain (non-shared) value, or of the output of toJSON(). */
export const canonValue = (v) => {
  if (v === undefined) return { $undefined: null }
  if (v === null) return null
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'string':
    case 'bigint':
      return v
    case 'object':
      if (v instanceof Uint8Array) return { $bytes: toBase64(v) }
      if (v instanceof Y.Doc) return { $doc: v.guid }
      if (v instanceof Y.AbstractType) return canonValue(v.toJSON())
      if (Array.isArray(v)) return v.map(canonValue)
      {
        const o = {}
        for (const k of Object.keys(v)) o[k] = canonValue(v[k])
        return o
      }
    default:
      throw new Error(`cannot canonicalise value of type ${typeof v}`)
  }
}

/** The "json" view of one root type. */
export const jsonOf = (type, kind) => {
  switch (kind) {
    case 'text':
    case 'xml':
      return type.toString()
    default:
      return canonValue(type.toJSON())
  }
}

/** The "deep" view of any value that may contain shared types. */
export const deepValue = (v) => {
  if (v instanceof Y.XmlFragment || v instanceof Y.XmlText || v instanceof Y.XmlElement || v instanceof Y.XmlHook) {
    return { $xml: v.toString() }
  }
  if (v instanceof Y.Text) {
    return {
      $text: v.toDelta().map(op => {
        const o = { insert: deepValue(op.insert) }
        if (op.attributes !== undefined) o.attributes = canonValue(op.attributes)
        return o
      })
    }
  }
  if (v instanceof Y.Map) {
    const o = {}
    for (const [k, x] of v.entries()) o[k] = deepValue(x)
    return { $map: o }
  }
  if (v instanceof Y.Array) return { $array: v.toArray().map(deepValue) }
  if (v instanceof Y.Doc) return { $doc: v.guid, autoLoad: v.autoLoad, meta: canonValue(v.meta) }
  if (v instanceof Y.AbstractType) return { $unknownType: String(v.constructor && v.constructor.name) }
  return canonValue(v)
}

export const deepOf = (type, kind) => kind === 'xml' ? type.toString() : deepValue(type)

/** JSON.stringify that also writes bigint values as integer literals. Key order is kept. */
export const stringify = (v) => {
  if (v === null || v === undefined) return 'null'
  switch (typeof v) {
    case 'bigint': return v.toString()
    case 'number': return Number.isFinite(v) ? JSON.stringify(v) : 'null'
    case 'string':
    case 'boolean':
      return JSON.stringify(v)
    case 'object':
      if (Array.isArray(v)) return '[' + v.map(stringify).join(',') + ']'
      return '{' + Object.keys(v).map(k => JSON.stringify(k) + ':' + stringify(v[k])).join(',') + '}'
    default:
      throw new Error(`cannot stringify ${typeof v}`)
  }
}

/** State vector of a document as a plain object {"clientId": clock}, keys in ascending numeric order. */
export const stateVectorOf = (doc) => {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  const o = {}
  for (const c of [...sv.keys()].sort((a, b) => a - b)) o[String(c)] = sv.get(c)
  return o
}

/** Non-null when the document still waits for missing structs or deletes. */
export const pendingOf = (doc) => {
  const s = doc.store
  if (s.pendingStructs === null && s.pendingDs === null) return null
  const out = {}
  if (s.pendingStructs !== null) {
    const missing = {}
    for (const [c, clock] of s.pendingStructs.missing) missing[String(c)] = clock
    out.missingStructs = missing
  }
  if (s.pendingDs !== null) out.pendingDeleteSet = true
  return out
}

/** All three views of a document for the given {name: kind} map. */
export const viewsOf = (doc, types) => {
  const json = {}
  const deep = {}
  for (const [name, kind] of Object.entries(types)) {
    const t = rootType(doc, name, kind)
    json[name] = jsonOf(t, kind)
    deep[name] = deepOf(t, kind)
  }
  return { json, deep, stateVector: stateVectorOf(doc) }
}

// ---------------------------------------------------------------------------------------------
// Passive documents.
//
// When a Y.Text that carries formatting receives a remote change, Yjs runs a formatting clean-up
// in a new *local* transaction of the receiving document and deletes redundant ContentFormat items
// (cleanupYTextAfterTransaction). Which items it deletes depends on the order and grouping in which
// updates arrived, so two observers that applied the same set of updates in different orders can
// show different formatting. The reference documents of this harness (the fresh "expected" doc of
// scenarios.mjs, every doc of check.mjs) must only show what the updates say, like a server does,
// so they are marked passive: their transactions never request that clean-up. Editing clients keep
// the normal behaviour and their clean-up deletions are recorded as updates like any other edit.
const PASSIVE = Symbol('symphony.passive')
const CLEANUP = Symbol('symphony.needFormattingCleanup')
Object.defineProperty(Y.Transaction.prototype, '_needFormattingCleanup', {
  configurable: true,
  get () { return this[CLEANUP] === true && this.doc[PASSIVE] !== true },
  set (v) { this[CLEANUP] = v }
})

/** A new Y.Doc that never modifies itself when updates are applied (see above). */
export const passiveDoc = (opts = {}) => {
  // an explicit guid spares lib0's uuidv4 (31 crypto calls); a root doc's guid is never encoded
  const d = new Y.Doc({ guid: 'passive', ...opts })
  d[PASSIVE] = true
  return d
}
