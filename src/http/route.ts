import type { z } from 'zod'
import type { MockContext } from '../rules/context.js'
import type { HttpMethod, OperationSpec } from '../schema/operations.js'

export type { HttpMethod }

type Schema = z.ZodType

/** What a handler receives: the request parts, validated against the operation's schemas. */
export type RouteInput<O extends OperationSpec> = {
  body: O['body'] extends Schema ? z.output<O['body']> : undefined
  params: O['params'] extends Schema ? z.output<O['params']> : Record<string, never>
  query: O['query'] extends Schema ? z.output<O['query']> : undefined
}

/** An operation with the thin function that serves it: call the rule, return what to answer. */
export type Route = OperationSpec & {
  /** Calls the rule. Runs alone: no other request's rule runs until it has finished. */
  handle(ctx: MockContext, input: RouteInput<OperationSpec>): unknown
  /**
   * Writes the rule's result as JSON, where a route knows a faster way than `JSON.stringify` to the same bytes.
   * Runs inside the request's turn, so the store is as the rule left it.
   */
  serialize?(ctx: MockContext, result: unknown): string | Uint8Array
  /**
   * A read whose answer follows from its validated input and the state alone (no clock, no randomness, no
   * writes): its answer may be given again while the state is unchanged (see createAnswerMemo in dispatch.ts).
   */
  memo?: true
}

/** Binds a handler to an operation; the handler's input is typed from the operation's schemas. */
export function route<const O extends OperationSpec>(
  operation: O,
  handle: (ctx: MockContext, input: RouteInput<O>) => unknown,
  options: { serialize?: (ctx: MockContext, result: any) => string | Uint8Array; memo?: true } = {},
): Route {
  return {
    ...operation,
    handle: handle as Route['handle'],
    ...(options.serialize ? { serialize: options.serialize } : {}),
    ...(options.memo ? { memo: true as const } : {}),
  }
}

/** The query after a URL's `?` as an object (see `readQuery`). */
export function queryOfSearch(search: string): Record<string, string | string[]> {
  // URLSearchParams drops a leading `?` from a string; the query after the URL's `?` may itself start with one
  // (`??a=1` is the key `?a`). A leading `&` is an empty pair, which the parser skips.
  return search === '' ? {} : readQuery(new URLSearchParams(`&${search}`))
}

/** A query string as an object: a key given once is a string, a repeated key or `key[]` an array. */
export function readQuery(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [rawKey, value] of searchParams) {
    const isArray = rawKey.endsWith('[]')
    const key = isArray ? rawKey.slice(0, -2) : rawKey
    // Own properties only, and defined rather than assigned: a key may be any text, `valueOf` or `__proto__` too.
    const existing = Object.hasOwn(query, key) ? query[key] : undefined
    const next = existing === undefined ? (isArray ? [value] : value) : Array.isArray(existing) ? [...existing, value] : [existing, value]
    Object.defineProperty(query, key, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return query
}


