import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorBody, Message, WebhookEvent } from '../src/core/index.js'
import type { Scheduled } from '../src/schema/scheduled.js'
import type { Template } from '../src/schema/template.js'
import { useHeymarketMock } from '../src/node/index.js'
import { createApi } from './support/api.js'

const { mock } = useHeymarketMock({ seed: 11, size: { conversations: 40 } }, { beforeAll, afterEach, afterAll })
const api = createApi()

function sender() {
  const inbox = mock.db.inbox.findFirst()!
  return { inbox, creator: inbox.members[0]! }
}

describe('request conventions every endpoint shares', () => {
  // Docs, /api-reference/messages/send: media_url is optional. A public PHP client sends "media_url": null with
  // every plain text; null in an optional field means the field is absent.
  it('reads null in an optional field as absent: a plain text send with "media_url": null goes out', async () => {
    const { inbox, creator } = sender()
    const { status, body } = await api.post<{ convo_id: number }>('/v1/message/send', {
      inbox_id: inbox.id,
      creator_id: creator,
      phone_number: '14155550700',
      text: 'plain text',
      media_url: null,
      template_id: null,
    })
    expect(status).toBe(200)
    const [latest] = (await api.get<Message[]>(`/v1/messages?phoneNumber=14155550700&inboxID=${inbox.id}`)).body
    expect(latest).toMatchObject({ text: 'plain text', media: '' })
    expect(latest!.conversation.id).toBe(body.convo_id)
  })

  it('reads null in a required field as missing: 400 naming it, nothing changes', async () => {
    const { inbox } = sender()
    const before = mock.db.message.count()
    const { status, body } = await api.post<ErrorBody>('/v1/message/send', { inbox_id: inbox.id, creator_id: null, phone_number: '14155550701', text: 'x' })
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: 'bad_data', field: 'creator_id' })
    expect(body.message).toMatch(/"creator_id" is required/)
    expect(mock.db.message.count()).toBe(before)
  })

  // PHP's json_encode([]) writes [] for an empty body; an endpoint that takes an object reads it as {}.
  it('reads [] as the whole body of an object endpoint as {}', async () => {
    const count = await api.post<string>('/v1/messages/all/count', '[]')
    expect(count.status).toBe(200)
    expect(count.body).toBe((await api.post<string>('/v1/messages/all/count', {})).body)
    // ... and then the schema says what is missing, as for {}.
    expect((await api.post<ErrorBody>('/v1/conversations', '[]')).body).toMatchObject({ error: 'bad_data', field: 'id' })
  })

  it('ignores undocumented fields and query parameters instead of refusing them', async () => {
    const { inbox, creator } = sender()
    const send = await api.post('/v1/message/send', {
      inbox_id: inbox.id,
      creator_id: creator,
      phone_number: '14155550702',
      text: 'x',
      creator_email: 'not-read@example.com',
      conv_name: 'ignored',
      channel: 'sms',
    })
    expect(send.status).toBe(200)
    // Docs, /api-reference/messages/get-history documents phoneNumber, inboxID and timestamp only.
    const history = await api.get<Message[]>(`/v1/messages?phoneNumber=14155550702&inboxID=${inbox.id}&limit=100&page=2&foo=bar`)
    expect(history.status).toBe(200)
    expect(history.body).toHaveLength(1)
  })
})

describe('documented shapes', () => {
  // Docs, /api-reference/templates/overview: content is {text, gallery}; the mock always sends gallery.
  it('answers a template without pictures with content.gallery = []', async () => {
    const { body: created } = await api.post<{ id: number }>('/v1/template', { title: 'No pictures', content: { text: 'Hi' } })
    expect((await api.get<Template>(`/v1/template/${created.id}`)).body.content).toEqual({ text: 'Hi', gallery: [] })
    const listed = (await api.post<Template[]>('/v1/templates', {})).body
    expect(listed.every((template) => Array.isArray(template.content.gallery))).toBe(true)
  })

  // Docs, /api-reference/schedule-get: meta.content.to is the recipient's number.
  it("puts a scheduled message's phone_number in meta.content.to", async () => {
    const { inbox } = sender()
    mock.clock.set('2026-11-02T17:05:00Z')
    const { body } = await api.post<Scheduled>('/v1/schedule', { inbox_id: inbox.id, execute_at: '2026-11-02T18:00:00Z', content: { text: 'later' }, phone_number: '14155550703' })
    expect(body.meta.content.to).toBe('14155550703')
    expect((await api.get<Scheduled>(`/v1/schedule/${body.id}`)).body.meta.content.to).toBe('14155550703')
  })
})

