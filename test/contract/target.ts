import { SignJWT } from 'jose'
import { inject } from 'vitest'
import { createHeymarketClient, type Conversation, type ConversationFilters, type Inbox } from '../../src/core/index.js'

/**
 * What the contract suite knows about the server it checks: a base URL and credentials, nothing else.
 * Chosen by global-setup.ts (the mock's server by default, or HEYMARKET_BASE_URL).
 */
export type ContractTarget = {
  kind: 'heymarket-mock' | 'external'
  baseUrl: string
  credentials: { secretId: string; secretKey: string } | { apiKey: string }
  /** Longest list walk (pages); a live account may hold far more than a test should read. */
  maxPages: number
  /** The acting user of the read cases (default: the first member of the inbox they look at). */
  userId?: number
  /** The inbox the read cases look at (default: the first inbox with members). */
  inboxId?: number
  /** Present when writing cases may run: the inbox they write in and the phone number they text. */
  write?: { inboxId: number; phone: string; transferInboxId?: number }
}

declare module 'vitest' {
  export interface ProvidedContext {
    contract: ContractTarget
  }
}

export const target = inject('contract')

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Signs a JWT the documented way: HS256, `{iss, iat}`, keyed with `"<secret id>||<secret key>"`. */
export function signJwt(payload: Record<string, unknown>, key: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key))
}

/** A fresh token for each request, as the service asks clients to do (a JWT lives 5 minutes). */
export function token(): Promise<string> | string {
  const credentials = target.credentials
  if ('apiKey' in credentials) return credentials.apiKey
  return signJwt({ iss: credentials.secretId, iat: nowSeconds() }, `${credentials.secretId}||${credentials.secretKey}`)
}

/** The typed client, checking every answer against the mock's schemas (a field the schemas lack is a failure). */
export const client = createHeymarketClient({ baseUrl: target.baseUrl, token, validateResponses: true })

export type RawAnswer = { status: number; headers: Headers; body: unknown }

/** A request the typed client would not send: no or bad credentials, a malformed body; and the headers to look at. */
export async function send(method: string, path: string, options: { body?: unknown; authorization?: string | null } = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const authorization = options.authorization === undefined ? `Bearer ${await token()}` : options.authorization
  if (authorization !== null) headers.Authorization = authorization
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // kept as text: the assertion that reads it will say what came back
  }
  return { status: response.status, headers: response.headers, body }
}

/** The inbox and acting user the read cases look at. */
export async function readScope(): Promise<{ inbox: Inbox; userId: number; inboxes: Inbox[] }> {
  const inboxes = await client.listInboxes()
  const wanted = target.inboxId ?? target.write?.inboxId
  const inbox = wanted !== undefined ? inboxes.find((candidate) => candidate.id === wanted) : inboxes.find((candidate) => candidate.members.length > 0)
  if (!inbox) throw new Error(`No inbox to read: ${wanted !== undefined ? `inbox ${wanted} is not among GET /v1/inboxes` : 'no inbox has members'}.`)
  const userId = target.userId ?? inbox.members[0]
  if (userId === undefined) throw new Error(`Inbox ${inbox.id} has no members; set HEYMARKET_TEST_USER_ID.`)
  return { inbox, userId, inboxes }
}

export type Walk = { pages: Conversation[][]; items: Conversation[]; complete: boolean; cursors: (string | undefined)[] }

/** Follows the documented date cursor (the last item's `updated`) until an empty page, or `maxPages`. */
export async function walkConversations(userId: number, filters: ConversationFilters, limit: number): Promise<Walk> {
  const walk: Walk = { pages: [], items: [], complete: false, cursors: [] }
  let date: string | undefined
  for (let page = 0; page < target.maxPages; page++) {
    const items = await client.listConversations({ body: { id: userId, filters, limit, ...(date ? { date } : {}) } })
    walk.cursors.push(date)
    if (items.length === 0) {
      walk.complete = true
      return walk
    }
    walk.pages.push(items)
    walk.items.push(...items)
    date = items[items.length - 1]!.updated
  }
  return walk
}

/** Looks for a conversation in the first pages of a filtered list (recent activity puts it near the top). */
export async function listed(userId: number, filters: ConversationFilters, conversationId: number, pages = 5): Promise<boolean> {
  let date: string | undefined
  for (let page = 0; page < pages; page++) {
    const items = await client.listConversations({ body: { id: userId, filters, limit: 100, ...(date ? { date } : {}) } })
    if (items.some((item) => item.id === conversationId)) return true
    if (items.length === 0) return false
    date = items[items.length - 1]!.updated
  }
  return false
}
