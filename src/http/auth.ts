import { ApiError } from '../rules/errors.js'

/** An API secret as the Heymarket app issues them: an id (a UUID) and a key. A team may hold two at once. */
export type ApiSecret = { id: string; key: string }

/**
 * Credentials checked the way the real service checks them:
 * - a signed JWT: HS256, `iss` = a secret's id, `iat` in seconds, signed with `"<id>||<key>"`, valid for 5
 *   minutes after `iat` (a little clock skew tolerated for tokens from the future);
 * - a legacy team API key, as `Bearer <key>` (or HTTP Basic with the key as user name, as an older page of the
 *   docs allowed).
 */
export type StrictAuth = {
  mode: 'strict'
  secrets?: ApiSecret[]
  apiKeys?: string[]
  /** How far in the future `iat` may be (default 60 s). */
  skewSeconds?: number
  /** How long a JWT is valid after `iat` (default 300 s, as documented). */
  lifetimeSeconds?: number
}

/**
 * How the mock checks credentials.
 * - `'bearer'` (default): any `Authorization: Bearer <token>` is accepted; a missing or malformed header is 401.
 * - `'none'`: no check at all (for quick experiments).
 * - `{ mode: 'strict', secrets, apiKeys }`: JWTs and API keys verified as the service does.
 */
export type AuthMode = 'bearer' | 'none'
export type AuthOptions = AuthMode | StrictAuth

const HOW = 'Please send "Authorization: Bearer <token>"'

function unauthorized(reason: string, fix = HOW): ApiError {
  return new ApiError('unauthorized', `Failed to authenticate: ${reason}. ${fix}.`)
}

/**
 * Decodes a base64url segment, or returns `undefined` when it is not one. A length of 1 mod 4 can never come out
 * of an encoder (`atob` would throw "Invalid character" on it), so it is refused here rather than thrown later.
 */
function base64UrlDecode(segment: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return undefined
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (segment.length % 4)) % 4)
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function decodeJson(segment: string, part: string): Record<string, unknown> {
  let value: unknown
  try {
    const bytes = base64UrlDecode(segment)
    if (!bytes) throw new Error('not base64url')
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw unauthorized(`the token's ${part} is not base64url-encoded JSON`, 'Please send a JWT made by a JWT library')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw unauthorized(`the token's ${part} is not a JSON object`, 'Please send a JWT made by a JWT library')
  return value as Record<string, unknown>
}

const JWT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/

/** Verifies JWTs and API keys; keeps the imported HMAC keys. */
export function createStrictVerifier(options: StrictAuth) {
  const secrets = options.secrets ?? []
  const apiKeys = new Set(options.apiKeys ?? [])
  const skew = options.skewSeconds ?? 60
  const lifetime = options.lifetimeSeconds ?? 300
  const keys = new Map<string, Promise<CryptoKey>>()
  const hmacKey = (secret: ApiSecret) => {
    let key = keys.get(secret.id)
    if (!key) {
      key = crypto.subtle.importKey('raw', new TextEncoder().encode(`${secret.id}||${secret.key}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
      keys.set(secret.id, key)
    }
    return key
  }

  async function verifyJwt(token: string, nowSeconds: number): Promise<string> {
    const [, headerPart, payloadPart, signaturePart] = JWT.exec(token)!
    const header = decodeJson(headerPart!, 'header')
    if (header.alg !== 'HS256') {
      throw unauthorized(`the token is signed with ${JSON.stringify(header.alg ?? null)}, and only HS256 is accepted`, 'Please sign it with HS256 and your API secret')
    }
    const payload = decodeJson(payloadPart!, 'payload')
    const secret = secrets.find((candidate) => candidate.id === payload.iss)
    if (!secret) {
      throw unauthorized(`the token's issuer (iss) ${JSON.stringify(payload.iss ?? null)} is not an API secret id of this team`, 'Please put your API Secret ID in iss')
    }
    if (!signaturePart) throw unauthorized('the token has no signature', 'Please sign it with HS256 and your API secret')
    const signature = base64UrlDecode(signaturePart)
    if (!signature) {
      throw unauthorized(`the token's signature is not base64url (a segment of ${signaturePart.length} characters cannot be one)`, 'Please send a JWT made by a JWT library')
    }
    const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signature as BufferSource, new TextEncoder().encode(`${headerPart}.${payloadPart}`))
    if (!valid) throw unauthorized("the token's signature does not match", 'Please sign it with HS256 and the key "<API Secret ID>||<API Secret Key>"')
    const iat = payload.iat
    if (typeof iat !== 'number' || !Number.isInteger(iat)) {
      throw unauthorized('the token has no integer iat (when it was issued, in Unix seconds)', 'Please set iat to the current time in seconds')
    }
    if (iat > nowSeconds + skew) {
      throw unauthorized(`the token was issued in the future (iat is ${iat - nowSeconds} s ahead of this server's clock)`, "Please check your machine's clock")
    }
    if (nowSeconds > iat + lifetime) {
      throw unauthorized(`the token expired ${nowSeconds - iat - lifetime} s ago: tokens are valid for ${lifetime / 60} minutes after iat`, 'Please make a new token')
    }
    if (payload.exp !== undefined && (typeof payload.exp !== 'number' || nowSeconds >= payload.exp)) {
      throw unauthorized('the token has expired (exp)', 'Please make a new token')
    }
    return `jwt:${secret.id}`
  }

  return async function verify(header: string): Promise<string> {
    const nowSeconds = Math.floor(Date.now() / 1000)
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
    if (basic) {
      let user = ''
      try {
        user = atob(basic[1]!).split(':')[0] ?? ''
      } catch {
        // falls through to the refusal below
      }
      if (apiKeys.has(user)) return `key:${user}`
      throw unauthorized('the Basic credentials are not a known API key', HOW)
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!bearer) throw unauthorized('the Authorization scheme must be "Bearer"')
    const token = bearer[1]!
    if (JWT.test(token)) return verifyJwt(token, nowSeconds)
    if (apiKeys.has(token)) return `key:${token}`
    throw unauthorized('the token is neither a signed JWT (three base64url parts) nor a known API key', 'Please send a JWT signed with your API secret, or your team API key')
  }
}

/**
 * Checks the `Authorization` header, or throws 401 saying what is wrong with it.
 * @returns who the credentials are (`jwt:<secret id>`, `key:<key>`, `bearer:<token>`), for per-credential limits
 * @note Tokens are checked against the computer's clock, not the mock's: clients mint them with real time.
 */
export async function checkAuthorization(header: string | null, mode: AuthMode | 'strict', verifyStrict?: (header: string) => Promise<string>): Promise<string> {
  if (mode === 'none') return 'anonymous'
  if (header === null || header.trim() === '') {
    throw unauthorized('the Authorization header is missing')
  }
  if (mode === 'strict') return verifyStrict!(header.trim())
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) {
    const scheme = header.trim().split(/\s+/)[0] ?? ''
    throw unauthorized(
      /^bearer$/i.test(scheme)
        ? 'the Authorization header has no token after "Bearer"'
        : `the Authorization scheme must be "Bearer", got ${JSON.stringify(scheme.slice(0, 20))}`,
    )
  }
  return `bearer:${match[1]}`
}
