import { z } from 'zod'
import { createRandom } from '../primitives/random.js'
import { operations, type OperationId } from '../schema/operations.js'

const operationIds = Object.keys(operations) as [OperationId, ...OperationId[]]

/**
 * A fault to inject: extra latency, an error answer, or a network failure, for all endpoints or some, always or
 * with a probability, forever or a number of times. Randomness (probability, latency ranges) comes from the
 * mock's seed, so a run with the same seed fails the same requests.
 *
 * @example mock.faults.add({ operations: ['listConversations'], status: 503, probability: 0.2 })
 * @example mock.faults.add({ latencyMs: [50, 400] })
 * @example mock.faults.add({ network: 'error', times: 1 })
 */
export const faultRuleSchema = z
  .object({
    /** Operation ids it applies to (`listConversations`, `sendMessage`, ...); every endpoint when left out. */
    operations: z.array(z.enum(operationIds)).min(1).optional(),
    /** Added delay in ms: a number, or `[min, max]` for a seeded random delay in that range. */
    latencyMs: z.union([z.number().min(0).max(600_000), z.tuple([z.number().min(0), z.number().min(0).max(600_000)])]).optional(),
    /** Answer with this status instead of the real answer. */
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]).optional(),
    /** `Retry-After` seconds for 429 and 503 (default 30 for 429). */
    retryAfterSeconds: z.int().min(0).max(86_400).optional(),
    /** Fail below HTTP: `'error'` (the connection drops; fetch rejects) or `'hang'` (no answer until the client gives up). */
    network: z.enum(['error', 'hang']).optional(),
    /** Chance that it applies to a matching request (default 1). */
    probability: z.number().min(0).max(1).optional(),
    /** Applies to this many matching requests, then removes itself. */
    times: z.int().min(1).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.status !== undefined && rule.network !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['network'], message: 'cannot be combined with "status": a request fails one way' })
    }
    if (rule.latencyMs === undefined && rule.status === undefined && rule.network === undefined) {
      ctx.addIssue({ code: 'custom', path: ['latencyMs'], message: 'is required (or status, or network): a fault needs an effect' })
    }
    if (Array.isArray(rule.latencyMs) && rule.latencyMs[0] > rule.latencyMs[1]) {
      ctx.addIssue({ code: 'custom', path: ['latencyMs'], message: 'must be [min, max] with min <= max' })
    }
  })
export type FaultRule = z.input<typeof faultRuleSchema>

export type ActiveFault = FaultRule & { id: number; applied: number }

/** What happens to one request. */
export type FaultDecision = {
  latencyMs: number
  failure?: { status: 429 | 500 | 502 | 503; retryAfterSeconds?: number } | { network: 'error' | 'hang' }
}

/** The faults of one mock: rules, and the seeded randomness that decides them. */
export function createFaults(seed: number) {
  let rules: ActiveFault[] = []
  let nextId = 1
  let random = createRandom(seed ^ 0xfa17)
  return {
    add(rule: FaultRule): number {
      const checked = faultRuleSchema.parse(rule)
      const id = nextId++
      rules.push({ ...checked, id, applied: 0 })
      return id
    },
    remove(id: number): boolean {
      const before = rules.length
      rules = rules.filter((rule) => rule.id !== id)
      return rules.length < before
    },
    clear(): void {
      rules = []
    },
    list(): ActiveFault[] {
      return rules.map((rule) => ({ ...rule }))
    },
    /** Back to no faults and the seed's first random number (`mock.reset()`). */
    reset(): void {
      rules = []
      nextId = 1
      random = createRandom(seed ^ 0xfa17)
    },
    /** Decides what the faults do to a request to this operation (undefined: nothing). */
    decide(operationId: string | undefined): FaultDecision | undefined {
      if (rules.length === 0) return undefined
      let latencyMs = 0
      let failure: FaultDecision['failure']
      let matched = false
      for (const rule of [...rules]) {
        if (rule.operations && (!operationId || !rule.operations.includes(operationId as OperationId))) continue
        if (rule.probability !== undefined && random.next() >= rule.probability) continue
        matched = true
        if (rule.latencyMs !== undefined) {
          latencyMs += Array.isArray(rule.latencyMs) ? rule.latencyMs[0] + random.next() * (rule.latencyMs[1] - rule.latencyMs[0]) : rule.latencyMs
        }
        if (!failure && rule.status !== undefined) {
          const retryAfterSeconds = rule.retryAfterSeconds ?? (rule.status === 429 ? 30 : undefined)
          failure = { status: rule.status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) }
        }
        if (!failure && rule.network !== undefined) failure = { network: rule.network }
        rule.applied++
        if (rule.times !== undefined && rule.applied >= rule.times) rules = rules.filter((other) => other.id !== rule.id)
      }
      return matched ? { latencyMs: Math.round(latencyMs), ...(failure ? { failure } : {}) } : undefined
    },
  }
}

export type Faults = ReturnType<typeof createFaults>

/** Waits, unless the request is aborted first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

/** Never answers: resolves only when the client gives up on the request (its signal aborts). */
export function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}
