import fc from 'fast-check'
import { createOpenApiDocument } from '../../src/client/index.js'
import type { HeymarketMock, OperationId } from '../../src/core/index.js'
import { sampleFor, type FuzzCase } from './harness.js'

/**
 * Requests generated from the OpenAPI document the mock publishes, not from our own list of cases: every
 * operation, every field of its body, path and query, each given valid and invalid values for its type and
 * format (timestamps at and beyond every range, malformed RFC 3339, huge, negative and fractional ids, long and
 * odd strings, nulls, wrong types, arrays for objects). Valid values start from real ids of the mock's data
 * (`sampleFor`), so that a good share of requests gets past validation to the rules.
 */

type JsonSchema = {
  $ref?: string
  type?: string | string[]
  format?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
}

type Operation = {
  operationId: OperationId
  method: string
  path: string
  parameters: { name: string; in: string; schema: JsonSchema }[]
  body?: JsonSchema
}

/** Field names the API reads as instants even where the document types them as plain strings. */
const TIME_FIELDS = new Set(['date', 'created_at', 'updated_at', 'execute_at', 'until', 'set'])

const TIMESTAMPS_VALID = ['2026-11-02T18:00:00Z', '2026-11-02T17:30:00+00:00', '2026-11-03T09:15:00-07:00', '2026-11-02T17:04:59.999999Z', '1970-01-01T00:00:00Z', '2199-12-31T23:45:00Z']
const TIMESTAMPS_INVALID = [
  '9999-12-31T23:59:59.999999Z', '9999-12-31T23:44:59.999999Z', '2200-01-01T00:00:00Z', '2199-12-31T23:59:59.9999999Z', '1969-12-31T23:59:59.999999Z',
  '1970-01-01T00:00:00+00:01', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z',
  '2026-11-02T24:00:00Z', '2026-11-02T23:59:61Z', '2026-11-02 18:00:00Z', '2026-11-02T18:00:00', '2026-11-02', '18:00:00Z', '2026-11-02T18:00:00.Z',
  `2026-11-02T18:00:00.${'1'.repeat(200)}Z`, '2026-11-02T18:00:00+24:00', 'now', '', ' 2026-11-02T18:00:00Z', '1767225600', '2026-11-02T18:00:00Z\u0000',
]

const ODD_STRINGS = ['', ' ', '\u0000', '\uD800', '\u202E', '\uFEFF', 'null', 'undefined', '__proto__', '%00', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '😀'.repeat(40)]

function resolve(doc: { components: { schemas: Record<string, JsonSchema> } }, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {}
  for (let depth = 0; current.$ref && depth < 10; depth++) current = doc.components.schemas[current.$ref.split('/').pop()!] ?? {}
  return current
}

/** Values of the wrong kind for any field. */
const wrongKind = fc.constantFrom<unknown>(null, true, 0, -1, 1.5, '1', 'x', [], [1], {}, { a: 1 }, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_VALUE)

/** Everything a field of this schema might be given: mostly what it allows, often what it does not. */
function valueFor(doc: Parameters<typeof resolve>[0], raw: JsonSchema | undefined, name: string, valid: boolean, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((option) => valueFor(doc, option, name, valid, depth)))
  if (!valid) return invalidFor(schema, name)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      if (schema.format === 'date-time' || TIME_FIELDS.has(name)) return fc.constantFrom(...TIMESTAMPS_VALID)
      if (schema.pattern === '^\\d{1,15}$') return fc.integer({ min: 1, max: 999_999_999_999_999 }).map(String)
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) })
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1000), max: Math.min(schema.maximum ?? 100_000_000, 100_000_000) })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'array':
      if (depth > 3) return fc.constant([])
      return fc.array(valueFor(doc, schema.items, name, true, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) })
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.constant({})
      const required = new Set(schema.required ?? [])
      const entries = Object.entries(schema.properties)
      return fc.record(Object.fromEntries(entries.map(([key, child]) => [key, valueFor(doc, child, key, true, depth + 1)])), {
        requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)),
      })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function invalidFor(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      if (schema.format === 'date-time' || TIME_FIELDS.has(name)) return fc.oneof(fc.constantFrom(...TIMESTAMPS_INVALID), wrongKind)
      return fc.oneof(
        wrongKind,
        fc.constantFrom(...ODD_STRINGS),
        fc.constant('x'.repeat((schema.maxLength ?? 10_000) + 1)),
        fc.string({ unit: 'binary', maxLength: 60 }),
        ...(schema.enum ? [fc.constant('not-one-of-them')] : []),
      )
    case 'integer':
    case 'number':
      return fc.oneof(
        wrongKind,
        fc.constantFrom(2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, -1, 0, 1.5, -0.5, 1e-7, Number.MAX_VALUE, Number.MIN_VALUE),
        fc.constantFrom((schema.maximum ?? 2 ** 53) + 1, (schema.minimum ?? -(2 ** 53)) - 1),
        fc.constantFrom('12', '1e3', 'NaN', 'Infinity', '0x10'),
      )
    case 'boolean':
      return fc.constantFrom<unknown>('true', 'false', 1, 0, null, [], {})
    case 'array':
      return fc.oneof(wrongKind, fc.constant({ 0: 1 }), fc.constant(Array.from({ length: (schema.maxItems ?? 1000) + 1 }, (_, i) => i)), fc.constant([null]), fc.constant([[[]]]))
    case 'object':
      return fc.oneof(wrongKind, fc.constant([{}]), fc.constant('{}'), fc.constant({ __proto__: { polluted: true } }), fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')))
    default:
      return wrongKind
  }
}

