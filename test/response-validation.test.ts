import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createHeymarketMock } from '../src/core/index.js'
import { findResponseDrift } from '../src/schema/response-drift.js'

const auth = { Authorization: 'Bearer t' }

/** A mock whose stored data has been corrupted behind the API's back, as a bug in a rule or a view would do. */
async function mockWithCorruptConversation(options: { validateResponses?: boolean } = {}) {
  const mock = createHeymarketMock({ seed: 3, size: { conversations: 4 }, ...options })
  await mock.ready
  const record = mock.db.conversation.findFirst()!
  ;(record as { name: unknown }).name = 42
  return { mock, id: record.id }
}

afterEach(() => vi.restoreAllMocks())

describe('validateResponses', () => {
  it('is on throughout this suite, from HEYMARKET_MOCK_VALIDATE_RESPONSES=1 in the vitest config', () => {
    expect(process.env.HEYMARKET_MOCK_VALIDATE_RESPONSES).toBe('1')
  })

  it('answers 500 naming the operation and the field when an answer drifts from its schema, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { mock, id } = await mockWithCorruptConversation()
    const response = await mock.fetch(`/v1/conversations/${id}`, { headers: auth })
    expect(response.status).toBe(500)
    expect(response.headers.get('X-Heymarket-Mock-Drift')).toBe('getConversation')
    const body = await response.json()
    expect(body.error).toBe('server_error')
    expect(body.message).toContain('getConversation')
    expect(body.message).toContain('name')
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('response drift'))
    // a list that contains the record drifts too, and names the item
    const list = await mock.fetch('/v1/conversations', { method: 'POST', headers: auth, body: '{"id":0,"filters":{}}' })
    expect(list.status).toBe(500)
    expect((await list.json()).message).toMatch(/\[\d+\]\.name/)
  })

  it('sends the drifted answer on when turned off (the option is what catches it)', async () => {
    const { mock, id } = await mockWithCorruptConversation({ validateResponses: false })
    const response = await mock.fetch(`/v1/conversations/${id}`, { headers: auth })
    expect(response.status).toBe(200)
    expect((await response.json()).name).toBe(42)
  })

  it('passes answers that match, and error answers too', async () => {
    const mock = createHeymarketMock({ seed: 3, size: { conversations: 4 }, validateResponses: true })
    const id = (await mock.ready, mock.db.conversation.findFirst()!.id)
    expect((await mock.fetch(`/v1/conversations/${id}`, { headers: auth })).status).toBe(200)
    expect((await mock.fetch('/v1/conversations/999999999', { headers: auth })).status).toBe(404)
  })
})

describe('what counts as drift', () => {
  const schema = z.object({ id: z.int(), tags: z.array(z.string()), note: z.string().default('') })

  it('is nothing for an answer that matches exactly', () => {
    expect(findResponseDrift(schema, { id: 1, tags: ['a'], note: 'x' })).toBeUndefined()
  })

  it('is a wrong type, located', () => {
    expect(findResponseDrift(schema, { id: 1, tags: ['a', 2], note: '' })).toMatch(/^tags\[1\]: /)
  })

  it('is a field the schema does not have, which zod alone would drop without a word', () => {
    expect(findResponseDrift(schema, { id: 1, tags: [], note: '', secret: true })).toBe('secret: a field the schema does not have')
  })

  it('is a field missing from the answer that the schema would fill in', () => {
    expect(findResponseDrift(schema, { id: 1, tags: [] })).toBe('note: missing from the answer (the schema fills it in)')
  })

  it('is judged on the answer as sent: a value JSON cannot carry is drift', () => {
    expect(findResponseDrift(schema, { id: Number.NaN, tags: [], note: '' })).toMatch(/^id: /)
  })
})
