import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createOpenApiDocument } from '../src/core/index.js'
import { createFuzzTarget } from './fuzz/harness.js'

/**
 * The OpenAPI document is as strict as the server: requests are generated from the document itself (its JSON
 * Schemas, with fast-check), and
 * - a request the document allows is never a 400, unless the 400 names a field of a rule the document states in
 *   words because OpenAPI cannot (`x-heymarket-rules`: "one target family per send", "15 minutes ahead", ...);
 * - a request that breaks one constraint the document states (a required field left out, a wrong type, a value
 *   outside its enum, pattern, length or range) is a 400 that names that field.
 */

type Schema = Record<string, any>
type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }
type Operation = {
  operationId: string
  parameters: Parameter[]
  requestBody?: { content: { 'application/json': { schema: Schema } } }
  'x-heymarket-rules'?: { field: string; rule: string }[]
}
type Request = { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown }

const document = createOpenApiDocument() as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }
const schemas = document.components.schemas

function resolve(schema: Schema): Schema {
  let current = schema
  while (current.$ref) current = schemas[String(current.$ref).replace('#/components/schemas/', '')]!
  return current
}

const DAY = 86_400_000
const dateTimes = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 0, 1) }).map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z'))

/** A value the schema allows (the generator covers the JSON Schema the document is made of). */
function arbitraryFor(input: Schema): fc.Arbitrary<unknown> {
  const schema = resolve(input)
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((branch: Schema) => arbitraryFor(branch)))
  switch (schema.type) {
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1_000_000), max: Math.min(schema.maximum ?? 1_000_000, 1_000_000) })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true })
    case 'string': {
      if (schema.format === 'date-time') return dateTimes
      if (schema.format === 'email') return fc.constantFrom('ana@example.com', 'Bo.Lee@example.org', 'x+tag@mail.example.net')
      if (schema.format === 'uuid') return fc.uuid({ version: 4 })
      if (schema.format === 'uri') return fc.webUrl({ validSchemes: ['https'] })
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? 10_000))
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 20) }).filter((text) => text.trim().length >= (schema.minLength ?? 0))
    }
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(3, schema.minItems ?? 0)) })
    case 'object': {
      if (!schema.properties) return fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), arbitraryFor(schema.additionalProperties ?? { type: 'string' }), { maxKeys: 2 })
      const properties = Object.fromEntries(Object.entries(schema.properties as Record<string, Schema>).map(([key, value]) => [key, arbitraryFor(value)]))
      return fc.record(properties, { requiredKeys: schema.required ?? [] })
    }
    default:
      return fc.constant('anything')
  }
}

/** One stated constraint a value can be made to break: where, and the value that breaks it (`undefined` = leave out). */
type Break = { path: (string | number)[]; value: unknown }

function breaksOf(input: Schema, value: unknown, path: (string | number)[], location: 'path' | 'query' | 'body'): Break[] {
  const schema = resolve(input)
  if (schema.anyOf || schema.oneOf || schema.const !== undefined) return []
  const found: Break[] = []
  if (schema.enum) found.push({ path, value: 'not-one-of-them' })
  switch (schema.type) {
    case 'string':
      if (location === 'body') found.push({ path, value: 12345 })
      if (schema.pattern && !new RegExp(schema.pattern).test('!x')) found.push({ path, value: '!x' })
      if (schema.format === 'date-time') found.push({ path, value: 'yesterday' })
      if (schema.format === 'uuid') found.push({ path, value: 'not-a-uuid' })
      if (schema.maxLength !== undefined && schema.maxLength <= 20_000 && !schema.pattern) found.push({ path, value: 'x'.repeat(schema.maxLength + 1) })
      if (schema.minLength && location !== 'path') found.push({ path, value: '' })
      break
    case 'integer':
      found.push({ path, value: location === 'body' ? 'one' : 'one' })
      if (location === 'body') found.push({ path, value: 1.5 })
      if (schema.minimum !== undefined && schema.minimum > -1_000_000) found.push({ path, value: schema.minimum - 1 })
      break
    case 'boolean':
      if (location === 'body') found.push({ path, value: 'yes' })
      break
    case 'array':
      found.push({ path, value: 'not a list' })
      if (schema.minItems) found.push({ path, value: [] })
      if (Array.isArray(value)) value.forEach((item, i) => found.push(...breaksOf(schema.items ?? {}, item, [...path, i], location)))
      break
    case 'object':
      if (!schema.properties) break
      if (path.length > 0) found.push({ path, value: 'not an object' })
      for (const key of schema.required ?? []) found.push({ path: [...path, key], value: undefined })
      if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) if (schema.properties[key]) found.push(...breaksOf(schema.properties[key], item, [...path, key], location))
      }
      break
  }
  return found
}

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const copy: any = Array.isArray(target) ? [...target] : { ...(target as object) }
  const [head, ...rest] = path
  if (rest.length === 0 && value === undefined) delete copy[head!]
  else copy[head!] = setAt(copy[head!], rest, value)
  return copy
}

