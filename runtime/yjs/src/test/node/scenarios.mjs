#!/usr/bin/env node
// Seeded random scenario generator for the differential tests of the Java Yjs engine.
//
//   node scenarios.mjs --seed S --count N --out file.jsonl [--size small|large] [--verify-permutations]
//
// Scenario i uses the seed S + i, so one failing scenario is reproduced on its own with
// `--seed <its seed> --count 1 --size <its size>`. Each scenario lets 2-5 real Y.Doc clients (distinct,
// explicit clientIDs) edit concurrently and exchange updates with partial, lossy, out-of-order syncs:
// per-transaction `update` events delivered in random order (some dropped) and
// encodeStateAsUpdate(doc, stateVector(other)) diffs. At the end all clients sync fully; they must
// converge to what a fresh Y.Doc shows after applying every recorded update, else this script fails.
// With --verify-permutations it also fails when Yjs cannot apply the shuffled delivery orders (see
// "order" below) instead of trying another shuffle.
//
// One JSON line per scenario:
//   { "seed", "size", "clients": [clientID...], "types": {name: "text"|"map"|"array"|"xml"},
//     "updates": [base64 update v1, in emission order],
//     "local": [indices into updates of the per-transaction updates of local edits; every struct
//               and every deletion is in exactly one of them, so they are the minimal complete set],
//     "order": [indices: all updates shuffled, ~10% repeated], "localOrder": [the local ones shuffled]
//               delivery orders for the Java engine, both checked to converge in Yjs first,
//     "yjsStuck": {"order"|"localOrder": n}  only when n shuffles left Yjs with pending structs,
//     "partials": [{ "upto": k, "stateVector": base64 }]   state vector of a doc that applied updates[0..k)
//     "expected": { "json": {name: view}, "deep": {name: view}, "stateVector": {"client": clock},
//                   "update": base64(Y.encodeStateAsUpdate(fresh doc)) } }
// See canonical.mjs for the "json" and "deep" views.

import * as Y from 'yjs'
import fs from 'node:fs'
import { Rng } from './rng.mjs'
import { rootType, toBase64, viewsOf, pendingOf, stringify, passiveDoc } from './canonical.mjs'

// ---------------------------------------------------------------------------------------------
// value pools

const WORDS = ['hello', 'world', 'yjs', 'crdt', 'lorem', 'ipsum', ' ', '\n', 'a', 'The quick brown fox', '"quoted"', 'back\\slash', 'tab\there']
const UNICODE = ['ä', 'ö', 'ü', 'ß', 'é', '日本語', '中文', 'עברית', 'русский', '한국어', 'ｆｕｌｌ', '\u00a0', 'e\u0301', '€', '\u2028']
const ASTRAL = ['😀', '𝄞', '👍🏽', '👨‍👩‍👧', '🇩🇪', '𠜎', '🦄', '𝔘𝔫𝔦']
const MAP_KEYS = ['a', 'b', 'c', 'title', 'count', 'ключ', 'k😀', '', 'nested', 'x y']
const OBJ_KEYS = ['id', 'name', 'v', 'ü', '😀', '', 'list', 'on', '0', '10', 'k-1']
const NUMBERS = [0, -0, 1, -1, 42, -42, 63, 64, -63, -64, -65, 127, 128, 255, 256, 8191, 8192, 16383, 16384,
  2147483647, -2147483647, 2147483648, -2147483648, 2147483649, 4294967295, 4294967296, -4294967297,
  1099511627776, 9007199254740991, -9007199254740991, 1e15, 123456789012]
const FLOATS = [0.5, -0.25, 1.5, 3.14159, -2.718281828459045, 0.1, 1e-7, 1.5e300, -1e-300, 123456.789, Math.fround(0.1), 65504.5, 1 / 3]
const BIGINTS = [0n, 1n, -1n, 9007199254740993n, -9223372036854775808n, 9223372036854775807n, 1234567890123456789n]
const TEXT_ATTRS = [
  { bold: true }, { italic: true }, { bold: null }, { italic: null }, { color: '#ff0000' }, { color: null },
  { link: { href: 'https://example.com/ä?q=1' } }, { size: 12 }, { font: 'Ünïcödé Sans' }, { bold: true, italic: true },
  { header: 1 }, { code: true }, { comment: { id: 7, resolved: false, tags: ['x', 'y'] } }
]
const XML_TEXT_ATTRS = [{ bold: true }, { italic: true }, { bold: null }, { link: { href: 'https://example.org', target: '_blank' } }, { italic: null }, { strike: {} }]
const EMBEDS = [{ image: 'https://example.com/a.png' }, { formula: 'e=mc^2' }, { mention: { id: 17, name: 'Zoë' } }, { video: 'https://v.example/😀' }, { hr: true }]
const XML_NAMES = ['paragraph', 'heading', 'blockquote', 'bullet_list', 'list_item', 'p', 'span', 'Custom-Node', 'figure']
const XML_ATTR_KEYS = ['level', 'class', 'id', 'data-x', 'style', 'lang']

