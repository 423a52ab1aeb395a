import fc from 'fast-check'
import { createHeymarketMock, operations, type HeymarketMock, type OperationId, type OperationSpec } from '../../src/core/index.js'

/**
 * The fuzzing harness shared by the CI suite (a few thousand cases) and `npm run fuzz` (100,000 or more):
 * requests to every endpoint with generated bad input, checked for the same three things every time.
 */

export type FuzzCase = {
  operationId: OperationId
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  description: string
}

const ids = Object.keys(operations) as OperationId[]

/**
 * A mock with a frozen clock, so that nothing time-driven can change state between two requests, that checks every
 * answer against its schema (a drifting answer becomes a 500, which the fuzzer reports).
 */
export const FUZZ_TARGET_OPTIONS = {
  seed: 77,
  size: { conversations: 12, contacts: 15, users: 4, inboxes: 2 },
  clock: { start: '2026-11-02T17:05:00Z' },
  validateResponses: true,
} as const

export async function createFuzzTarget(options: { baseUrl?: string } = {}): Promise<HeymarketMock> {
  const mock = createHeymarketMock({ ...FUZZ_TARGET_OPTIONS, ...options })
  await mock.ready
  return mock
}

/** Values of the kinds clients get wrong: wrong types, absurd numbers and dates, odd text, dangerous keys. */
const nasty = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_VALUE, '', ' ', '0', '-1', 'true', 'null'),
  fc.constantFrom('2026-02-30T00:00:00Z', '0000-00-00T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2026-11-02', 'yesterday', '2026-11-02T25:00:00Z', '+275760-09-13T00:00:00Z'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\uFEFF', '😀'.repeat(50), 'ʻokina', 'Ω≈ç√∫', '\r\n\t'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
)

