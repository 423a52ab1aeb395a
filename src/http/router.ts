import type { HttpMethod, Route } from './route.js'

type Compiled = { route: Route; pattern: RegExp; names: string[] }

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  /** The path exists but not with this method. */
  | { kind: 'method'; allowed: HttpMethod[] }
  | { kind: 'none' }

function compile(route: Route): Compiled {
  const names: string[] = []
  const source = route.path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1))
        return '([^/]+)'
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return { route, pattern: new RegExp(`^${source}/?$`), names }
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Finds the route for a method and path. Literal paths win over parameterised ones
 * (`/v1/conversations/count` before `/v1/conversations/:id`).
 */
export class Router {
  readonly #compiled: Compiled[]
  /**
   * Routes without parameters by `METHOD path`: most requests end here with one lookup instead of a scan of
   * every pattern. A hit is what the scan would find first, since routes without parameters are tried first.
   */
  readonly #literal = new Map<string, Route>()

  constructor(routes: readonly Route[]) {
    this.#compiled = routes
      .map(compile)
      .sort((a, b) => a.names.length - b.names.length)
    for (const { route, names } of this.#compiled) {
      const key = `${route.method} ${route.path}`
      // The first of two routes with one method and path is the one the scan would find.
      if (names.length === 0 && !this.#literal.has(key)) this.#literal.set(key, route)
    }
  }

  match(method: string, pathname: string): RouteMatch {
    // The patterns accept one trailing slash, so the lookup does too.
    const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname
    const literal = this.#literal.get(`${method.toUpperCase()} ${path}`)
    if (literal) return { kind: 'route', route: literal, params: {} }
    const allowed = new Set<HttpMethod>()
    for (const { route, pattern, names } of this.#compiled) {
      const found = pattern.exec(pathname)
      if (!found) continue
      if (route.method !== method.toUpperCase()) {
        allowed.add(route.method)
        continue
      }
      const params: Record<string, string> = {}
      names.forEach((name, i) => (params[name] = decode(found[i + 1]!)))
      return { kind: 'route', route, params }
    }
    return allowed.size > 0 ? { kind: 'method', allowed: [...allowed].sort() } : { kind: 'none' }
  }
}
