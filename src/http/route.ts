import { z } from 'zod'
import type { MockContext } from '../rules/context.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

type Schema = z.ZodType

export type RouteInput<Body, Params, Query = undefined> = {
  body: Body
  params: Params
  query: Query
  request: Request
}

/** One endpoint: where it lives, what it takes, what it answers, and the thin function that calls its rule. */
export type Route<
  BodySchema extends Schema | undefined = Schema | undefined,
  ParamsSchema extends Schema | undefined = Schema | undefined,
  QuerySchema extends Schema | undefined = Schema | undefined,
> = {
  method: HttpMethod
  /** Path with `:name` parameters, e.g. `/v1/conversations/:id`. */
  path: string
  operationId: string
  summary: string
  tag: string
  /** The request body's schema; routes without one ignore any body. */
  body?: BodySchema
  /** `'array'` for the endpoints whose body is a JSON array (batch creates). */
  bodyShape?: 'object' | 'array'
  params?: ParamsSchema
  /** The query string's schema (repeated keys and `key[]` read as arrays). */
  query?: QuerySchema
  /** The schema of a successful answer. */
  response: Schema
  /** Calls the rule. Runs alone: no other request's rule runs until it has finished. */
  handle(
    ctx: MockContext,
    input: RouteInput<
      BodySchema extends Schema ? z.output<BodySchema> : undefined,
      ParamsSchema extends Schema ? z.output<ParamsSchema> : Record<string, never>,
      QuerySchema extends Schema ? z.output<QuerySchema> : undefined
    >,
  ): unknown
}

/** Declares a route with its input types inferred from its schemas. */
export function defineRoute<
  B extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
>(route: Route<B, P, Q>): Route {
  return route as unknown as Route
}

/** A query string as an object: a key given once is a string, a repeated key or `key[]` an array. */
export function readQuery(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [rawKey, value] of searchParams) {
    const isArray = rawKey.endsWith('[]')
    const key = isArray ? rawKey.slice(0, -2) : rawKey
    const existing = query[key]
    if (existing === undefined) query[key] = isArray ? [value] : value
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return query
}

/** A query parameter that may be given once or repeated, read as an array either way. */
export function queryArray<S extends z.ZodType<string>>(item: S) {
  return z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]))
}

/** A `true`/`false` query flag. */
export const queryFlagSchema = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

/** A path parameter that must be an integer id. */
export const pathIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'must be an integer id' })
  .transform(Number)
