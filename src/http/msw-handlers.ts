import { http, type HttpHandler } from 'msw'
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
 * Two msw handlers, for everything under `/v1/` and `/v2/`: the mock's own router picks the endpoint, and
 * answers 404 or 405 with a message for paths and methods the API does not have (rather than letting a typo
 * reach the network). One handler per endpoint would make msw try each in turn on every request, parsing the
 * URL against each pattern: about 70 tries, most of a request's cost in process.
 */
export function createMswHandlers(dispatcher: Dispatcher, baseUrl: string): HttpHandler[] {
  const pathOf = apiPathReader(baseUrl)
  return ['/v1/*', '/v2/*'].map((prefix) => http.all(joinUrl(baseUrl, prefix), ({ request }) => dispatcher.dispatch(request, pathOf(request.url))))
}