/** Every field of a body schema as a path (`filters.inboxes`), with its schema: the places one invalid value goes. */
function fieldsOf(doc: Parameters<typeof resolve>[0], raw: JsonSchema | undefined, prefix: string[] = [], depth = 0): { path: string[]; schema: JsonSchema }[] {
  const schema = resolve(doc, raw)
  const found: { path: string[]; schema: JsonSchema }[] = prefix.length > 0 ? [{ path: prefix, schema }] : []
  if (depth > 3) return found
  if (schema.properties) for (const [key, child] of Object.entries(schema.properties)) found.push(...fieldsOf(doc, child, [...prefix, key], depth + 1))
  if (schema.items) found.push(...fieldsOf(doc, schema.items, [...prefix, '0'], depth + 1))
  return found
}

function setAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  const container: Record<string, unknown> = target !== null && typeof target === 'object' ? (target as Record<string, unknown>) : head === '0' ? ([] as unknown as Record<string, unknown>) : {}
  container[head!] = setAt(container[head!], rest, value)
  return container
}

export function openApiOperations(): { doc: ReturnType<typeof createOpenApiDocument>; operations: Operation[] } {
  const doc = createOpenApiDocument() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, JsonSchema> } }
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const body = (spec.requestBody as { content?: { 'application/json'?: { schema?: JsonSchema } } } | undefined)?.content?.['application/json']?.schema
      operations.push({
        operationId: spec.operationId as OperationId,
        method: method.toUpperCase(),
        path,
        parameters: (spec.parameters as Operation['parameters'] | undefined) ?? [],
        ...(body ? { body } : {}),
      })
    }
  }
  return { doc: doc as never, operations }
}

/**
 * A request generated from the document: one operation; its body either the sample with one field (anywhere in
 * the schema, nested included) given a valid or an invalid value, or a whole body generated from the schema;
 * its path and query parameters valid or not.
 */
export function openApiCase(mock: HeymarketMock): fc.Arbitrary<FuzzCase> {
  const { doc, operations } = openApiOperations()
  const spec = doc as unknown as Parameters<typeof resolve>[0]
  return fc.constantFrom(...operations).chain((operation) => {
    const fields = fieldsOf(spec, operation.body)
    const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant(undefined)
    const parameter = operation.parameters.length > 0 ? fc.constantFrom(...operation.parameters) : fc.constant(undefined)
    return fc
      .record({
        kind: fc.constantFrom('field-valid', 'field-invalid', 'field-invalid', 'whole-body', 'param-invalid', 'param-valid', 'sample'),
        field,
        parameter,
        seed: fc.nat(),
      })
      .chain((choice) => {
        const fieldValue = choice.field ? valueFor(spec, choice.field.schema, choice.field.path.at(-1)!, choice.kind !== 'field-invalid') : fc.constant(undefined)
        const paramValue = choice.parameter
          ? choice.kind === 'param-invalid'
            ? fc.oneof(fc.constantFrom('-1', '0', '1.5', '99999999999999999999', '1e3', 'abc', '%00', '%E0%A4%A', '..', '😀', ' 1', ''), fc.string({ maxLength: 30 }))
            : valueFor(spec, choice.parameter.schema, choice.parameter.name, true).map(String)
          : fc.constant(undefined)
        const wholeBody = operation.body ? valueFor(spec, operation.body, 'body', true) : fc.constant(undefined)
        return fc.tuple(fc.constant(choice), fieldValue, paramValue, wholeBody)
      })
      .map(([choice, fieldValue, paramValue, wholeBody]) => {
        const sample = structuredClone(sampleFor(mock, operation.operationId))
        let body: unknown = sample.body ?? (operation.body ? {} : undefined)
        const params: Record<string, string> = { ...(sample.params ?? {}) }
        const query: Record<string, string> = { ...(sample.query ?? {}) }
        if ((choice.kind === 'field-valid' || choice.kind === 'field-invalid') && choice.field) body = setAt(body, choice.field.path, fieldValue)
        if (choice.kind === 'whole-body' && wholeBody !== undefined) body = wholeBody
        if ((choice.kind === 'param-invalid' || choice.kind === 'param-valid') && choice.parameter && paramValue !== undefined) {
          if (choice.parameter.in === 'path') params[choice.parameter.name] = paramValue
          else query[choice.parameter.name] = paramValue
        }
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? '1').replace(/%25/g, '%'))
        const search = new URLSearchParams(Object.entries(query)).toString()
        const text = operation.method === 'GET' || body === undefined ? undefined : JSON.stringify(body)
        return {
          operationId: operation.operationId,
          method: operation.method,
          path: `${path}${search ? `?${search}` : ''}`,
          headers: { Authorization: 'Bearer fuzz', 'Content-Type': 'application/json' },
          ...(text !== undefined ? { body: text } : {}),
          description: `openapi ${choice.kind}${choice.field ? ` ${choice.field.path.join('.')}` : ''} ${operation.method} ${path}`,
        }
      })
  })
}