/** A valid input for each operation, made from the mock's data: for mutations to start from, and for the OpenAPI test. */
export function sampleFor(mock: HeymarketMock, id: OperationId): { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } {
  const conversation = mock.db.conversation.findFirst((q) => q.where({ channel: 'sms' }))!
  const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))!
  const user = inbox.members[0]!
  const contact = mock.db.contact.findFirst()!
  const withoutEmail = mock.db.contact.findFirst((q) => q.where({ phone: (p) => p !== '', email: '' })) ?? contact
  const withBoth = mock.db.contact.findFirst((q) => q.where({ phone: (p) => p !== '', email: (e) => e !== '' })) ?? contact
  const otherInbox = mock.db.inbox.findFirst((q) => q.where({ id: (id) => id !== inbox.id }))
  const firstId = (collection: { findFirst(): { id: number } | undefined }) => String(collection.findFirst()?.id ?? 1)
  const scheduled = firstId(mock.db.scheduled)
  const list = firstId(mock.db.list)
  const template = firstId(mock.db.template)
  const tag = firstId(mock.db.tag)
  const survey = firstId(mock.db.survey)
  const address = { chat_id: conversation.id, inbox_id: inbox.id, user_id: user }
  const samples: Partial<Record<OperationId, { params?: Record<string, string>; query?: Record<string, string>; body?: unknown }>> = {
    listConversations: { body: { id: user, filters: { inboxes: [inbox.id], closed: false }, limit: 5 } },
    countConversations: { body: { id: user, filters: {} } },
    getConversation: { params: { id: String(conversation.id) } },
    openConversation: { body: address },
    closeConversation: { body: address },
    markConversationRead: { body: address },
    markConversationUnread: { body: address },
    reassignConversation: { body: { ...address, reassign_id: user } },
    transferConversation: { body: { conversation_id: conversation.id, transfer_inbox_id: otherInbox?.id ?? inbox.id } },
    sendMessage: { body: { inbox_id: inbox.id, creator_id: user, chat_id: conversation.id, text: 'fuzz' } },
    sendEmail: { body: { creator_id: user, inbox: inbox.id, text: 'fuzz', targets: ['to:a@example.com'] } },
    getMessageHistory: { query: { phoneNumber: conversation.target, inboxID: String(inbox.id) } },
    listAllMessages: { body: { limit: 5 } },
    countAllMessages: { body: {} },
    createScheduledMessage: { body: { inbox_id: inbox.id, execute_at: '2026-11-02T18:00:00Z', content: { text: 'later' }, phone_number: '14155550600' } },
    getScheduledMessage: { params: { id: scheduled } },
    updateScheduledMessage: { params: { id: scheduled }, body: { inbox_id: inbox.id, execute_at: '2026-11-02T18:00:00Z', content: { text: 'x' }, phone_number: '14155550600' } },
    cancelScheduledMessage: { params: { id: scheduled } },
    createContact: { body: { phone: '14155550601', first: 'Fuzz' } },
    getContact: { params: { id: String(contact.id) } },
    updateContact: { params: { id: String(contact.id) }, body: { phone: contact.phone } },
    deleteContact: { params: { id: String(contact.id) } },
    listContacts: { body: { limit: 5 } },
    countContacts: { body: {} },
    findContact: { body: { phone: contact.phone } },
    getContactStatus: { body: { id: contact.id } },
    setContactStatus: { body: { id: contact.id, status: 'blocked' } },
    batchCreateContacts: { body: [{ phone: '14155550602' }] },
    createContactFields: { body: [{ title: 'Fuzz field' }] },
    createContactV2: { body: { contact_channels: [{ channel_type: 'phone', channel_id: '14155550603' }] } },
    getContactV2: { params: { contactID: contact.uuid } },
    listContactsV2: { body: { limit: 5 } },
    searchContactsV2: { body: { contact_channels: [{ channel_type: 'phone', channel_ids: [contact.phone] }] } },
    updateContactV2: { params: { contactID: contact.uuid }, body: { first: 'Fuzz' } },
    deleteContactV2: { params: { contactID: contact.uuid } },
    bulkUpsertContactsV2: { body: { contacts: [{ contact_channels: [{ channel_type: 'phone', channel_id: '14155550604' }] }] } },
    bulkDeleteContactsV2: { body: { contact_channels: [{ channel_type: 'id', channel_ids: [contact.uuid] }] } },
    addContactChannel: { params: { contactID: withoutEmail.uuid }, body: { channel_type: 'email', channel_id: 'fuzz@example.com' } },
    updateContactChannel: { params: { contactID: withBoth.uuid }, body: { channel_type: 'phone', channel_id: '14155550606' } },
    listContactChannels: { params: { contactID: contact.uuid } },
    getContactChannel: { params: { contactID: withBoth.uuid, channelType: 'phone' } },
    deleteContactChannel: { params: { contactID: withBoth.uuid, channelType: 'email' } },
    createListV1: { body: { title: 'Fuzz' } },
    getList: { params: { id: list } },
    updateListV1: { params: { id: list }, body: { title: 'x' } },
    deleteListV1: { params: { id: list } },
    updateListV2: { params: { id: list }, body: { title: 'y' } },
    deleteListV2: { params: { id: list }, body: {} },
    createListV2: { body: { title: 'Fuzz', local_id: 'fuzz-list' } },
    createTemplate: { body: { title: 'Fuzz', content: { text: 'x' } } },
    getTemplate: { params: { id: template } },
    updateTemplate: { params: { id: template }, body: { title: 'Fuzzed', content: { text: 'y' } } },
    deleteTemplate: { params: { id: template } },
    createTag: { body: { tag: 'fuzz' } },
    getTag: { params: { id: tag } },
    deleteTag: { params: { id: tag } },
    listSurveys: { body: {} },
    getSurvey: { params: { id: survey } },
    updateUser: { body: { users: [{ id: user, first_name: 'Fuzz' }] } },
    findUsers: { query: { email: 'a@example.com' } },
  }
  return samples[id] ?? {}
}

/** Mostly what clients send, sometimes something else: most cases should get past the door to the rules. */
const contentTypes = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain;charset=UTF-8', undefined), weight: 9 },
  {
    arbitrary: fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'image/png', 'garbage/type'),
    weight: 1,
  },
)
const authorizations = fc.oneof({ arbitrary: fc.constant('Bearer fuzz'), weight: 12 }, { arbitrary: fc.constantFrom('', 'Basic x', 'Bearer ', 'bearer', 'Token x'), weight: 1 })

/** Bodies that are not JSON objects at all. */
const rawBodies = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,2', 'NaN', 'undefined', '\uFEFF{}', '{"a":1}{"b":2}', "{'a':1}", '{"a":01}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
  fc.integer({ min: 1000, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1000, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 1, max: 3 }).map((megabytes) => JSON.stringify({ padding: 'x'.repeat(megabytes * 600_000) })),
  fc.constant(JSON.stringify({ items: Array.from({ length: 100_000 }, (_, i) => i) })),
)

