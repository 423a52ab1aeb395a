import { DEFAULT_BASE_URL } from '../../src/core/index.js'

/** A tiny client for the tests: real `fetch` calls (intercepted by msw), with credentials. */
export function createApi(baseUrl = DEFAULT_BASE_URL, token = 'test-token') {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  async function call<T = unknown>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...extraHeaders },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, body: json as T }
  }
  return {
    call,
    post: <T = unknown>(path: string, body?: unknown, extraHeaders?: Record<string, string>) => call<T>('POST', path, body ?? {}, extraHeaders),
    get: <T = unknown>(path: string, extraHeaders?: Record<string, string>) => call<T>('GET', path, undefined, extraHeaders),
  }
}

export type Api = ReturnType<typeof createApi>
