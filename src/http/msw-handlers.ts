import { http, type HttpHandler } from 'msw'
import type { Dispatcher } from './dispatch.js'
import type { Route } from './route.js'

/** Joins a base URL (absolute, relative or empty) and an API path without doubling slashes. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`
}

/** The path of a request relative to the API root, e.g. `/v1/conversations` under `https://host/api`. */
export function apiPathOf(requestUrl: string, baseUrl: string): string {
  const url = new URL(requestUrl)
  const basePath = new URL(baseUrl || '/', url.origin).pathname.replace(/\/+$/, '')
  return basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname
}

const METHOD = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const

/**
 * One msw handler per endpoint, plus catch-alls under `/v1/` and `/v2/` that answer 404 or 405 with a message
 * for paths and methods the API does not have (rather than letting a typo reach the network).
 */
export function createMswHandlers(routes: readonly Route[], dispatcher: Dispatcher, baseUrl: string): HttpHandler[] {
  const handlers: HttpHandler[] = routes.map((route) =>
    METHOD[route.method](joinUrl(baseUrl, route.path), ({ request, params }) =>
      dispatcher.handle(route, request, params as Record<string, string>),
    ),
  )
  for (const prefix of ['/v1/*', '/v2/*']) {
    handlers.push(
      http.all(joinUrl(baseUrl, prefix), ({ request }) => dispatcher.unmatched(request, apiPathOf(request.url, baseUrl))),
    )
  }
  return handlers
}
