/** Two lower-case hex digits for each byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

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
  /** Eight hex digits of a 32-bit value, from a byte table: several times faster than toString(16) and padding. */
  const hex8 = (value: number) => HEX_BYTE[value >>> 24]! + HEX_BYTE[(value >>> 16) & 0xff]! + HEX_BYTE[(value >>> 8) & 0xff]! + HEX_BYTE[value & 0xff]!
  const hex4 = (value: number) => HEX_BYTE[(value >>> 8) & 0xff]! + HEX_BYTE[value & 0xff]!
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
      return `${hex8(a)}-${hex4(b >>> 16)}-${hex4(0x4000 | (b & 0x0fff))}-${hex4(0x8000 | (c & 0x3fff))}-${hex4(c >>> 16)}${hex8(d)}`
    },
  }
}
