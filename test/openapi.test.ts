import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, createOpenApiDocument, operations, type OperationId, type OperationSpec } from '../src/core/index.js'
import { startHeymarketServer } from '../src/server/index.js'
import { createFuzzTarget, sampleFor } from './fuzz/harness.js'

type Document = { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; components: Record<string, unknown> }
const document = createOpenApiDocument() as Document

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a well-known validator', async () => {
    expect(document.openapi).toBe('3.1.0')
    const result = await new Validator().validate(document as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('has an operation for every endpoint the msw handlers answer, and the handlers answer every operation', async () => {
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 1 } })
    const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId))
    expect([...ids].sort()).toEqual(Object.keys(operations).sort())
    // Each documented method and path, sent through msw as an app would: the mock must know it as that operation.
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const url = `https://api.heymarket.com${path.replace(/\{(\w+)\}/g, '1')}`
        const response = await getResponse(mock.handlers, new Request(url, { method: method.toUpperCase(), headers: { Authorization: 'Bearer t' }, ...(method === 'get' ? {} : { body: '{}' }) }))
        expect(response, `${method.toUpperCase()} ${path}`).toBeDefined()
        expect(mock.requests.at(-1), `${method.toUpperCase()} ${path}`).toMatchObject({ method: method.toUpperCase(), operationId: operation.operationId })
      }
    }
    // And nothing else under the API: an undocumented path is a 404 that names it, not a pass to the network.
    const unknown = await getResponse(mock.handlers, new Request('https://api.heymarket.com/v1/no-such-thing', { headers: { Authorization: 'Bearer t' } }))
    expect(unknown?.status).toBe(404)
    expect(mock.requests.at(-1)).toMatchObject({ path: '/v1/no-such-thing', operationId: null })
  })

  it('is committed in docs/openapi.json as the schemas generate it (npm run openapi)', () => {
    const committed = readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8')
    expect(committed).toBe(`${JSON.stringify(document, null, 2)}\n`)
  })

  it('describes real answers: every operation, called with a valid request, answers what its schema in the document says', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi')
    const validatorFor = (ref: string) => ajv.getSchema(`openapi${ref}`) ?? ajv.compile({ $ref: `openapi${ref}` })
    const statuses: Record<string, number> = {}
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const id = operation.operationId as OperationId
        const mock = await createFuzzTarget()
        const sample = sampleFor(mock, id)
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(sample.params?.[name] ?? '1'))
        const search = new URLSearchParams(sample.query ?? {}).toString()
        const response = await mock.fetch(`${url}${search ? `?${search}` : ''}`, {
          method: method.toUpperCase(),
          headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
          ...(method === 'get' ? {} : { body: JSON.stringify(sample.body ?? ((operations[id] as OperationSpec).bodyShape === 'array' ? [] : {})) }),
        })
        statuses[id] = response.status
        const answers = (operation as unknown as { responses: Record<string, { $ref?: string; content?: { 'application/json': { schema: { $ref: string } } } }> }).responses
        const documented = answers[String(response.status)]
        expect(documented, `${id} answered ${response.status}, which the document does not list`).toBeDefined()
        const ref = documented!.$ref ? '#/components/schemas/ErrorBody' : documented!.content!['application/json'].schema.$ref
        const validate = validatorFor(ref)
        const body = await response.json()
        expect(validate(body) ? [] : validate.errors, `${id} (${response.status}) against ${ref}`).toEqual([])
      }
    }
    // The samples are valid requests: all must succeed, or this test would be checking error bodies instead of answers.
    const succeeded = Object.values(statuses).filter((status) => status === 200).length
    expect(succeeded, JSON.stringify(statuses)).toBe(Object.keys(operations).length)
  })

  it('rejects an answer that drifts from it (the check above can fail)', () => {
    const ajv = new Ajv2020({ strict: false })
    addFormats(ajv)
    ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi')
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/Conversation' })
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 1 } })
    return mock.ready.then(async () => {
      const [conversation] = await (await mock.fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{"id":0,"filters":{}}' })).json()
      expect(validate(conversation)).toBe(true)
      expect(validate({ ...conversation, closed: 'no' })).toBe(false)
      const { id: _id, ...withoutId } = conversation
      expect(validate(withoutId)).toBe(false)
    })
  })
})

describe('the standalone server', () => {
  it('serves the document at /openapi.json, naming itself as the server', async () => {
    const server = await startHeymarketServer({ port: 0, seed: 1, size: { conversations: 2 } })
    try {
      const response = await fetch(`${server.url}/openapi.json`)
      expect(response.headers.get('content-type')).toContain('application/json')
      const served = await response.json()
      expect(served.servers).toEqual([{ url: server.url, description: 'This heymarket-mock server' }])
      expect(served.paths).toEqual(document.paths)
    } finally {
      await server.close()
    }
  })
})
