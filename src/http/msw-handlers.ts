import { HttpHandler } from 'msw'
import type { Dispatcher } from './dispatch.js'

/** Joins a base URL (absolute, relative or empty) and an API path without doubling slashes. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`
}

/**
 * Reads a request's path relative to the API root (`/v1/conversations` under `https://host/api`) from its URL,
 * which `Request` has already serialized: the path is what lies between the authority and `?` or `#`, encoded as
 * `URL.pathname` would give it. The base's own path is worked out once, not per request.
 */
export function apiPathReader(baseUrl: string): (requestUrl: string) => string {
  const basePath = new URL(baseUrl || '/', 'http://localhost').pathname.replace(/\/+$/, '')
  return (requestUrl) => {
    const authority = requestUrl.indexOf('//')
    const slash = authority < 0 ? -1 : requestUrl.indexOf('/', authority + 2)
    let pathname = '/'
    if (slash >= 0) {
      let end = requestUrl.length
      const query = requestUrl.indexOf('?', slash)
      if (query >= 0) end = query
      const fragment = requestUrl.indexOf('#', slash)
      if (fragment >= 0 && fragment < end) end = fragment
      pathname = requestUrl.slice(slash, end)
    }
    return basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname
  }
}

/**
 * An msw handler for everything under one prefix of the API, answered by the mock's dispatcher.
 *
 * It matches as `http.all(prefix)` would (msw's own `parse` and `predicate`), and differs only in what it does once
 * it has matched. msw's `RequestHandler.run` first clones the request, which tees its body stream, so that the
 * execution result can carry a copy whose body is still unread; msw's `executeHandlers` drops that copy (msw 2.12
 * and 3), so it is never read. msw 3 also makes an `AbortController` for each run and aborts it when the resolver
 * settles, for the resolver's `finalize` callbacks, and the abort makes a `DOMException`. The dispatcher uses
 * neither, so this handler skips both: measured through `getResponse`, a handler that answers fixed bytes cost
 * 19.7 µs this way against 37.0 µs as an `http.post`, and reading the body 2.6 µs against 14 µs
 * (bench/msw-handler-overhead.ts, interleaved rounds; see decisions/performance-floors.md). Everything else msw
 * reads from a handler (`info` for its logs, `isUsed`, `log`) is `HttpHandler`'s own.
 */
export class ApiPrefixHandler extends HttpHandler {
  readonly #answer: (request: Request) => Promise<Response>

  constructor(url: string, answer: (request: Request) => Promise<Response>) {
    super(/.+/, url, ({ request }) => answer(request))
    this.#answer = answer
  }

  override async run(args: Parameters<HttpHandler['run']>[0]): ReturnType<HttpHandler['run']> {
    const { request, requestId, resolutionContext } = args
    const parsedResult = await this.parse({ request, resolutionContext })
    if (!(await this.predicate({ request, parsedResult, resolutionContext }))) return null
    this.isUsed = true
    const response = await this.#answer(request)
    return { handler: this, parsedResult, request, requestId, response }
  }
}

/**
 * Two msw handlers, for everything under `/v1/` and `/v2/`: the mock's own router picks the endpoint, and
 * answers 404 or 405 with a message for paths and methods the API does not have (rather than letting a typo
 * reach the network). One handler per endpoint would make msw try each in turn on every request, parsing the
 * URL against each pattern: about 70 tries, most of a request's cost in process.
 */
export function createMswHandlers(dispatcher: Dispatcher, baseUrl: string): HttpHandler[] {
  const pathOf = apiPathReader(baseUrl)
  return ['/v1/*', '/v2/*'].map((prefix) => new ApiPrefixHandler(joinUrl(baseUrl, prefix), (request) => dispatcher.dispatch(request, pathOf(request.url))))
}