// ---------------------------------------------------------------------------------------------
// random values

const randomString = (r, maxParts = 3) => {
  let s = ''
  const parts = r.int(1, maxParts)
  for (let i = 0; i < parts; i++) {
    s += r.weighted([[6, () => r.pick(WORDS)], [2, () => r.pick(UNICODE)], [2, () => r.pick(ASTRAL)],
      [3, () => String.fromCharCode(97 + r.int(0, 25))]])()
  }
  return s
}

const randomBytes = (r) => {
  const n = r.weighted([[1, 0], [6, r.int(1, 8)], [1, r.int(100, 300)]])
  const u = new Uint8Array(n)
  for (let i = 0; i < n; i++) u[i] = r.int(0, 255)
  return u
}

/**
 * A value lib0's writeAny accepts.
 * @param {boolean} top whether the value is an element of a Y.Array (top-level array content cannot
 *   be undefined or bigint: typeListInsertGenerics rejects those; Y.Map.set and nested Any accept them)
 */
const randomAny = (r, depth, top, inArray) => {
  const choice = r.weighted([
    [2, 'null'], [2, 'bool'], [4, 'int'], [3, 'edge'], [3, 'float'], [6, 'string'],
    [depth < 3 ? 2 : 0, 'object'], [depth < 3 ? 2 : 0, 'array'],
    [top ? 0 : 1, 'bytes'], [top && inArray ? 0 : 1, 'undefined'], [top && inArray ? 0 : 0.5, 'bigint']
  ])
  switch (choice) {
    case 'null': return null
    case 'bool': return r.bool()
    case 'int': return r.int(-1000, 1000)
    case 'edge': return r.pick(NUMBERS)
    case 'float': return r.pick(FLOATS)
    case 'string': return r.chance(0.1) ? '' : randomString(r)
    case 'bytes': return randomBytes(r)
    case 'undefined': return undefined
    case 'bigint': return r.pick(BIGINTS)
    case 'object': {
      const o = {}
      const n = r.int(0, 4)
      for (let i = 0; i < n; i++) o[r.pick(OBJ_KEYS)] = randomAny(r, depth + 1, false, false)
      return o
    }
    case 'array': {
      const a = []
      const n = r.int(0, 4)
      for (let i = 0; i < n; i++) a.push(randomAny(r, depth + 1, false, true))
      return a
    }
  }
  throw new Error('unreachable')
}

let guidCounter = 0
const randomSubdoc = (r) => {
  const opts = { guid: `sub-${r.u32().toString(16)}-${(guidCounter++).toString(36)}` }
  if (r.chance(0.4)) opts.autoLoad = true
  if (r.chance(0.4)) opts.meta = randomAny(r, 2, false, false)
  if (r.chance(0.2)) opts.gc = false
  return new Y.Doc(opts)
}

/** A prelim nested shared type, sometimes with content filled in before integration. */
const randomPrelimType = (r, depth) => {
  const kind = r.pick(['map', 'array', 'text'])
  const filled = r.chance(0.5)
  if (kind === 'map') {
    const m = new Y.Map()
    if (filled) {
      const n = r.int(1, 3)
      for (let i = 0; i < n; i++) m.set(r.pick(MAP_KEYS), randomMapValue(r, depth + 1, true))
    }
    return m
  }
  if (kind === 'array') {
    const a = new Y.Array()
    if (filled) a.insert(0, randomArrayContent(r, depth + 1, true))
    return a
  }
  const t = new Y.Text()
  if (filled) t.insert(0, randomString(r), r.chance(0.3) ? r.pick(TEXT_ATTRS) : undefined)
  return t
}

/** value for Y.Map.set on a map at the given depth (root = 0) */
const randomMapValue = (r, depth, prelim = false) => {
  return r.weighted([
    [10, () => randomAny(r, 0, true, false)],
    [2, () => randomBytes(r)],
    [depth < 3 ? 4 : 0, () => randomPrelimType(r, depth)],
    [prelim ? 0 : 0.3, () => randomSubdoc(r)]
  ])()
}