/** A generated request to one endpoint: a valid-looking input with something wrong in it, or something else entirely. */
export function fuzzCase(mock: HeymarketMock): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      operationId: fc.constantFrom(...ids),
      mutation: fc.constantFrom('drop-field', 'replace-field', 'extra-fields', 'replace-body', 'raw-body', 'nested-field', 'bad-param', 'bad-query', 'as-is'),
      field: fc.nat(),
      value: nasty,
      extras: fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 8 })), nasty, { minKeys: 1, maxKeys: 4 }),
      raw: rawBodies,
      param: fc.oneof(fc.constantFrom('-1', '0', '99999999999999999999', 'abc', '1e3', '%00', '%E0%A4%A', '..', '😀', ' 1'), fc.string({ maxLength: 20 })),
      contentType: contentTypes,
      auth: authorizations,
    })
    .map((choice) => {
      const operation: OperationSpec = operations[choice.operationId]
      const sample = structuredClone(sampleFor(mock, choice.operationId))
      let body: unknown = sample.body ?? (operation.bodyShape === 'array' ? [] : {})
      let raw: string | undefined
      const params = { ...(sample.params ?? {}) }
      const query = { ...(sample.query ?? {}) }
      const keys = body && typeof body === 'object' ? Object.keys(body as object) : []
      const key = keys[choice.field % Math.max(1, keys.length)]
      switch (choice.mutation) {
        case 'drop-field':
          if (key !== undefined) delete (body as Record<string, unknown>)[key]
          break
        case 'replace-field':
          if (key !== undefined) (body as Record<string, unknown>)[key] = choice.value
          break
        case 'nested-field':
          if (key !== undefined) (body as Record<string, unknown>)[key] = { [key]: choice.value, ...choice.extras }
          break
        case 'extra-fields':
          if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(body, choice.extras)
          else body = choice.extras
          break
        case 'replace-body':
          body = choice.value
          break
        case 'raw-body':
          raw = choice.raw
          break
        case 'bad-param': {
          const name = Object.keys(params)[0]
          if (name) params[name] = choice.param
          break
        }
        case 'bad-query':
          Object.assign(query, { [Object.keys(query)[0] ?? 'phoneNumber']: choice.param, [JSON.stringify(choice.value) ?? 'x']: choice.param })
          break
      }
      const path = operation.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '1').replace(/%25/g, '%'))
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
      const headers: Record<string, string> = {}
      if (choice.auth) headers.Authorization = choice.auth
      if (choice.contentType) headers['Content-Type'] = choice.contentType
      const text = operation.method === 'GET' ? undefined : (raw ?? JSON.stringify(body))
      return {
        operationId: choice.operationId,
        method: operation.method,
        path: `${path}${search ? `?${search}` : ''}`,
        headers,
        ...(text !== undefined ? { body: text } : {}),
        description: `${choice.mutation} ${operation.method} ${path}`,
      }
    })
}

/** Sends one case and checks it: no 5xx, a JSON answer (an error names its problem), no hang, no change when refused. */
export type Send = (path: string, init: RequestInit) => Promise<Response>

export async function checkCase(mock: HeymarketMock, fuzz: FuzzCase, send: Send = (path, init) => mock.fetch(path, init)): Promise<{ status: number }> {
  const before = JSON.stringify(await mock.exportChanges())
  const answer = send(fuzz.path, { method: fuzz.method, headers: fuzz.headers, ...(fuzz.body !== undefined ? { body: fuzz.body } : {}) })
  const response = await Promise.race([
    answer,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within 5 s: ${fuzz.description}`)), 5000)),
  ])
  const text = await response.text()
  if (!response.headers.get('x-request-id')) throw new Error(`no X-Request-Id (${response.status}) for ${fuzz.description}`)
  if (response.status >= 500) throw new Error(`${response.status} for ${fuzz.description}: ${text.slice(0, 300)}`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error(`not JSON (${response.status}) for ${fuzz.description}: ${text.slice(0, 200)}`)
  }
  if (response.status >= 400) {
    const error = parsed as { error?: unknown; message?: unknown }
    if (typeof error.error !== 'string' || typeof error.message !== 'string' || error.message.length < 10) {
      throw new Error(`an error without a message (${response.status}) for ${fuzz.description}: ${text.slice(0, 200)}`)
    }
    const after = JSON.stringify(await mock.exportChanges())
    if (after !== before) throw new Error(`a refused request (${response.status}) changed the state: ${fuzz.description}`)
  }
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error(`Object.prototype was polluted by ${fuzz.description}`)
  return { status: response.status }
}
