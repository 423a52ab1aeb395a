/** What the command line's dataset check (canonical-check.ts) and its worker thread share. */

export const VERDICT_UNKNOWN = 0
export const VERDICT_CANONICAL = 1
export const VERDICT_OTHER = 2
/** How far past the main thread's record the worker jumps when the main thread has caught it up. */
export const MAIN_AHEAD_BY = 64

export type CanonicalCheckData = {
  /** The file's bytes (a SharedArrayBuffer). */
  bytes: SharedArrayBuffer
  /** One Int32 per record, all collections in load order: VERDICT_*. */
  verdicts: SharedArrayBuffer
  /** One Int32: the index (in the same numbering) of the record the main thread is loading. */
  position: SharedArrayBuffer
  /** The collections in load order, each with its records' byte spans (Float64Array buffers). */
  collections: { collection: string; starts: ArrayBuffer; ends: ArrayBuffer }[]
}

/**
 * Whether `output` (a schema's result) is the same JSON as `input` (what JSON.parse made): the same keys in the
 * same order, the same primitives (Object.is), arrays for arrays and plain objects for objects. Then the input
 * can stand for the output: nothing the schema did (a default, a transform, a key removed or reordered) is lost.
 */
export function isSameJson(input: unknown, output: unknown): boolean {
  if (Object.is(input, output)) return true
  if (typeof input !== 'object' || typeof output !== 'object' || input === null || output === null) return false
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || output.length !== input.length) return false
    for (let i = 0; i < input.length; i++) if (!isSameJson(input[i], output[i])) return false
    return true
  }
  if (Array.isArray(output)) return false
  const prototype = Object.getPrototypeOf(output)
  if (prototype !== Object.prototype && prototype !== null) return false
  const inputKeys = Object.keys(input)
  const outputKeys = Object.keys(output)
  if (inputKeys.length !== outputKeys.length) return false
  for (let i = 0; i < inputKeys.length; i++) {
    const key = inputKeys[i]!
    // JSON.parse makes "__proto__" an own key; an object literal would not: leave such records to the schema.
    if (key !== outputKeys[i] || key === '__proto__') return false
    if (!isSameJson((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key])) return false
  }
  return true
}
