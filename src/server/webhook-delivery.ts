import type { WebhookEvent } from '../rules/events.js'

export type WebhookDeliveryOptions = {
  /** Pauses before each retry, in milliseconds (default 500, 2000, 8000: three retries). */
  retryDelaysMs?: number[]
  /** Time allowed for one delivery attempt (default 5 s). */
  timeoutMs?: number
}

/**
 * Posts webhook events to a URL, one at a time and in order, as the service does: JSON body, retried with
 * growing pauses while the receiver fails or answers non-2xx, then dropped with a warning. Never blocks the
 * mock: requests do not wait for deliveries.
 */
export function createWebhookDelivery(url: string, options: WebhookDeliveryOptions = {}) {
  const target = new URL(url)
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`Failed to set up webhook delivery: ${url} is not an http(s) URL. Please pass one such as http://127.0.0.1:3000/hooks.`)
  }
  const delays = options.retryDelaysMs ?? [500, 2000, 8000]
  const timeoutMs = options.timeoutMs ?? 5000
  let chain: Promise<void> = Promise.resolve()
  let pending = 0
  const stats = { delivered: 0, dropped: 0 }

  async function post(event: WebhookEvent, headers: Record<string, string>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let problem: string
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'User-Agent': 'heymarket-mock-webhooks', ...headers },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(timeoutMs),
        })
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) {
          stats.delivered++
          return
        }
        problem = `answered ${response.status}`
      } catch (error) {
        problem = (error as Error).message
      }
      const delay = delays[attempt]
      if (delay === undefined) {
        stats.dropped++
        console.warn(`[heymarket-mock] Dropped a "${event.type}" webhook to ${url} after ${attempt + 1} attempts: the receiver ${problem}.`)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }

  return {
    /** Queues an event for delivery, with extra request headers (the session it happened in). */
    deliver(event: WebhookEvent, headers: Record<string, string> = {}): void {
      pending++
      chain = chain.then(() => post(event, headers)).finally(() => void pending--)
    },
    /** Resolves when every queued event was delivered or dropped (or after `timeoutMs`). */
    async flush(timeoutMs = 10_000): Promise<void> {
      await Promise.race([chain, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())])
    },
    get pending() {
      return pending
    },
    stats,
  }
}
