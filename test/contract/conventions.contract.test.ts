import { describe, expect, it } from 'vitest'
import { client, readScope, send, target } from './target.js'

/**
 * Required fields, optional fields, undocumented parameters and documented shapes. The read cases run against
 * any server; the cases that would write if the server wrongly accepted them run only with a test inbox.
 */

type ErrorAnswer = { error?: string; field?: string; message?: string }

describe(`required means required, optional means optional (${target.kind})`, () => {
  // Docs, /api-reference/messages/get-history: phoneNumber and inboxID are required.
  it('GET /v1/messages without inboxID is a 400 naming inboxID', async () => {
    const answer = await send('GET', '/v1/messages?phoneNumber=14155550100')
    expect(answer.status).toBe(400)
    expect(answer.body as ErrorAnswer).toMatchObject({ field: 'inboxID' })
  })

  // Docs, /api-reference/messages/get-history documents no limit: it is ignored, and at most 50 come back.
  it('GET /v1/messages ignores an undocumented limit and answers at most 50', async () => {
    const { inbox } = await readScope()
    const answer = await send('GET', `/v1/messages?phoneNumber=14155550100&inboxID=${inbox.id}&limit=100`)
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.body)).toBe(true)
    expect((answer.body as unknown[]).length).toBeLessThanOrEqual(50)
  })

  // Docs, /api-reference/users: memberships are {id, phone, name, email, role_id, team_id, created_at, updated_at}.
  it('GET /v1/users/get answers memberships whose id is the member id and whose role is a role_id', async () => {
    const team = await client.getTeam()
    const member = team.members.find((candidate) => candidate.email)
    if (!member) return
    const { memberships } = await client.findUsers({ query: { email: [member.email] } })
    expect(memberships.map((membership) => membership.id)).toContain(member.id)
    for (const membership of memberships) expect(Number.isInteger(membership.role_id)).toBe(true)
  })

  // Docs, /api-reference/contacts/search: {contact_channels: [{channel_type?, channel_ids}]} answers contacts in
  // the v1 field names.
  it('POST /v2/contacts/search takes contact_channels, with or without channel_type', async () => {
    const [contact] = await client.listContacts({ body: { limit: 1 } })
    if (!contact?.phone) return
    const typed = await client.searchContactsV2({ body: { contact_channels: [{ channel_type: 'phone', channel_ids: [contact.phone] }] } })
    expect(typed.map((found) => found.id)).toContain(contact.id)
    const detected = await client.searchContactsV2({ body: { contact_channels: [{ channel_ids: [contact.phone] }] } })
    expect(detected.map((found) => found.id)).toContain(contact.id)
    expect(typed[0]).toHaveProperty('first')
  })

  // Docs, /api-reference/templates/overview: a template's content is {text, gallery}.
  it('POST /v1/templates answers content.gallery as an array on every template', async () => {
    const templates = await client.listTemplates({ body: { limit: 5 } })
    for (const template of templates) expect(Array.isArray(template.content.gallery)).toBe(true)
  })
})

const write = target.write

describe.runIf(write)(`required fields on writes are refused before anything is written (${target.kind})`, () => {
  const { inboxId, phone } = write ?? { inboxId: 0, phone: '' }

  // Docs, /api-reference/messages/send: creator_id is required.
  it('POST /v1/message/send without creator_id is a 400 naming creator_id', async () => {
    const answer = await send('POST', '/v1/message/send', { body: { inbox_id: inboxId, phone_number: phone, text: 'heymarket-mock contract test: must not be sent' } })
    expect(answer.status).toBe(400)
    expect(answer.body as ErrorAnswer).toMatchObject({ field: 'creator_id' })
  })

  // Docs, /api-reference/conversations/open-close: inbox_id is required, also beside chat_id.
  it('POST /v1/conversations/close with chat_id but no inbox_id is a 400 naming inbox_id', async () => {
    const { userId } = await readScope()
    const answer = await send('POST', '/v1/conversations/close', { body: { chat_id: 1, user_id: userId } })
    expect(answer.status).toBe(400)
    expect(answer.body as ErrorAnswer).toMatchObject({ field: 'inbox_id' })
  })

  // A public PHP client sends "media_url": null with every text: null in an optional field is absent.
  it('POST /v1/message/send with "media_url": null sends a plain text', async () => {
    const { userId } = await readScope()
    const answer = await send('POST', '/v1/message/send', {
      body: { inbox_id: inboxId, creator_id: userId, phone_number: phone, text: 'heymarket-mock contract test (media_url null)', media_url: null, local_id: `contract-null-${Date.now()}` },
    })
    expect(answer.status).toBe(200)
  })
})
