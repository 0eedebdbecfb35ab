// Small deterministic PRNG for the scenario generator: a 32-bit counter run through an integer
// finaliser, keyed by the seed. Quality is ample for test-case generation and, unlike Math.random,
// it makes every scenario reproducible from its seed alone.

const finalise32 = (x) => {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d)
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b)
  return (x ^ (x >>> 16)) >>> 0
}

export class Rng {
  /** @param {number} seed a non-negative safe integer */
  constructor (seed) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative safe integer, got ${seed}`)
    const lo = seed >>> 0
    const hi = Math.floor(seed / 4294967296) >>> 0
    this.key = finalise32(lo ^ finalise32(hi ^ 0x2545f491))
    this.counter = finalise32(lo + 0x6a09e667) ^ hi
  }

  /** uniform 32-bit unsigned integer */
  u32 () {
    this.counter = (this.counter + 0x9e3779b9) >>> 0
    return finalise32(this.counter ^ this.key)
  }

  /** uniform in [0, 1) with 53 random bits */
  float () {
    return ((this.u32() >>> 5) * 67108864 + (this.u32() >>> 6)) / 9007199254740992
  }

  /** uniform integer in [lo, hi] (inclusive) */
  int (lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1))
  }

  chance (p) { return this.float() < p }

  bool () { return (this.u32() & 1) === 1 }

  pick (arr) {
    if (arr.length === 0) throw new Error('pick from empty array')
    return arr[this.int(0, arr.length - 1)]
  }

  /** @param {Array<[number, T]>} table weight/value pairs */
  weighted (table) {
    let total = 0
    for (const [w] of table) total += w
    let x = this.float() * total
    for (const [w, v] of table) {
      if (x < w) return v
      x -= w
    }
    return table[table.length - 1][1]
  }

  shuffle (arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      const t = arr[i]; arr[i] = arr[j]; arr[j] = t
    }
    return arr
  }
}
