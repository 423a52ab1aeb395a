import { http, HttpResponse, type HttpHandler } from 'msw'
import { DEFAULT_BASE_URL } from './create-heymarket-mock.js'
import { createFaults, delay, hang, type FaultRule } from '../http/faults.js'
import { joinUrl } from '../http/msw-handlers.js'
import { operations, type OperationId } from '../schema/operations.js'

const METHOD = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const

/**
 * msw handlers that inject a fault in front of the mock's own handlers, for a per-test override:
 * `server.use(...faultHandlers({ status: 503 }))`. `server.resetHandlers()` (which `useHeymarketMock` calls after
 * each test) removes them. A latency-only fault delays and then lets the mock answer.
 *
 * @example server.use(...faultHandlers({ operations: ['sendMessage'], status: 429, retryAfterSeconds: 5 }))
 */
export function faultHandlers(rule: FaultRule, options: { baseUrl?: string; seed?: number } = {}): HttpHandler[] {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL
  const faults = createFaults(options.seed ?? 0)
  faults.add(rule)
  const resolve = async ({ request }: { request: Request }, operationId?: OperationId) => {
    const decision = faults.decide(operationId)
    if (!decision) return undefined
    if (decision.latencyMs > 0) await delay(decision.latencyMs, request.signal)
    const failure = decision.failure
    if (!failure) return undefined
    if ('network' in failure) {
      if (failure.network === 'hang') await hang(request.signal)
      return HttpResponse.error()
    }
    return HttpResponse.json(
      { error: failure.status === 429 ? 'rate_limited' : 'server_error', message: `Failed to handle the request: the server answered ${failure.status} (an injected fault). Please retry later.` },
      { status: failure.status, headers: failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {} },
    )
  }
  if (rule.operations) {
    return rule.operations.map((id) => {
      const operation = operations[id]
      return METHOD[operation.method](joinUrl(baseUrl, operation.path), (info) => resolve(info, id))
    })
  }
  return ['/v1/*', '/v2/*'].map((prefix) => http.all(joinUrl(baseUrl, prefix), (info) => resolve(info, undefined)))
}
