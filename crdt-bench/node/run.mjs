// Node runner of crdt-bench: runs the crdt-benchmarks suite on yjs (and ywasm, @automerge/automerge)
// and writes the figures in the shape of crdt-bench's results.json, so BenchMain can put them next
// to the JVM engines.
//
//   node --expose-gc run.mjs [--engines yjs,ywasm,automerge] [--benchmarks B4,B1.1|all]
//        [--rounds 5] [--data-dir ../../shared/data] [--out node-results.json]
//
// Each benchmark runs `rounds` times on fresh documents; times are reported as best and mean.
// Memory: heapUsed + external after gc() around loading the encoded document (needs --expose-gc).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { engines as engineFactories } from './engines.mjs'
import { createSuite, ResultMismatch } from './suite.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

const parseArgs = (argv) => {
  const options = {
    engines: ['yjs'],
    benchmarks: null,
    rounds: 5,
    dataDir: process.env.SYMPHONY_DATA_DIR || path.resolve(here, '../../../shared/data'),
    out: null
  }
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i]
    switch (argv[i]) {
      case '--engines': options.engines = value().split(',').filter(Boolean); break
      case '--benchmarks': options.benchmarks = value(); break
      case '--rounds': options.rounds = Number(value()); break
      case '--data-dir': options.dataDir = value(); break
      case '--out': options.out = value(); break
      default: throw new Error(`unknown option ${argv[i]}`)
    }
  }
  return options
}

const memoryNow = () => {
  global.gc()
  global.gc()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.external
}

const timed = (f) => {
  const start = performance.now()
  const result = f()
  return [performance.now() - start, result]
}

const summary = (samples) => ({
  bestMs: Math.min(...samples),
  meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
  samples: samples.length
})

/** Runs one benchmark `rounds` times; the last round also measures sizes and memory. */
const measure = (engine, scenario, rounds) => {
  const times = { time: [], encodeTime: [], parseTime: [] }
  let sizes = {}
  for (let round = 0; round < rounds; round++) {
    const last = round === rounds - 1
    let encoded
    const run = scenario.prepare(engine)
    try {
      times.time.push(timed(() => run.update())[0])
      const [encodeMs, bytes] = timed(() => run.encode())
      times.encodeTime.push(encodeMs)
      encoded = bytes
      const [parseMs, doc] = timed(() => run.parse(encoded))
      times.parseTime.push(parseMs)
      doc.close()
      if (last) {
        const updateSize = run.updateSize()
        sizes = { updateSize: updateSize < 0 ? undefined : updateSize, docSize: encoded.length }
      }
    } finally {
      run.close()
    }
    if (last) {
      // As crdt-benchmarks: memory retained by a document loaded from the encoded state.
      const before = memoryNow()
      const doc = engine.load(encoded)
      sizes.memUsed = memoryNow() - before
      doc.close()
    }
  }
  return {
    status: 'ok',
    time: summary(times.time),
    encodeTime: summary(times.encodeTime),
    parseTime: summary(times.parseTime),
    ...sizes
  }
}

const main = async () => {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc')
  const options = parseArgs(process.argv.slice(2))
  const suite = createSuite(options.dataDir)
  const ids = options.benchmarks === 'all'
    ? Object.keys(suite)
    : options.benchmarks
      ? options.benchmarks.split(',')
      : Object.keys(suite).filter((id) => id !== 'B4x100')
  const output = { node: process.versions.node, engines: [] }
  for (const name of options.engines) {
    const factory = engineFactories[name]
    if (!factory) throw new Error(`unknown engine ${name}; known: ${Object.keys(engineFactories)}`)
    const engine = await factory()
    const column = { id: engine.id, displayName: engine.displayName, memoryMethod: engine.memoryMethod, results: {} }
    for (const id of ids) {
      const scenario = suite[id]
      if (!scenario) throw new Error(`unknown benchmark ${id}`)
      let result
      try {
        result = measure(engine, scenario, options.rounds)
      } catch (e) {
        const status = e instanceof ResultMismatch ? 'wrong_result' : e.message.includes('not found') ? 'skipped' : 'error'
        result = { status, message: String(e.message || e) }
      }
      column.results[id] = result
      const shown = result.status === 'ok'
        ? `time ${result.time.bestMs.toFixed(0)} ms (best of ${options.rounds}), docSize ${result.docSize} bytes, memUsed ${result.memUsed} bytes`
        : `${result.status}: ${result.message}`
      console.log(`${engine.id} ${id}: ${shown}`)
    }
    output.engines.push(column)
  }
  if (options.out) fs.writeFileSync(options.out, JSON.stringify(output, null, 2))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
