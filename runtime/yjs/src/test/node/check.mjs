#!/usr/bin/env node
// Lets the real Yjs decode updates produced elsewhere (by the Java engine). A long-lived filter:
// one JSON request per stdin line, one JSON response per stdout line, in the same order.
//
// Request:  { "id": any, "types": {name: "text"|"map"|"array"|"xml"},
//             "update": base64 }                  one update, or
//             "updates": [base64, ...]            several, applied in order (both may be given:
//                                                 "updates" first, then "update")
//             "encode": true                      optional: also return Yjs's own re-encoding
//             "diffStateVector": base64           optional: with "encode", encode only what that
//                                                 state vector is missing }
// Response: { "id", "json": {...}, "deep": {...}, "stateVector": {"client": clock},
//             "pending": null | {"missingStructs": {...}, "pendingDeleteSet": true},
//             "update": base64 (only with "encode"), "error": null | "message" }
//
// Every document here is passive (see canonical.mjs): it shows exactly what the updates contain.
// Nothing but responses is written to stdout; console output of Yjs goes to stderr.

import * as Y from 'yjs'
import readline from 'node:readline'
import { fromBase64, toBase64, viewsOf, pendingOf, passiveDoc, stringify } from './canonical.mjs'

// keep stdout clean for the protocol
console.log = console.error
console.info = console.error
console.warn = console.error
console.debug = console.error

const handle = (req) => {
  const types = req.types || {}
  const doc = passiveDoc()
  const steps = []
  if (Array.isArray(req.updates)) req.updates.forEach((u, i) => steps.push([`updates[${i}]`, u]))
  if (typeof req.update === 'string') steps.push(['update', req.update])
  for (const [where, u] of steps) {
    try {
      Y.applyUpdate(doc, fromBase64(u))
    } catch (e) {
      throw new Error(`Yjs could not apply ${where}: ${e && e.message ? e.message : String(e)}`)
    }
  }
  const out = viewsOf(doc, types)
  const res = { id: req.id, json: out.json, deep: out.deep, stateVector: out.stateVector, pending: pendingOf(doc), error: null }
  if (req.encode === true) {
    res.update = toBase64(typeof req.diffStateVector === 'string'
      ? Y.encodeStateAsUpdate(doc, fromBase64(req.diffStateVector))
      : Y.encodeStateAsUpdate(doc))
  }
  doc.destroy()
  return res
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false })
rl.on('line', (line) => {
  if (line.trim() === '') return
  let res
  let id = null
  try {
    const req = JSON.parse(line)
    id = req.id === undefined ? null : req.id
    res = handle(req)
  } catch (e) {
    res = { id, json: null, deep: null, stateVector: null, pending: null, error: e && e.message ? e.message : String(e) }
    if (e && e.stack) console.error(e.stack)
  }
  let text
  try {
    text = stringify(res)
  } catch (e) {
    text = JSON.stringify({ id, json: null, deep: null, stateVector: null, pending: null, error: `could not serialise result: ${e.message}` })
  }
  process.stdout.write(text + '\n')
})
rl.on('close', () => process.exit(0))
