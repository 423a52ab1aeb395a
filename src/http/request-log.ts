import { parseJsonBody } from './read-body.js'
import { queryOfSearch } from './route.js'

/** One request the mock answered, as `mock.requests` lists it. */
export type LoggedRequest = {
  method: string
  /** The path relative to the API root, e.g. `/v1/conversations`. */
  path: string
  /** The query string as an object (a repeated key is an array). */
  query: Record<string, string | string[]>
  /** The JSON body as sent (before validation), or null when there was none or it was not JSON. */
  body: unknown
  /** The answer's status; 0 for a dropped connection. */
  status: number
  /** The answer's `X-Request-Id` (empty for a dropped connection). */
  requestId: string
  /** The operation the path matched (`listConversations`), or null for paths the API does not have. */
  operationId: string | null
}

/**
 * The last `limit` requests, oldest first, kept as columns of the text that came in (the path, the query
 * string, the body's JSON text) and turned into `LoggedRequest` objects only when someone reads the log.
 *
 * Why columns of text rather than one object per request: an entry lives for the next `limit` requests, long
 * enough under load to be promoted out of V8's young generation, so everything it holds is copied once and then
 * dies in the old generation. An entry object with its query object and the parsed body tree was about ten
 * objects per request; text is a string or two, shared with the request. Measured on the HTTP server at 100,000
 * conversations in decisions/memory.md ("The request log keeps text, not objects").
 */
export class RequestLog {
  readonly #limit: number
  /** The position of the oldest entry once the ring is full. */
  #start = 0
  readonly #methods: string[] = []
  readonly #paths: string[] = []
  readonly #searches: string[] = []
  /** The body's JSON text, or undefined for none (or not JSON); read back with `parseJsonBody`, as the request was. */
  readonly #bodies: (string | undefined)[] = []
  readonly #bodyIsArray: boolean[] = []
  readonly #statuses: number[] = []
  readonly #requestIds: string[] = []
  readonly #operationIds: (string | null)[] = []

  constructor(limit: number) {
    this.#limit = Math.max(0, limit)
  }

  get size(): number {
    return this.#methods.length
  }

  add(method: string, path: string, search: string, bodyText: string | undefined, bodyIsArray: boolean, status: number, requestId: string, operationId: string | null): void {
    if (this.#limit === 0) return
    let at = this.#methods.length
    if (at === this.#limit) {
      at = this.#start
      this.#start = (this.#start + 1) % this.#limit
    }
    this.#methods[at] = method
    this.#paths[at] = path
    this.#searches[at] = search
    this.#bodies[at] = bodyText
    this.#bodyIsArray[at] = bodyIsArray
    this.#statuses[at] = status
    this.#requestIds[at] = requestId
    this.#operationIds[at] = operationId
  }

  /** The entries, oldest first; fresh objects on every call, so a caller's changes never reach the log. */
  entries(): LoggedRequest[] {
    const entries: LoggedRequest[] = []
    const size = this.size
    for (let i = 0; i < size; i++) {
      const at = (this.#start + i) % size
      const text = this.#bodies[at]
      entries.push({
        method: this.#methods[at]!,
        path: this.#paths[at]!,
        query: queryOfSearch(this.#searches[at]!),
        // Read as the request's body was (an empty text is `{}` or `[]`); it passed then, so it cannot throw now.
        body: text === undefined ? null : parseJsonBody(text, 'read the request log', this.#bodyIsArray[at] ? 'array' : 'object'),
        status: this.#statuses[at]!,
        requestId: this.#requestIds[at]!,
        operationId: this.#operationIds[at]!,
      })
    }
    return entries
  }

  clear(): void {
    for (const column of [this.#methods, this.#paths, this.#searches, this.#bodies, this.#bodyIsArray, this.#statuses, this.#requestIds, this.#operationIds]) column.length = 0
    this.#start = 0
  }
}
