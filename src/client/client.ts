import type { z } from 'zod'
import type { ErrorBody } from '../schema/errors.js'
import { operations, type OperationId, type Operations, type OperationSpec } from '../schema/operations.js'
import { findResponseDrift } from '../schema/response-drift.js'

type Schema = z.ZodType
type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** What a call of one operation takes: its `params`, `query` and `body`, as the API's schemas describe them. */
export type OperationInput<Id extends OperationId> = Simplify<
  (Operations[Id] extends { params: Schema } ? { params: z.input<Operations[Id]['params']> } : unknown) &
    (Operations[Id] extends { query: Schema } ? { query?: z.input<Operations[Id]['query']> } : unknown) &
    (Operations[Id] extends { body: Schema } ? { body: z.input<Operations[Id]['body']> } : unknown)
>

/** What a successful call of one operation answers. */
export type OperationOutput<Id extends OperationId> = z.output<Operations[Id]['response']>

type Call<Id extends OperationId> = {} extends OperationInput<Id>
  ? (input?: OperationInput<Id>) => Promise<OperationOutput<Id>>
  : (input: OperationInput<Id>) => Promise<OperationOutput<Id>>

/**
 * A typed client for the Heymarket API (the real one or the mock): one method per operation, named by its
 * operation id, typed by the same schemas the mock validates with.
 *
 * @example
 * const client = createHeymarketClient({ baseUrl: 'http://127.0.0.1:4010', token: 'test' })
 * const page = await client.listConversations({ body: { id: 0, filters: { closed: false } } })
 */
export type HeymarketClient = { [Id in OperationId]: Call<Id> } & {
  /** Calls an operation by id. */
  call<Id extends OperationId>(operationId: Id, input?: OperationInput<Id>): Promise<OperationOutput<Id>>
}

export type HeymarketClientOptions = {
  /** Where the API lives (default https://api.heymarket.com). */
  baseUrl?: string
  /** The bearer token, or a function that makes one per request (a fresh JWT, say). */
  token?: string | (() => string | Promise<string>)
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch
  /**
   * Check every answer against its schema and throw a TypeError naming the place on a mismatch: a wrong type, a
   * missing field, or a field the schema does not know (default false).
   */
  validateResponses?: boolean
}

/** An answer other than 2xx, with the API's error body and the request id to quote. */
export class HeymarketApiError extends Error {
  constructor(
    readonly operationId: OperationId,
    readonly status: number,
    readonly body: ErrorBody | unknown,
    readonly requestId: string | null,
  ) {
    const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as ErrorBody).message) : JSON.stringify(body)
    super(`${operationId} answered ${status}: ${message}`)
    this.name = 'HeymarketApiError'
  }

  /** The error code (`bad_data`, `not_found`, ...) when the body has one. */
  get code(): string | undefined {
    return typeof this.body === 'object' && this.body !== null && 'error' in this.body ? String((this.body as ErrorBody).error) : undefined
  }
}

function pathWith(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new TypeError(`Failed to build the request path ${template}: the "${name}" parameter is missing.`)
    return encodeURIComponent(String(value))
  })
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return ''
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** Creates a typed client. */
export function createHeymarketClient(options: HeymarketClientOptions = {}): HeymarketClient {
  const baseUrl = (options.baseUrl ?? 'https://api.heymarket.com').replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))

  async function call<Id extends OperationId>(operationId: Id, input?: OperationInput<Id>): Promise<OperationOutput<Id>> {
    const operation: OperationSpec = operations[operationId]
    const parts = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }
    const token = typeof options.token === 'function' ? await options.token() : options.token
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (token !== undefined) headers.Authorization = `Bearer ${token}`
    const hasBody = 'body' in operation || parts.body !== undefined
    if (hasBody) headers['Content-Type'] = 'application/json'
    const url = `${baseUrl}${pathWith(operation.path, parts.params)}${queryString(parts.query)}`
    const response = await doFetch(url, {
      method: operation.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(parts.body ?? (operation.bodyShape === 'array' ? [] : {})) } : {}),
    })
    const text = await response.text()
    let payload: unknown = text
    try {
      payload = text ? JSON.parse(text) : undefined
    } catch {
      // a non-JSON answer is kept as text
    }
    if (!response.ok) throw new HeymarketApiError(operationId, response.status, payload, response.headers.get('x-request-id'))
    if (options.validateResponses) {
      const drift = findResponseDrift(operation.response, payload)
      if (drift) throw new TypeError(`${operationId} answered a body that does not match its schema: ${drift}`)
    }
    return payload as OperationOutput<Id>
  }

  const client = { call } as Record<string, unknown>
  for (const operationId of Object.keys(operations) as OperationId[]) {
    client[operationId] = (input?: OperationInput<typeof operationId>) => call(operationId, input)
  }
  return client as HeymarketClient
}
