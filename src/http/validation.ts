import type { z } from 'zod'
import type { BatchEntry } from '../rules/contacts.js'
import { ApiError, badData } from '../rules/errors.js'

type Issue = z.core.$ZodIssue

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  literal: 'a specific value',
  null: 'null',
}

/** `filters.inboxes[1]` for the path `['filters', 'inboxes', 1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else text += text ? `.${String(key)}` : String(key)
  }
  return text || 'body'
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined
  }
  return value
}

/** A short, safe description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') {
    return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : `${JSON.stringify(value)} (a string)`
  }
  if (typeof value === 'number') return String(value)
  return String(value)
}

/** Whether a message is one of ours ("must be ...", "is required ...") rather than a zod default. */
function isOwnMessage(message: string): boolean {
  return /^(must|is|are|has|cannot|needs) /.test(message)
}

function describeIssue(issue: Issue, input: unknown): string {
  const field = `"${formatPath(issue.path)}"`
  const value = valueAt(input, issue.path)
  const got = `, got ${describeValue(value)}`
  if (isOwnMessage(issue.message)) return `${field} ${issue.message}${value === undefined || !issue.message.startsWith('must ') ? '' : got}`
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${field} is required`
      return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}${got}`
    case 'too_small': {
      const bound = String(issue.minimum)
      if (issue.origin === 'array') return `${field} must hold at least ${bound} item${bound === '1' ? '' : 's'}${got}`
      if (issue.origin === 'string') return `${field} must be at least ${bound} characters long${got}`
      return `${field} must be ${issue.inclusive ? 'at least' : 'more than'} ${bound}${got}`
    }
    case 'too_big': {
      const bound = String(issue.maximum)
      if (issue.origin === 'array') return `${field} must hold at most ${bound} items${got}`
      if (issue.origin === 'string') return `${field} must be at most ${bound} characters long${got}`
      return `${field} must be ${issue.inclusive ? 'at most' : 'less than'} ${bound}${got}`
    }
    case 'invalid_value':
      return `${field} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${got}`
    case 'invalid_format':
      return `${field} must be a valid ${issue.format}${got}`
    case 'invalid_union':
      return `${field} has an invalid value${got}`
    case 'unrecognized_keys':
      return `${field} has unknown keys ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
    case 'invalid_key':
      return `${field} has an invalid key`
    default:
      return `${field} is invalid${got}`
  }
}

/**
 * The request conventions every endpoint shares, applied before its schema sees the input (docs: the API's
 * bodies are JSON objects, /api-reference/*; clients: see decisions/request-conventions.md):
 * - `null` in a field means the field is absent (a client sends `"media_url": null` with every text), at any
 *   depth of objects. A required field sent as `null` is therefore "required", not "must be a string". Array
 *   items keep their nulls: `[null]` is a list with a bad item, not an empty list.
 * - `[]` as the whole body of an endpoint that takes an object means `{}` (PHP's `json_encode([])`).
 * Undocumented fields and query parameters need nothing here: the schemas are zod objects, which drop keys
 * they do not name instead of refusing them.
 */
export function applyRequestConventions(input: unknown, shape: 'object' | 'array' = 'object'): unknown {
  if (shape === 'object' && Array.isArray(input) && input.length === 0) return {}
  return withoutNulls(input, 0)
}

/**
 * Deeper than any request the API documents: below this, values are left as they are (a body nested thousands
 * deep must not exhaust the stack; its schema refuses it anyway).
 */
const MAX_CONVENTION_DEPTH = 64

function withoutNulls(value: unknown, depth: number): unknown {
  if (depth > MAX_CONVENTION_DEPTH) return value
  if (Array.isArray(value)) {
    let changed = false
    const items = value.map((item) => {
      const next = item !== null && typeof item === 'object' ? withoutNulls(item, depth + 1) : item
      if (next !== item) changed = true
      return next
    })
    return changed ? items : value
  }
  if (value === null || typeof value !== 'object') return value
  let copy: Record<string, unknown> | undefined
  for (const [key, field] of Object.entries(value)) {
    const next = field === null ? undefined : typeof field === 'object' ? withoutNulls(field, depth + 1) : field
    if (next === field) continue
    copy ??= { ...(value as Record<string, unknown>) }
    if (next === undefined) delete copy[key]
    else copy[key] = next
  }
  return copy ?? value
}

/**
 * Validates a request part with its zod schema, or throws a 400 `bad_data` whose message names the first
 * field that failed and what was wrong with it.
 *
 * @example parseInput(listConversationsRequestSchema, body, 'list conversations')
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, action: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues
  const first = issues[0]!
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  throw badData(formatPath(first.path), `Failed to ${action}: ${describeIssue(first, input)}${more}. Please fix the request and send it again.`)
}

/**
 * Validates each entry of a batch on its own (the batch endpoints refuse one bad entry, not the batch): the
 * parsed fields of each valid entry, the 400 of each invalid one, in order, each with the entry as sent.
 */
export function parseEach<S extends z.ZodType>(schema: S, entries: readonly unknown[], action: string): BatchEntry<z.output<S>>[] {
  return entries.map((entry, i) => {
    const sent = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : { value: entry }
    try {
      return { sent, fields: parseInput(schema, entry, `${action} (entry ${i})`) }
    } catch (error) {
      if (error instanceof ApiError) return { sent, error }
      throw error
    }
  })
}
