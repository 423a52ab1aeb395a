import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHeymarketServer } from '../../src/server/index.js'

/** A webhook receiver on loopback that fails its first `failures` deliveries with 503. */
async function startReceiver(failures: number) {
  const received: { type: string; id: number; token: string; event_data: Record<string, unknown> }[] = []
  let attempts = 0
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      attempts++
      if (attempts <= failures) {
        response.writeHead(503).end()
        return
      }
      received.push(JSON.parse(body))
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function until(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the standalone server posts webhook events', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let running: Awaited<ReturnType<typeof startHeymarketServer>>
  beforeAll(async () => {
    receiver = await startReceiver(2)
    running = await startHeymarketServer({
      port: 0,
      seed: 5,
      size: { conversations: 20 },
      webhookUrl: receiver.url,
      webhookRetryDelaysMs: [20, 40, 80],
      webhook: { id: 42, token: 'secret-token' },
    })
  })
  afterAll(async () => {
    await running.close()
    await receiver.close()
  })

  it('delivers an inbound message event in the API shape, retrying a failing receiver, in order', async () => {
    const closed = running.mock.db.conversation.findFirst((q) => q.where({ status: 'closed', blocked: false }))!
    const response = await fetch(`${running.url}/__mock/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ conversation_id: closed.id, text: 'Hello from the customer' }),
    })
    expect(response.status).toBe(200)
    await until(() => receiver.received.length >= 2)
    expect(receiver.attempts()).toBe(4)
    expect(receiver.received.map((event) => event.type)).toEqual(['message_recieved', 'chat_opened'])
    const [message] = receiver.received
    expect(message).toMatchObject({ id: 42, token: 'secret-token', event_data: { text: 'Hello from the customer', type: 'inbound', conversation: { id: closed.id, status: 'open' } } })
  })
})
