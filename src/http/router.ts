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

  constructor(routes: readonly Route[]) {
    this.#compiled = routes
      .map(compile)
      .sort((a, b) => a.names.length - b.names.length)
  }

  match(method: string, pathname: string): RouteMatch {
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