/** content array for Y.Array.insert on an array at the given depth */
const randomArrayContent = (r, depth, prelim = false) => {
  const n = r.weighted([[5, 1], [3, r.int(2, 4)], [1, r.int(5, 12)]])
  const out = []
  for (let i = 0; i < n; i++) {
    out.push(r.weighted([
      [10, () => randomAny(r, 0, true, true)],
      [1.5, () => randomBytes(r)],
      [depth < 3 ? 2.5 : 0, () => randomPrelimType(r, depth)],
      [prelim ? 0 : 0.2, () => randomSubdoc(r)]
    ])())
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// editing

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff

/** UTF-16 code units of a text as Yjs indexes them (embeds count as one unit). */
const textUnits = (t) => {
  let s = ''
  for (const op of t.toDelta()) s += typeof op.insert === 'string' ? op.insert : '\ufffc'
  return s
}

/** Index in [0, len] that does not split a surrogate pair (Yjs would replace split halves by U+FFFD). */
const safeIndex = (s, i, dir) => {
  while (i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i))) i += dir
  return i
}

const randomRange = (r, s, maxLen) => {
  const len = s.length
  const start = safeIndex(s, r.int(0, len - 1), -1)
  const end = safeIndex(s, Math.min(len, start + r.int(1, maxLen)), +1)
  return [start, end - start]
}

const kindOf = (v) => {
  if (v instanceof Y.XmlText) return 'xmltext'
  if (v instanceof Y.XmlElement) return 'xmlel'
  if (v instanceof Y.XmlFragment) return 'xmlfrag'
  if (v instanceof Y.Text) return 'text'
  if (v instanceof Y.Map) return 'map'
  if (v instanceof Y.Array) return 'array'
  return null
}

const collectTargets = (doc, types) => {
  const out = []
  const visit = (t, depth) => {
    const kind = kindOf(t)
    out.push({ t, kind, depth })
    let children = []
    if (kind === 'map') children = [...t.values()]
    else if (kind === 'array' || kind === 'xmlfrag' || kind === 'xmlel') children = t.toArray()
    for (const c of children) if (kindOf(c) !== null) visit(c, depth + 1)
  }
  for (const [name, kind] of Object.entries(types)) visit(rootType(doc, name, kind), 0)
  return out
}

const textOp = (r, t, xml, large) => {
  const s = textUnits(t)
  const op = s.length === 0 ? 'insert' : r.weighted([[5, 'insert'], [xml ? 0 : 1, 'embed'], [2, 'format'], [3, 'delete']])
  const attrsPool = xml ? XML_TEXT_ATTRS : TEXT_ATTRS
  switch (op) {
    case 'insert': {
      const i = safeIndex(s, r.int(0, s.length), -1)
      const str = large && r.chance(0.05) ? randomString(r, 30) : randomString(r)
      if (r.chance(0.3)) t.insert(i, str, r.pick(attrsPool))
      else t.insert(i, str)
      break
    }
    case 'embed': {
      const i = safeIndex(s, r.int(0, s.length), -1)
      if (r.chance(0.3)) t.insertEmbed(i, r.pick(EMBEDS), r.pick(TEXT_ATTRS))
      else t.insertEmbed(i, r.pick(EMBEDS))
      break
    }
    case 'format': {
      const [i, n] = randomRange(r, s, large ? 40 : 10)
      t.format(i, n, r.pick(attrsPool))
      break
    }
    case 'delete': {
      const [i, n] = randomRange(r, s, large ? 20 : 6)
      t.delete(i, n)
      break
    }
  }
}

const mapOp = (r, m, depth) => {
  const keys = [...m.keys()]
  if (keys.length > 0 && r.chance(0.25)) {
    m.delete(r.pick(keys))
  } else {
    m.set(r.pick(MAP_KEYS), randomMapValue(r, depth))
  }
}

const arrayOp = (r, a, depth) => {
  const len = a.length
  const op = len === 0 ? r.pick(['insert', 'push']) : r.weighted([[4, 'insert'], [2, 'push'], [1, 'unshift'], [3, 'delete']])
  switch (op) {
    case 'insert': a.insert(r.int(0, len), randomArrayContent(r, depth)); break
    case 'push': a.push(randomArrayContent(r, depth)); break
    case 'unshift': a.unshift(randomArrayContent(r, depth)); break
    case 'delete': {
      const i = r.int(0, len - 1)
      a.delete(i, Math.min(len - i, r.int(1, 4)))
      break
    }
  }
}

