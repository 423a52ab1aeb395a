import { createHeymarketMock } from '../../src/core/index.js'
import { compare, type MeasureOptions } from './measure.js'

/**
 * What `validateResponses` costs: the same requests to two mocks built from the same seed, one checking every
 * answer against its schema. The cost is per answer (a page of 30 conversations, one conversation), not per stored
 * record, so a small store shows it as well as a large one.
 */
export async function benchResponseValidation(options: MeasureOptions) {
  const mocks = {
    plain: createHeymarketMock({ seed: 1, size: { conversations: 1000 }, validateResponses: false }),
    validated: createHeymarketMock({ seed: 1, size: { conversations: 1000 }, validateResponses: true }),
  }
  await Promise.all([mocks.plain.ready, mocks.validated.ready])
  const ids = mocks.plain.db.conversation.findMany().map((conversation) => conversation.id)
  const headers = { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }
  const list = (mock: typeof mocks.plain) => async () => {
    const response = await mock.fetch('/v1/conversations', { method: 'POST', headers, body: '{"id":0,"filters":{},"limit":30}' })
    if (response.status !== 200) throw new Error(`list answered ${response.status}`)
    await response.arrayBuffer()
  }
  let next = 0
  const get = (mock: typeof mocks.plain) => async () => {
    const response = await mock.fetch(`/v1/conversations/${ids[next++ % ids.length]}`, { headers })
    if (response.status !== 200) throw new Error(`get answered ${response.status}`)
    await response.arrayBuffer()
  }
  return {
    list: await compare({ plain: list(mocks.plain), validated: list(mocks.validated) }, options),
    get: await compare({ plain: get(mocks.plain), validated: get(mocks.validated) }, options),
  }
}
