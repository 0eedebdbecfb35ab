#!/usr/bin/env node
// Replays a sequential editing trace (josephg/editing-traces format, gzip JSON) into one Y.Text,
// one transaction per trace transaction, and prints one JSON line:
//   { "file", "clientId", "transactions", "patches", "textLength", "matchesEndContent", "updateBytes",
//     "stateVectorBytes", "stateVector": {"client": clock}, "ms" }
//
//   node trace-size.mjs path/to/automerge-paper.json.gz [--root text] [--client-id N] [--rounds N] [--print-update]
//
// The root type is named "text" unless --root is given and the clientID is 2654435769 unless
// --client-id is given: both are part of the encoding (a clientID of 2^28 or more takes 5 bytes in
// every ID written, as Yjs's own random uint32 clientIDs mostly do), so the Java side must use the
// same ones for a fair size comparison. With --rounds N the replay runs N times and "ms" is the
// best round. With --print-update the output also has "update": base64 of encodeStateAsUpdate.

import * as Y from 'yjs'
import fs from 'node:fs'
import zlib from 'node:zlib'

const args = process.argv.slice(2)
let file = null
let root = 'text'
let rounds = 1
let clientId = 2654435769
let printUpdate = false
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--root') root = args[++i]
  else if (args[i] === '--rounds') rounds = Number(args[++i])
  else if (args[i] === '--client-id') clientId = Number(args[++i])
  else if (args[i] === '--print-update') printUpdate = true
  else file = args[i]
}
if (!file) {
  console.error('usage: node trace-size.mjs trace.json.gz [--root text] [--client-id N] [--rounds N] [--print-update]')
  process.exit(2)
}

const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'))
if (trace.kind === 'concurrent') {
  console.error(`${file} is a concurrent trace; only sequential traces are supported`)
  process.exit(2)
}

const replay = () => {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const text = doc.getText(root)
  if (trace.startContent) doc.transact(() => text.insert(0, trace.startContent))
  let patches = 0
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del)
        if (ins.length > 0) text.insert(pos, ins)
        patches++
      }
    })
  }
  return { doc, text, patches }
}

let best = Infinity
let result = null
for (let r = 0; r < Math.max(1, rounds); r++) {
  const t0 = process.hrtime.bigint()
  result = replay()
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  best = Math.min(best, ms)
}
const { doc, text, patches } = result
const str = text.toString()
const update = Y.encodeStateAsUpdate(doc)
console.log(JSON.stringify({
  file,
  clientId,
  transactions: trace.txns.length,
  patches,
  textLength: str.length,
  matchesEndContent: str === trace.endContent,
  updateBytes: update.length,
  stateVectorBytes: Y.encodeStateVector(doc).length,
  stateVector: Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([c, k]) => [String(c), k])),
  ms: Math.round(best),
  ...(printUpdate ? { update: Buffer.from(update).toString('base64') } : {})
}))