const randomXmlText = (r) => {
  const t = new Y.XmlText()
  if (r.chance(0.6)) t.insert(0, randomString(r), r.chance(0.3) ? r.pick(XML_TEXT_ATTRS) : undefined)
  return t
}

const randomXmlElement = (r, depth) => {
  const el = new Y.XmlElement(r.pick(XML_NAMES))
  const nAttrs = r.weighted([[3, 0], [3, 1], [1, 2]])
  for (let i = 0; i < nAttrs; i++) el.setAttribute(r.pick(XML_ATTR_KEYS), randomString(r, 1))
  if (depth < 3 && r.chance(0.5)) {
    const kids = []
    const n = r.int(1, 2)
    for (let i = 0; i < n; i++) kids.push(r.chance(0.6) ? randomXmlText(r) : randomXmlElement(r, depth + 1))
    el.insert(0, kids)
  }
  return el
}

const xmlOp = (r, x, kind, depth) => {
  const len = x.length
  const op = r.weighted([[4, 'insert'], [len > 0 ? 2 : 0, 'delete'], [kind === 'xmlel' ? 2 : 0, 'attr'],
    [kind === 'xmlel' && Object.keys(x.getAttributes()).length > 0 ? 1 : 0, 'rmattr']])
  switch (op) {
    case 'insert': {
      const n = r.weighted([[4, 1], [1, 2]])
      const nodes = []
      for (let i = 0; i < n; i++) nodes.push(r.chance(0.5) && depth < 4 ? randomXmlElement(r, depth + 1) : randomXmlText(r))
      x.insert(r.int(0, len), nodes)
      break
    }
    case 'delete': {
      const i = r.int(0, len - 1)
      x.delete(i, Math.min(len - i, r.int(1, 2)))
      break
    }
    case 'attr': x.setAttribute(r.pick(XML_ATTR_KEYS), randomString(r, 1)); break
    case 'rmattr': x.removeAttribute(r.pick(Object.keys(x.getAttributes()))); break
  }
}

const randomOp = (r, doc, types, large) => {
  const targets = collectTargets(doc, types)
  // favour deeper targets a little so nested types get edited after creation
  const { t, kind, depth } = r.weighted(targets.map(x => [1 + x.depth, x]))
  switch (kind) {
    case 'text': return textOp(r, t, false, large)
    case 'xmltext': return textOp(r, t, true, large)
    case 'map': return mapOp(r, t, depth)
    case 'array': return arrayOp(r, t, depth)
    case 'xmlfrag':
    case 'xmlel': return xmlOp(r, t, kind, depth)
  }
  throw new Error(`no op for ${kind}`)
}

// ---------------------------------------------------------------------------------------------
// scenario

const ROOT_NAMES = {
  text: ['text', 'body', 'tëxt✓'],
  map: ['map', 'meta', 'config'],
  array: ['array', 'list', 'items'],
  xml: ['xml', 'prosemirror', 'fragment']
}

const sortedStringify = (v) => {
  if (v === null || typeof v !== 'object') return stringify(v)
  if (Array.isArray(v)) return '[' + v.map(sortedStringify).join(',') + ']'
  return '{' + Object.keys(v).sort().map(k => JSON.stringify(k) + ':' + sortedStringify(v[k])).join(',') + '}'
}

const randomClientIds = (r, n) => {
  const ids = new Set()
  while (ids.size < n) {
    ids.add(r.weighted([
      [3, () => r.int(0, 20)],
      [3, () => r.u32()], // Yjs itself draws clientIDs as random uint32
      [1, () => r.pick([127, 128, 16383, 16384, 2147483647, 2147483648, 4294967295])]
    ])())
  }
  return [...ids]
}

