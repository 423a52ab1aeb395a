import { beforeAll, describe, expect, it } from 'vitest'
import { client, readScope, send, signJwt, target } from './target.js'

/**
 * Credentials and errors. Every request here is a read or is refused before it could change anything, so this file
 * is safe against a live account.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const nowSeconds = () => Math.floor(Date.now() / 1000)
const secret = 'secretId' in target.credentials ? target.credentials : undefined

let userId: number

beforeAll(async () => {
  ;({ userId } = await readScope())
})

describe(`credentials (${target.kind})`, () => {
  it('accepts the documented credentials on GET /v1/inboxes, the cheap credential check', async () => {
    const answer = await send('GET', '/v1/inboxes')
    expect(answer.status).toBe(200)
    expect(Array.isArray(answer.body)).toBe(true)
  })

  it('answers 401 without an Authorization header', async () => {
    expect((await send('GET', '/v1/inboxes', { authorization: null })).status).toBe(401)
  })

  it('answers 401 for a token that is neither a signed JWT nor a key of the team', async () => {
    expect((await send('GET', '/v1/inboxes', { authorization: 'Bearer not-a-real-token-3f9a' })).status).toBe(401)
  })

  it.runIf(secret)('answers 401 for a JWT signed with the secret key alone instead of "<id>||<key>"', async () => {
    const jwt = await signJwt({ iss: secret!.secretId, iat: nowSeconds() }, secret!.secretKey)
    expect((await send('GET', '/v1/inboxes', { authorization: `Bearer ${jwt}` })).status).toBe(401)
  })

  it.runIf(secret)('answers 401 for a JWT older than 5 minutes', async () => {
    const jwt = await signJwt({ iss: secret!.secretId, iat: nowSeconds() - 6 * 60 }, `${secret!.secretId}||${secret!.secretKey}`)
    expect((await send('GET', '/v1/inboxes', { authorization: `Bearer ${jwt}` })).status).toBe(401)
  })

  it.runIf(secret)('answers 401 for a JWT whose issuer is not a secret of the team', async () => {
    const jwt = await signJwt({ iss: '00000000-0000-4000-8000-000000000000', iat: nowSeconds() }, `00000000-0000-4000-8000-000000000000||${secret!.secretKey}`)
    expect((await send('GET', '/v1/inboxes', { authorization: `Bearer ${jwt}` })).status).toBe(401)
  })
})

describe(`errors (${target.kind})`, () => {
  it('answers 400 naming the field when a required field is missing (filters on the list)', async () => {
    const answer = await send('POST', '/v1/conversations', { body: { id: userId } })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toContain('filters')
  })

  it('answers 400 naming the field for a field of the wrong type', async () => {
    const answer = await send('POST', '/v1/conversations', { body: { id: userId, filters: { closed: 'yes' } } })
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toContain('closed')
  })

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await send('POST', '/v1/conversations', { body: '{"id": ' })
    expect(answer.status).toBe(400)
  })

  it('answers 404 for a conversation id that names nothing (mock decision: decisions/errors.md)', async () => {
    expect((await send('GET', '/v1/conversations/2147483646')).status).toBe(404)
  })

  it('carries an X-Request-Id (a UUID) on every answer, success or error', async () => {
    const answers = [
      await send('GET', '/v1/inboxes'),
      await send('GET', '/v1/inboxes', { authorization: null }),
      await send('POST', '/v1/conversations', { body: {} }),
      await send('GET', '/v1/conversations/2147483646'),
    ]
    for (const answer of answers) expect(answer.headers.get('x-request-id'), `answer ${answer.status}`).toMatch(UUID)
  })

  it('answers errors as {error, message} JSON, the message naming what failed (mock decision: decisions/errors.md)', async () => {
    const answer = await send('POST', '/v1/conversations', { body: { id: userId } })
    expect(answer.headers.get('content-type')).toContain('application/json')
    expect(answer.body).toMatchObject({ error: 'bad_data', message: expect.stringContaining('filters') })
  })

  it('answers 403 when the acting user is not a member of a filtered inbox (mock decision: decisions/conversation-fields.md)', async () => {
    const [inboxes, users] = await Promise.all([client.listInboxes(), client.listUsers()])
    const pair = users.flatMap((user) => inboxes.filter((inbox) => !inbox.members.includes(user.id)).map((inbox) => ({ user, inbox })))[0]
    if (!pair) return expect(inboxes.every((inbox) => inbox.members.length === users.length)).toBe(true)
    const answer = await send('POST', '/v1/conversations', { body: { id: pair.user.id, filters: { inboxes: [pair.inbox.id] } } })
    expect(answer.status).toBe(403)
  })
})
