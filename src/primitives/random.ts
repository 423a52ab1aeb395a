/**
 * A small seeded pseudo-random generator (SplitMix32) for the few random things outside the seed data,
 * such as `X-Request-Id` values, so that the same seed gives the same responses byte for byte.
 */
export function createRandom(seed: number): { next(): number; uuid(): string; save(): number; restore(saved: number): void } {
  let state = seed >>> 0
  const nextUint32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0').slice(-digits)
  return {
    /** The generator's position, so that a failed request can give back what it drew. */
    save: () => state,
    restore(saved: number) {
      state = saved >>> 0
    },
    /** A number in [0, 1). */
    next: () => nextUint32() / 0x1_0000_0000,
    /** A version 4 UUID. */
    uuid() {
      const a = nextUint32()
      const b = nextUint32()
      const c = nextUint32()
      const d = nextUint32()
      return [
        hex(a, 8),
        hex(b >>> 16, 4),
        hex(0x4000 | (b & 0x0fff), 4),
        hex(0x8000 | (c & 0x3fff), 4),
        hex(c >>> 16, 4) + hex(d, 8),
      ].join('-')
    },
  }
}