describe('webhook events the docs list (/api-reference/webhooks)', () => {
  function collect() {
    const seen: WebhookEvent[] = []
    const stop = mock.on('*', (event) => seen.push(event))
    return { seen, stop }
  }

  it('emits incoming_call for a call, with a "Phone call from" message in the conversation', async () => {
    const { seen, stop } = collect()
    const { inbox } = sender()
    const outcome = await mock.simulate.incomingCall({ from: '14155550710', inbox_id: inbox.id })
    stop()
    expect(outcome.message.text).toBe('Phone call from 14155550710')
    expect(seen.map((event) => event.type)).toEqual(['incoming_call'])
    expect(seen[0]!.event_data).toMatchObject({ id: outcome.message.id, conversation: { id: outcome.conversation.id, inbox: inbox.id } })
  })

  it('emits target_double_opt_in when the customer confirms, target_double_opt_restricted when not', async () => {
    const contact = mock.db.contact.findFirst((q) => q.where({ phone: (p) => p !== '' }))!
    const { seen, stop } = collect()
    await mock.simulate.doubleOptIn(contact.phone, false)
    await mock.simulate.doubleOptIn(contact.phone, true)
    stop()
    expect(seen.map((event) => event.type)).toEqual(['target_double_opt_restricted', 'target_double_opt_in'])
    expect(seen[0]!.event_data).toMatchObject({ phone: contact.phone })
    await expect(mock.simulate.doubleOptIn('14155550799')).rejects.toThrow(/no contact has the number/)
  })

  it('emits chat_pending for each conversation a broadcast starts (not for ones that exist)', async () => {
    const { inbox, creator } = sender()
    const fresh = await mock.db.contact.create({ phone: '14155550720', first: 'Fresh' })
    const known = mock.db.contact.findFirst((q) => q.where({ phone: mock.db.conversation.findFirst((c) => c.where({ inbox: inbox.id, channel: 'sms' }))!.target }))
    const { body: list } = await api.post<{ id: number }>('/v2/lists', { title: 'Pending', local_id: 'pending-list', contacts: [fresh.id, ...(known ? [known.id] : [])] })
    const { seen, stop } = collect()
    const sent = await api.post('/v1/message/send', { inbox_id: inbox.id, creator_id: creator, list_id: list.id, local_id: 'pending-broadcast', text: 'Hello' })
    stop()
    expect(sent.status).toBe(200)
    const pending = seen.filter((event) => event.type === 'chat_pending')
    expect(pending.map((event) => (event.event_data as { target: string }).target)).toEqual(['14155550720'])
  })
})

describe('answers say how long they are', () => {
  // RFC 9110 §8.6: Content-Length is the body's length in octets. Through msw's interceptor a mocked answer without
  // it goes out chunked; with it, the client reads a plain body of known length.
  it('gives Content-Length in bytes for every answer through fetch: lists, one record, errors, text with non-ASCII characters', async () => {
    const { inbox, creator } = sender()
    const conversation = mock.db.conversation.findFirst()!
    const sent = await api.post<{ convo_id: number }>('/v1/message/send', { inbox_id: inbox.id, creator_id: creator, phone_number: '14155550730', text: 'Grüße 👋 — ça va?' })
    expect(sent.status).toBe(200)
    const answers = [
      sent,
      await api.post('/v1/conversations', { id: 0, filters: {}, limit: 20 }),
      await api.get(`/v1/conversations/${conversation.id}`),
      await api.get(`/v1/messages?phoneNumber=14155550730&inboxID=${inbox.id}`),
      await api.get('/v1/conversations/999999999'),
      await api.post('/v1/message/send', { inbox_id: inbox.id }),
    ]
    for (const answer of answers) {
      expect(answer.headers.get('content-length'), answer.text.slice(0, 60)).toBe(String(new TextEncoder().encode(answer.text).byteLength))
    }
    expect(answers[3]!.text).toContain('👋')
  })
})
