// Run by test/hidden-class-links.test.ts as `node --allow-natives-syntax`: V8's own test functions tell whether
// objects built the same way still share a hidden class, which no JavaScript API can.
import { register } from 'tsx/esm/api'

register()
const { createHeymarketMock } = await import('../../src/core/index.ts')
const groups = Number(process.argv[2])
const headers = { Authorization: 'Bearer t', 'Content-Type': 'application/json' }

/** Two objects given the same new property name: they share a hidden class unless V8 could not link one from `{}`. */
function freshNamesShareClasses() {
  const name = `probe_${Math.random().toString(36).slice(2)}`
  const a = {}
  a[name] = 1
  const b = {}
  b[name] = 2
  return %HaveSameMap(a, b)
}

const mock = createHeymarketMock({ seed: 1, size: { conversations: 5 } })
await mock.ready
const inbox = mock.db.inbox.findMany()[0]
for (let i = 0; i < groups; i++) {
  const targets = [`1555${String(i).padStart(7, '0')}`, `1666${String(i).padStart(7, '0')}`]
  const response = await mock.fetch(
    new Request('https://api.heymarket.com/v1/message/send', { method: 'POST', headers, body: JSON.stringify({ inbox_id: inbox.id, creator_id: inbox.members[0], targets, text: 'Hi all' }) }),
  )
  if (response.status !== 200) throw new Error(`send ${i}: ${response.status} ${await response.text()}`)
}
const afterSends = freshNamesShareClasses()
// The conversations as the API answers them (views of the stored maps): the documented walk, the last item's
// `updated` as the next page's `date`, until an empty page.
const seen = new Set()
let date
for (;;) {
  const body = { id: inbox.members[0], filters: { inboxes: [inbox.id] }, limit: 100, ...(date ? { date } : {}) }
  const page = await (await mock.fetch(new Request('https://api.heymarket.com/v1/conversations', { method: 'POST', headers, body: JSON.stringify(body) }))).json()
  if (page.length === 0) break
  for (const conversation of page) if (conversation.targets) seen.add(conversation.id)
  date = page[page.length - 1].updated
}
const listed = seen.size
const afterViews = freshNamesShareClasses()
const dataset = await mock.exportDataset()
const loaded = createHeymarketMock({ dataset })
await loaded.ready
const afterLoad = freshNamesShareClasses()
const stored = loaded.db.conversation.findMany().find((conversation) => conversation.targets)
console.log(JSON.stringify({ afterSends, afterViews, afterLoad, listed, storedKeys: Object.keys(stored.targets), storedIsDictionary: !%HasFastProperties(stored.targets), groupConversations: loaded.db.conversation.findMany().filter((c) => c.targets).length }))
