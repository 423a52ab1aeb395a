import { z } from 'zod'
import type { MockContext } from '../rules/context.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

type Schema = z.ZodType

export type RouteInput<Body, Params> = {
  body: Body
  params: Params
  query: URLSearchParams
  request: Request
}

/** One endpoint: where it lives, what it takes, what it answers, and the thin function that calls its rule. */
export type Route<BodySchema extends Schema | undefined = Schema | undefined, ParamsSchema extends Schema | undefined = Schema | undefined> = {
  method: HttpMethod
  /** Path with `:name` parameters, e.g. `/v1/conversations/:id`. */
  path: string
  operationId: string
  summary: string
  tag: string
  /** The request body's schema; routes without one ignore any body. */
  body?: BodySchema
  params?: ParamsSchema
  /** The schema of a successful answer. */
  response: Schema
  /** Calls the rule. Runs alone: no other request's rule runs until it has finished. */
  handle(
    ctx: MockContext,
    input: RouteInput<
      BodySchema extends Schema ? z.output<BodySchema> : undefined,
      ParamsSchema extends Schema ? z.output<ParamsSchema> : Record<string, never>
    >,
  ): unknown
}

/** Declares a route with its input types inferred from its schemas. */
export function defineRoute<B extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  route: Route<B, P>,
): Route {
  return route as unknown as Route
}

/** A path parameter that must be an integer id. */
export const pathIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'must be an integer id' })
  .transform(Number)
