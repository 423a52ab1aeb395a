import type { z } from 'zod'

/**
 * Where an answer drifts from its schema, in words; undefined when it matches.
 *
 * The check runs on the answer as the client receives it (after JSON serialization), and treats three things as
 * drift: a value the schema refuses, a field the schema does not have (zod would silently drop it), and a value the
 * schema would change (a default filled in, a transform). Used by the `validateResponses` option.
 */
export function findResponseDrift(schema: z.ZodType, answer: unknown): string | undefined {
  const received: unknown = answer === undefined ? undefined : JSON.parse(JSON.stringify(answer))
  const parsed = schema.safeParse(received)
  if (!parsed.success) {
    const issues = parsed.error.issues
    const listed = issues.slice(0, 3).map((issue) => `${pathText(issue.path)}: ${issue.message}`)
    return listed.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '')
  }
  return firstDifference(received, parsed.data, [])
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the body'
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('')
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The first place where what the mock sent and what the schema makes of it differ. */
function firstDifference(received: unknown, expected: unknown, path: PropertyKey[]): string | undefined {
  if (Array.isArray(received) && Array.isArray(expected)) {
    if (received.length !== expected.length) return `${pathText(path)}: the schema keeps ${expected.length} of ${received.length} items`
    for (let index = 0; index < received.length; index++) {
      const found = firstDifference(received[index], expected[index], [...path, index])
      if (found) return found
    }
    return undefined
  }
  if (isPlainObject(received) && isPlainObject(expected)) {
    for (const key of Object.keys(received)) {
      if (!(key in expected)) return `${pathText([...path, key])}: a field the schema does not have`
    }
    for (const key of Object.keys(expected)) {
      if (!(key in received)) return `${pathText([...path, key])}: missing from the answer (the schema fills it in)`
      const found = firstDifference(received[key], expected[key], [...path, key])
      if (found) return found
    }
    return undefined
  }
  if (Object.is(received, expected)) return undefined
  return `${pathText(path)}: the schema turns ${JSON.stringify(received)} into ${JSON.stringify(expected)}`
}
