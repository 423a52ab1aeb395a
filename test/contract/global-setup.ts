import { randomBytes, randomUUID } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { startHeymarketServer } from '../../src/server/index.js'
import type { ContractTarget } from './target.js'

/**
 * Decides what the contract suite runs against.
 *
 * - Nothing set: a heymarket-mock server on 127.0.0.1 with strict auth and an API secret made up for this run, so
 *   the suite signs real JWTs exactly as it would for the service. The mock is disposable: writing cases run too.
 * - `HEYMARKET_CONTRACT_SESSION=<name>`: the same server, with the suite pointed at the session's base URL
 *   (`<server>/sessions/<name>`) and nothing else changed: a session is a whole mock of its own.
 * - `HEYMARKET_BASE_URL` set: that server, with `HEYMARKET_SECRET_ID` + `HEYMARKET_SECRET_KEY` (or
 *   `HEYMARKET_API_KEY`). Read-only unless `HEYMARKET_CONTRACT_WRITE=1`, which also needs a dedicated test inbox
 *   (`HEYMARKET_TEST_INBOX_ID`) and a phone number that may receive test texts (`HEYMARKET_TEST_PHONE`).
 */
export default async function setup(project: TestProject) {
  const env = process.env
  if (env.HEYMARKET_BASE_URL) {
    project.provide('contract', externalTarget(env))
    return undefined
  }
  const secret = { id: randomUUID(), key: randomBytes(24).toString('base64url').slice(0, 32) }
  const server = await startHeymarketServer({
    port: 0,
    seed: 1,
    auth: { mode: 'strict', secrets: [secret] },
    validateResponses: true,
    control: false,
  })
  // The ids the writing cases use come from the mock the suite talks to (a session starts as the server did).
  const inboxes = (env.HEYMARKET_CONTRACT_SESSION ? await server.session(env.HEYMARKET_CONTRACT_SESSION) : server.mock).db.inbox.findMany().sort((a, b) => a.id - b.id)
  const target: ContractTarget = {
    kind: 'heymarket-mock',
    baseUrl: env.HEYMARKET_CONTRACT_SESSION ? `${server.url}/sessions/${env.HEYMARKET_CONTRACT_SESSION}` : server.url,
    credentials: { secretId: secret.id, secretKey: secret.key },
    maxPages: 1000,
    write: {
      inboxId: inboxes[0]!.id,
      phone: '14155550199',
      ...(inboxes[1] ? { transferInboxId: inboxes[1].id } : {}),
    },
  }
  project.provide('contract', target)
  return async () => {
    const session = env.HEYMARKET_CONTRACT_SESSION
    if (session) {
      // Proof that the suite ran against the session: it got the requests, and the default session none.
      const sessions = server.sessions.list()
      const used = sessions.find((item) => item.name === session)?.requests ?? 0
      const stray = sessions.find((item) => item.name === 'default')!.requests
      if (used === 0 || stray !== 0) throw new Error(`The contract suite was to run against session ${session}: it got ${used} requests, the default session ${stray}.`)
    }
    await server.close()
  }
}

function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name]
  if (!value) throw new Error(`The contract suite cannot run against ${env.HEYMARKET_BASE_URL}: ${name} is not set (${why}).`)
  return value
}

function integerFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name]
  if (value === undefined || value === '') return undefined
  if (!/^\d+$/.test(value)) throw new Error(`The contract suite needs ${name} to be a whole number, got ${JSON.stringify(value)}.`)
  return Number(value)
}

function externalTarget(env: NodeJS.ProcessEnv): ContractTarget {
  const baseUrl = env.HEYMARKET_BASE_URL!.replace(/\/+$/, '')
  const credentials = env.HEYMARKET_API_KEY
    ? { apiKey: env.HEYMARKET_API_KEY }
    : {
        secretId: required(env, 'HEYMARKET_SECRET_ID', 'or HEYMARKET_API_KEY: the suite signs a JWT with the API secret for every request'),
        secretKey: required(env, 'HEYMARKET_SECRET_KEY', 'the key of the API secret named by HEYMARKET_SECRET_ID'),
      }
  const userId = integerFrom(env, 'HEYMARKET_TEST_USER_ID')
  const target: ContractTarget = {
    kind: 'external',
    baseUrl,
    credentials,
    maxPages: integerFrom(env, 'HEYMARKET_CONTRACT_MAX_PAGES') ?? 20,
    ...(userId !== undefined ? { userId } : {}),
  }
  const readOnlyInbox = integerFrom(env, 'HEYMARKET_TEST_INBOX_ID')
  if (readOnlyInbox !== undefined) target.inboxId = readOnlyInbox
  if (env.HEYMARKET_CONTRACT_WRITE === '1') {
    const transferInboxId = integerFrom(env, 'HEYMARKET_TEST_TRANSFER_INBOX_ID')
    if (readOnlyInbox === undefined) required(env, 'HEYMARKET_TEST_INBOX_ID', 'writing cases run only in a dedicated test inbox')
    target.write = {
      inboxId: readOnlyInbox!,
      phone: required(env, 'HEYMARKET_TEST_PHONE', 'writing cases send real texts to this number: use one your team owns').replace(/^\+/, ''),
      ...(transferInboxId !== undefined ? { transferInboxId } : {}),
    }
  }
  return target
}