export const generateScenario = (seed, size, verifyPermutations = false) => {
  const r = new Rng(seed)
  const large = size === 'large'
  const nClients = r.int(2, 5)
  const clients = randomClientIds(r, nClients)

  // root types
  const types = {}
  const kinds = ['text', 'map', 'array', 'xml']
  const nRoots = r.weighted([[3, 1], [3, 2], [2, 3], [1, 4], [large ? 1 : 0.3, 5]])
  let attempts = 0
  while (Object.keys(types).length < nRoots && attempts++ < 50) {
    const kind = r.pick(kinds)
    const name = r.pick(ROOT_NAMES[kind])
    if (!(name in types)) types[name] = kind
  }

  const updates = []
  const local = [] // indices of the updates of local transactions: together they hold everything once
  const record = (u, isLocal = false) => {
    if (isLocal) local.push(updates.length)
    updates.push(u)
  }
  const docs = clients.map(id => {
    const d = new Y.Doc({ guid: `client-${id}` }) // explicit guid: cheaper than a random uuid
    d.clientID = id
    return d
  })
  // inbox[j] = updates emitted by other clients, not yet delivered to j
  const inbox = docs.map(() => [])
  docs.forEach((d, i) => {
    d.on('update', (u, origin, _doc, tr) => {
      if (tr.local) {
        record(u, true)
        docs.forEach((_, j) => { if (j !== i && !r.chance(0.15)) inbox[j].push(u) })
      } else if (r.chance(0.25)) {
        // updates re-emitted after integrating remote changes are valid updates too
        record(u)
      }
    })
  })
  // clients need their root types to edit; the observers below declare theirs before or after
  for (const d of docs) for (const [name, kind] of Object.entries(types)) rootType(d, name, kind)

  const deliverOne = (j) => {
    const q = inbox[j]
    const k = r.chance(0.7) ? 0 : r.int(0, q.length - 1)
    const [u] = q.splice(k, 1)
    Y.applyUpdate(docs[j], u, 'remote')
  }
  const syncPair = (i, j) => {
    const u = Y.encodeStateAsUpdate(docs[i], Y.encodeStateVector(docs[j]))
    record(u)
    Y.applyUpdate(docs[j], u, 'remote')
  }

  const steps = large ? r.int(150, 400) : r.int(3, 25)
  const maxOps = large ? 6 : 4
  for (let step = 0; step < steps; step++) {
    const action = r.weighted([[6, 'edit'], [3, 'deliver'], [0.7, 'flush'], [1, 'sync']])
    if (action === 'edit') {
      const i = r.int(0, nClients - 1)
      const nOps = r.int(1, maxOps)
      docs[i].transact(() => {
        for (let k = 0; k < nOps; k++) randomOp(r, docs[i], types, large)
      }, 'local')
    } else if (action === 'deliver') {
      const candidates = inbox.map((q, j) => q.length > 0 ? j : -1).filter(j => j >= 0)
      if (candidates.length > 0) {
        const j = r.pick(candidates)
        const n = r.int(1, Math.min(3, inbox[j].length))
        for (let k = 0; k < n; k++) deliverOne(j)
      }
    } else if (action === 'flush') {
      const j = r.int(0, nClients - 1)
      while (inbox[j].length > 0) deliverOne(j)
    } else {
      const i = r.int(0, nClients - 1)
      let j = r.int(0, nClients - 2)
      if (j >= i) j++
      syncPair(i, j)
    }
  }
  // deliver what is still in flight, then full pairwise syncs
  for (let j = 0; j < nClients; j++) while (inbox[j].length > 0) deliverOne(j)
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < nClients; i++) for (let j = 0; j < nClients; j++) if (i !== j) syncPair(i, j)
  }

  // expected state: a fresh doc that applied every recorded update in emission order
  // cut points for the partial state vectors (diff tests), taken on the way
  const cuts = [...new Set([r.int(0, updates.length), r.int(Math.floor(updates.length / 2), updates.length)])].sort((a, b) => a - b)
  const partials = []
  const fresh = passiveDoc()
  if (r.chance(0.5)) for (const [name, kind] of Object.entries(types)) rootType(fresh, name, kind)
  for (let k = 0; k <= updates.length; k++) {
    if (cuts.includes(k)) partials.push({ upto: k, stateVector: toBase64(Y.encodeStateVector(fresh)) })
    if (k < updates.length) Y.applyUpdate(fresh, updates[k])
  }
  const fail = (msg) => { throw new Error(`scenario seed=${seed} size=${size}: ${msg}`) }
  if (pendingOf(fresh) !== null) fail(`fresh doc has pending structs/deletes: ${JSON.stringify(pendingOf(fresh))}`)
  const views = viewsOf(fresh, types)
  const want = sortedStringify(views)
  docs.forEach((d, i) => {
    if (pendingOf(d) !== null) fail(`client ${clients[i]} has pending structs/deletes: ${JSON.stringify(pendingOf(d))}`)
    const got = sortedStringify(viewsOf(d, types))
    if (got !== want) fail(`client ${clients[i]} did not converge:\n  client: ${got}\n  fresh:  ${want}`)
  })
  const fullUpdate = Y.encodeStateAsUpdate(fresh)
  {
    const again = passiveDoc()
    Y.applyUpdate(again, fullUpdate)
    const got = sortedStringify(viewsOf(again, types))
    if (got !== want) fail(`encodeStateAsUpdate does not round-trip:\n  got:  ${got}\n  want: ${want}`)
  }

  // Delivery orders for the Java test, each checked with Yjs first: Yjs 13.6 itself can stay stuck
  // with pending structs for some orders of a minimal update set (a limitation of its pending-struct
  // retry), so the harness only demands orders Yjs manages. With --verify-permutations such an order
  // is an error instead of being replaced by another shuffle.
  const pr = new Rng(seed + 0x5eed) // separate stream: the rest of the output does not depend on it
  const yjsStuck = {}
  // small scenarios get a full shuffle; large ones a local one (each update moves by up to ~20
  // places), which still delivers much out of order but keeps Yjs's pending-struct merging cheap
  const shuffle = (indices) => large
    ? indices.map((x, k) => [k + pr.float() * 20, x]).sort((a, b) => a[0] - b[0]).map(e => e[1])
    : pr.shuffle([...indices])
  const pickOrder = (indices, dupFraction, label) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const order = shuffle(indices)
      const dups = Math.ceil(indices.length * dupFraction)
      for (let k = 0; k < dups; k++) order.splice(pr.int(0, order.length), 0, pr.pick(indices))
      const d = passiveDoc()
      for (const k of order) Y.applyUpdate(d, updates[k])
      const pending = pendingOf(d)
      const got = pending === null ? sortedStringify(viewsOf(d, types)) : null
      d.destroy()
      if (got === want) {
        if (attempt > 0) yjsStuck[label] = attempt
        return order
      }
      if (verifyPermutations || pending === null) {
        fail(`Yjs applying the ${label} order ${JSON.stringify(order)} ` +
          (pending !== null ? `is left with pending structs/deletes ${JSON.stringify(pending)}` : `differs:\n  got:  ${got}\n  want: ${want}`))
      }
    }
    yjsStuck[label] = 5
    return [...indices] // emission order always works
  }
  const order = updates.length === 0 ? [] : pickOrder(updates.map((_, k) => k), 0.1, 'order')
  const localOrder = local.length === 0 ? [] : pickOrder(local, 0, 'localOrder')

  for (const d of docs) d.destroy()
  return {
    seed,
    size,
    clients,
    types,
    updates: updates.map(toBase64),
    local,
    order,
    localOrder,
    ...(Object.keys(yjsStuck).length > 0 ? { yjsStuck } : {}),
    partials,
    expected: { json: views.json, deep: views.deep, stateVector: views.stateVector, update: toBase64(fullUpdate) }
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

const parseArgs = (argv) => {
  const opts = { seed: 1, count: 1, out: '-', size: 'small', verifyPermutations: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value after ${a}`)
      return argv[++i]
    }
    switch (a) {
      case '--seed': opts.seed = Number(next()); break
      case '--count': opts.count = Number(next()); break
      case '--out': opts.out = next(); break
      case '--size': opts.size = next(); break
      case '--verify-permutations': opts.verifyPermutations = true; break
      case '-h':
      case '--help':
        console.log('usage: node scenarios.mjs --seed S --count N --out file.jsonl [--size small|large] [--verify-permutations]')
        process.exit(0)
        break
      default: throw new Error(`unknown argument ${a}`)
    }
  }
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new Error(`--seed must be a non-negative integer, got ${opts.seed}`)
  if (!Number.isSafeInteger(opts.count) || opts.count < 0) throw new Error(`--count must be a non-negative integer, got ${opts.count}`)
  if (opts.size !== 'small' && opts.size !== 'large') throw new Error(`--size must be small or large, got ${opts.size}`)
  return opts
}

const main = () => {
  const opts = parseArgs(process.argv.slice(2))
  const fd = opts.out === '-' ? 1 : fs.openSync(opts.out, 'w')
  let buf = ''
  for (let i = 0; i < opts.count; i++) {
    buf += stringify(generateScenario(opts.seed + i, opts.size, opts.verifyPermutations)) + "\n"
    if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = '' }
  }
  if (buf.length > 0) fs.writeSync(fd, buf)
  if (fd !== 1) fs.closeSync(fd)
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scenarios.mjs')) {
  try {
    main()
  } catch (e) {
    console.error(e && e.stack ? e.stack : String(e))
    process.exit(1)
  }
}