function formatPath(path: (string | number)[]): string {
  let text = ''
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${key}` : key
  return text || 'body'
}

const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))

function requestArbitrary(operation: Operation): fc.Arbitrary<Request> {
  const part = (where: 'path' | 'query') => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === where)
    return fc.record(Object.fromEntries(parameters.map((parameter) => [parameter.name, arbitraryFor(parameter.schema)])), {
      requiredKeys: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    })
  }
  const bodySchema = operation.requestBody?.content['application/json'].schema
  return fc.record({ path: part('path'), query: part('query'), body: bodySchema ? arbitraryFor(bodySchema) : fc.constant(undefined) })
}

async function send(mock: Awaited<ReturnType<typeof createFuzzTarget>>, method: string, template: string, request: Request) {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name] ?? '')))
  const search = new URLSearchParams(Object.entries(request.query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)])).toString()
  const response = await mock.fetch(`${url}${search ? `?${search}` : ''}`, {
    method: method.toUpperCase(),
    headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as { field?: string; message?: string } }
}

const ajv = new Ajv2020({ strict: false })
addFormats(ajv)
ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi')

describe('requests generated from the OpenAPI document', () => {
  it('every operation: a request the document allows is not a 400 (but for rules it states in words)', async () => {
    const mock = await createFuzzTarget()
    const surprises: string[] = []
    for (const { path, method, operation } of operations) {
      const described = new Set((operation['x-heymarket-rules'] ?? []).map((rule) => rule.field))
      const bodySchema = operation.requestBody?.content['application/json'].schema
      const validate = bodySchema ? ajv.compile({ $ref: `openapi${bodySchema.$ref}` }) : undefined
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          if (validate && !validate(request.body)) throw new Error(`the generator made a body the document refuses: ${JSON.stringify(validate.errors)}`)
          const answer = await send(mock, method, path, request)
          if (answer.status === 400 && !described.has((answer.body.field ?? '').replace(/\[\d+\]/g, '[]'))) {
            surprises.push(`${operation.operationId}: ${answer.body.message} (${JSON.stringify(request)})`)
          }
        }),
        { numRuns: 25, seed: 11 },
      )
    }
    expect([...new Set(surprises.map((s) => s.replace(/ \(\{.*$/, "").replace(/got .*/, "")))].slice(0, 60)).toEqual([])
  })

  it('every operation: a request that breaks one stated constraint is a 400 naming the field', async () => {
    const mock = await createFuzzTarget()
    const missed: string[] = []
    let checked = 0
    for (const { path, method, operation } of operations) {
      const bodySchema = operation.requestBody?.content['application/json'].schema
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), fc.nat(), async (request, choice) => {
          const breaks: (Break & { part: keyof Request })[] = [
            ...operation.parameters.flatMap((parameter) =>
              breaksOf(parameter.schema, request[parameter.in][parameter.name], [parameter.name], parameter.in)
                .filter((candidate) => candidate.value !== undefined || parameter.required)
                .map((candidate) => ({ ...candidate, part: parameter.in as keyof Request })),
            ),
            ...operation.parameters.filter((parameter) => parameter.required && parameter.in === 'query').map((parameter) => ({ path: [parameter.name], value: undefined, part: 'query' as const })),
            ...(bodySchema ? breaksOf(bodySchema, request.body, [], 'body').map((candidate) => ({ ...candidate, part: 'body' as const })) : []),
          ]
          if (breaks.length === 0) return
          const chosen = breaks[choice % breaks.length]!
          const broken = { ...request, [chosen.part]: setAt(request[chosen.part], chosen.path, chosen.value) }
          const answer = await send(mock, method, path, broken)
          checked++
          const field = formatPath(chosen.path)
          // A body that is not JSON of the right kind at all is refused before any field is read (no field named).
          if (answer.status !== 400 || (answer.body.field ?? 'body') !== field) {
            missed.push(`${operation.operationId}: ${chosen.part} ${field} = ${JSON.stringify(chosen.value)} answered ${answer.status} ${answer.body.field ?? ''} ${answer.body.message ?? ''}`)
          }
        }),
        { numRuns: 25, seed: 12 },
      )
    }
    expect(missed.slice(0, 40)).toEqual([])
    expect(checked).toBeGreaterThan(operations.length * 10)
  })
})

void DAY
