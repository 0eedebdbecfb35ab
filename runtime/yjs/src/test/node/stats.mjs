#!/usr/bin/env node
// Coverage report for a scenarios file: which struct and content kinds the updates contain.
//
//   node stats.mjs scenarios.jsonl
//
// Decodes every update (and every expected full-state update) with Y.decodeUpdate and counts GC,
// Skip and Item structs by content kind (shared types by type), lib0 Any value kinds, delete-set
// ranges, and a few text properties (astral characters, formatting).

import * as Y from 'yjs'
import fs from 'node:fs'
import readline from 'node:readline'
import { fromBase64 } from './canonical.mjs'

const counts = new Map()
const inc = (k, n = 1) => counts.set(k, (counts.get(k) || 0) + n)

const anyKind = (v) => {
  if (v === undefined) return 'undefined'
  if (v === null) return 'null'
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : (Math.fround(v) === v ? 'float32' : 'float64')
  if (v instanceof Uint8Array) return 'bytes'
  if (Array.isArray(v)) return 'array'
  return typeof v
}
const countAny = (v, prefix) => {
  inc(`${prefix}any:${anyKind(v)}`)
  if (Array.isArray(v)) v.forEach(x => countAny(x, prefix + 'nested-'))
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) Object.values(v).forEach(x => countAny(x, prefix + 'nested-'))
}

const countUpdate = (u, prefix) => {
  const { structs, ds } = Y.decodeUpdate(u)
  for (const s of structs) {
    const name = s.constructor.name
    if (name !== 'Item') { inc(`${prefix}struct:${name}`); continue }
    const c = s.content
    const cname = c.constructor.name
    if (cname === 'ContentType') inc(`${prefix}content:ContentType(${c.type.constructor.name})`)
    else inc(`${prefix}content:${cname}`)
    if (cname === 'ContentString' && /[\ud800-\udbff]/.test(c.str)) inc(`${prefix}text:astral`)
    if (cname === 'ContentAny') c.arr.forEach(v => countAny(v, prefix))
    if (s.parentSub !== null) inc(`${prefix}item:parentSub`)
    if (s.origin !== null && s.rightOrigin !== null) inc(`${prefix}item:bothOrigins`)
    if (s.parent !== null && typeof s.parent === 'string') inc(`${prefix}item:rootParent`)
  }
  for (const [, ranges] of ds.clients) inc(`${prefix}deleteSet:ranges`, ranges.length)
}

const main = async () => {
  const file = process.argv[2]
  if (!file) throw new Error('usage: node stats.mjs scenarios.jsonl')
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })
  let scenarios = 0
  let updates = 0
  let maxUpdates = 0
  const clientCounts = new Map()
  const typeKinds = new Map()
  for await (const line of rl) {
    if (!line.trim()) continue
    const s = JSON.parse(line)
    scenarios++
    updates += s.updates.length
    maxUpdates = Math.max(maxUpdates, s.updates.length)
    clientCounts.set(s.clients.length, (clientCounts.get(s.clients.length) || 0) + 1)
    for (const k of Object.values(s.types)) typeKinds.set(k, (typeKinds.get(k) || 0) + 1)
    for (const u of s.updates) countUpdate(fromBase64(u), '')
    countUpdate(fromBase64(s.expected.update), 'final.')
    if (/\$bytes/.test(JSON.stringify(s.expected.json))) inc('scenarios:with-bytes-in-json')
    if (/\$doc/.test(JSON.stringify(s.expected.json))) inc('scenarios:with-subdoc-in-json')
    if (/\$undefined/.test(JSON.stringify(s.expected.json))) inc('scenarios:with-undefined-in-json')
    if (/"attributes"/.test(JSON.stringify(s.expected.deep))) inc('scenarios:with-formatted-text')
    if (Object.keys(s.expected.json).length === 0) inc('scenarios:empty')
    for (const [k, n] of Object.entries(s.yjsStuck || {})) {
      inc(`yjs-stuck:${k}:scenarios`)
      inc(`yjs-stuck:${k}:shuffles`, n)
    }
  }
  console.log(`scenarios: ${scenarios}, updates: ${updates} (max ${maxUpdates} in one scenario)`)
  console.log(`clients per scenario: ${JSON.stringify(Object.fromEntries([...clientCounts].sort()))}`)
  console.log(`root types: ${JSON.stringify(Object.fromEntries(typeKinds))}`)
  for (const k of [...counts.keys()].sort()) console.log(`  ${k}: ${counts.get(k)}`)
}

main().catch(e => { console.error(e.stack || String(e)); process.exit(1) })
