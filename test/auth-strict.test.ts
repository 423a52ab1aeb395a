import { SignJWT, UnsecuredJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, type ErrorBody } from '../src/core/index.js'

// Tokens are made with jose, an independent JWT library, the way a client would make them.
const secret = { id: '2f6b1c0e-93a4-4f5e-9d1a-7c2b8e4f0a11', key: 'Xq9vT3mK8pL2wR7nB5cY1zH6jD4fG0sA' }
const rotated = { id: '8d0e5a2b-1c3f-4e6a-b7d9-0f2a4c6e8b10', key: 'Pm4nQ8rS2tU6vW0xY3zA7bC1dE5fG9hJ' }
const mock = createHeymarketMock({ seed: 4, size: { conversations: 5 }, auth: { mode: 'strict', secrets: [secret, rotated], apiKeys: ['hm_live_team_key'] } })
const now = () => Math.floor(Date.now() / 1000)

function sign(payload: Record<string, unknown>, key = `${secret.id}||${secret.key}`, alg = 'HS256') {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(key))
}

async function call(authorization?: string) {
  const response = await mock.fetch('/v1/inboxes', { headers: authorization === undefined ? {} : { Authorization: authorization } })
  return { status: response.status, body: (await response.json()) as ErrorBody }
}

describe('strict auth: JWTs as the service checks them', () => {
  it('accepts an HS256 token with iss = the secret id, signed with "<id>||<key>", from either of two secrets', async () => {
    expect((await call(`Bearer ${await sign({ iss: secret.id, iat: now() })}`)).status).toBe(200)
    expect((await call(`Bearer ${await sign({ iss: rotated.id, iat: now() }, `${rotated.id}||${rotated.key}`)}`)).status).toBe(200)
  })

  it('refuses a token signed with the key alone (a mistake seen in a public client)', async () => {
    const { status, body } = await call(`Bearer ${await sign({ iss: secret.id, iat: now(), exp: now() + 3600 }, secret.key)}`)
    expect(status).toBe(401)
    expect(body.message).toMatch(/signature does not match.*<API Secret ID>\|\|<API Secret Key>/)
  })

  it('refuses a wrong issuer, an expired token, one from the future, and a passed exp', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ iss: 'someone-else', iat: now() }, /issuer \(iss\) "someone-else" is not an API secret id/],
      [{ iss: secret.id, iat: now() - 301 }, /expired .*valid for 5 minutes/],
      [{ iss: secret.id, iat: now() + 120 }, /issued in the future/],
      [{ iss: secret.id, iat: now() - 10, exp: now() - 1 }, /expired \(exp\)/],
      [{ iss: secret.id, iat: String(now()) }, /no integer iat/],
      [{ iss: secret.id }, /no integer iat/],
    ]
    for (const [payload, message] of cases) {
      const { status, body } = await call(`Bearer ${await sign(payload)}`)
      expect(status, JSON.stringify(payload)).toBe(401)
      expect(body.message).toMatch(message)
    }
    // a little clock skew is fine
    expect((await call(`Bearer ${await sign({ iss: secret.id, iat: now() + 30 })}`)).status).toBe(200)
    expect((await call(`Bearer ${await sign({ iss: secret.id, iat: now() - 290 })}`)).status).toBe(200)
  })

  it('refuses alg none and algorithms other than HS256', async () => {
    const unsigned = new UnsecuredJWT({ iss: secret.id, iat: now() }).encode()
    const none = await call(`Bearer ${unsigned}`)
    expect(none.status).toBe(401)
    expect(none.body.message).toMatch(/signed with "none", and only HS256/)
    const hs512 = await call(`Bearer ${await sign({ iss: secret.id, iat: now() }, `${secret.id}||${secret.key}`, 'HS512')}`)
    expect(hs512.body.message).toMatch(/signed with "HS512"/)
  })

  it('refuses malformed tokens and headers with a clear 401', async () => {
    const header = Buffer.from('{"alg":"HS256"}').toString('base64url')
    const cases: [string | undefined, RegExp][] = [
      [undefined, /Authorization header is missing/],
      ['Bearer not-a-jwt-or-key', /neither a signed JWT .* nor a known API key/],
      [`Bearer ${header}.bm90IGpzb24.c2ln`, /payload is not base64url-encoded JSON/],
      ['Bearer a.b.c', /header is not base64url-encoded JSON/],
      ['Token abc', /scheme must be "Bearer"/],
      ['Basic Zm9vOg==', /Basic credentials are not a known API key/],
    ]
    for (const [authorization, message] of cases) {
      const { status, body } = await call(authorization)
      expect(status, String(authorization)).toBe(401)
      expect(body).toMatchObject({ error: 'unauthorized' })
      expect(body.message).toMatch(message)
    }
  })

  it('accepts the legacy team API key, as a Bearer token or as the Basic user name', async () => {
    expect((await call('Bearer hm_live_team_key')).status).toBe(200)
    expect((await call(`Basic ${Buffer.from('hm_live_team_key:').toString('base64')}`)).status).toBe(200)
  })
})

describe('default auth', () => {
  it('accepts any bearer token, JWT-shaped or not', async () => {
    const relaxed = createHeymarketMock({ seed: 4, size: { conversations: 5 } })
    for (const token of ['anything', await sign({ iss: 'x', iat: 0 }, 'wrong')]) {
      expect((await relaxed.fetch('/v1/inboxes', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200)
    }
  })
})
