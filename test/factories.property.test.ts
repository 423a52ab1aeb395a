/**
 * Whatever the factories build satisfies the invariants seeded data does: the last message agrees with
 * `updated`, `last_msg`, `replied`, `last_inbound` and the read state; the contact and the inbox exist; the
 * members are the inbox's. Checked over random sequences of factory calls, and (as a control) over seeded data.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock, type ConversationTrait, type HeymarketMock } from '../src/core/index.js'
import { TEST_CLOCK } from '../src/core/index.js'

function violations(mock: HeymarketMock): string[] {
  const problems: string[] = []
  for (const conversation of mock.db.conversation.findMany()) {
    const where = `conversation ${conversation.id}`
    const inbox = mock.db.inbox.findFirst((q) => q.where({ id: conversation.inbox }))
    if (!inbox) {
      problems.push(`${where}: inbox ${conversation.inbox} is missing`)
      continue
    }
    const messages = mock.db.message.findMany((q) => q.where({ conversation_id: conversation.id })).sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.id - b.id)
    const visible = messages.filter((message) => !message.hidden)
    const last = visible.at(-1)
    const lastShown = visible.filter((message) => message.type !== 'private').at(-1)
    if (last && Date.parse(conversation.updated) < Date.parse(last.date)) problems.push(`${where}: updated ${conversation.updated} is before its last message ${last.date}`)
    if (last && conversation.status === 'open' && conversation.updated !== last.date && !conversation.snooze_till) {
      // an open conversation was last moved by its last message (reassigning before the messages, reading after)
      problems.push(`${where}: open, but updated ${conversation.updated} is not its last message's date ${last.date}`)
    }
    const preview = lastShown ? lastShown.text || (lastShown.media ? '[media]' : '') : ''
    if (conversation.last_msg !== preview) problems.push(`${where}: last_msg ${JSON.stringify(conversation.last_msg)} is not ${JSON.stringify(preview)}`)
    if (conversation.replied !== messages.some((message) => message.type === 'outbound')) problems.push(`${where}: replied is ${conversation.replied}`)
    const lastInbound = visible.filter((message) => message.type === 'inbound').at(-1)
    const expectedInbound = lastInbound ? Math.floor(Date.parse(lastInbound.date) / 1000) : 0
    if (conversation.last_inbound !== expectedInbound) problems.push(`${where}: last_inbound ${conversation.last_inbound} is not ${expectedInbound}`)
    for (const id of conversation.unread_users) if (!inbox.members.includes(id)) problems.push(`${where}: unread for ${id}, who is not in inbox ${inbox.id}`)
    if (!lastInbound && conversation.unread_users.length > 0) problems.push(`${where}: unread without a customer message`)
    if (last?.type === 'outbound' && last.user && conversation.unread_users.includes(last.user)) problems.push(`${where}: unread for ${last.user}, who wrote the last message`)
    for (const member of conversation.members) if (!inbox.members.includes(member.id)) problems.push(`${where}: member ${member.id} is not in inbox ${inbox.id}`)
    if (conversation.assigned && !inbox.members.includes(conversation.assigned)) problems.push(`${where}: assigned to ${conversation.assigned}, not in inbox ${inbox.id}`)
    // Seeded conversations may be with numbers not in the address book; built ones never are.
    if (conversation.channel === 'sms' && !conversation.targets && !seededIds.has(conversation.id) && !mock.db.contact.findFirst((q) => q.where({ phone: conversation.target }))) {
      problems.push(`${where}: no contact has its number ${conversation.target}`)
    }
  }
  return problems
}

const seededIds = new Set<number>()
const traitSets: ConversationTrait[][] = [[], ['closed'], ['unread'], ['read'], ['closed', 'unread'], ['closed', 'read'], ['snoozed'], ['muted', 'unread'], ['open', 'read']]

type Call =
  | { kind: 'conversation'; traits: ConversationTrait[]; messages: number; assign: boolean }
  | { kind: 'group'; traits: ConversationTrait[]; messages: number; participants: number }
  | { kind: 'email'; traits: ConversationTrait[]; messages: number }
  | { kind: 'message'; type: 'inbound' | 'outbound' | 'private' }

const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ kind: fc.constant('conversation' as const), traits: fc.constantFrom(...traitSets), messages: fc.integer({ min: 1, max: 6 }), assign: fc.boolean() }),
  fc.record({ kind: fc.constant('group' as const), traits: fc.constantFrom(...traitSets.filter((t) => !t.includes('unread'))), messages: fc.integer({ min: 1, max: 4 }), participants: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ kind: fc.constant('email' as const), traits: fc.constantFrom(...traitSets.filter((t) => !t.includes('unread'))), messages: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('message' as const), type: fc.constantFrom('inbound' as const, 'outbound' as const, 'private' as const) }),
)

describe('factories keep the seeded invariants', () => {
  it('seeded data satisfies the invariants the property checks (the control)', async () => {
    const mock = createHeymarketMock({ seed: 21, size: { conversations: 60 }, clock: TEST_CLOCK })
    await mock.ready
    for (const conversation of mock.db.conversation.findMany()) seededIds.add(conversation.id)
    // Seeded open conversations can be snoozed, or their history can end in notes; only the rules above apply.
    expect(violations(mock).filter((problem) => !problem.includes('open, but updated'))).toEqual([])
    // and the check does see a broken record
    const victim = mock.db.conversation.findFirst((q) => q.where({ status: 'closed' }))!
    await mock.db.conversation.update((q) => q.where({ id: victim.id }), { data: (draft) => void (draft.last_msg = 'not the last message') })
    expect(violations(mock)).toContain(`conversation ${victim.id}: last_msg "not the last message" is not ${JSON.stringify(mock.db.message.findMany((q) => q.where({ conversation_id: victim.id })).sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.id - b.id).filter((m) => !m.hidden && m.type !== 'private').at(-1)?.text ?? '')}`)
  })

  it('over random factory calls', async () => {
    const mock = createHeymarketMock({ seed: 21, size: { conversations: 5 }, clock: TEST_CLOCK })
    await mock.ready
    for (const conversation of mock.db.conversation.findMany()) seededIds.add(conversation.id)
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), async (calls) => {
        await mock.reset()
        const inbox = mock.db.inbox.findMany().sort((a, b) => a.id - b.id).find((candidate) => candidate.members.length > 1)!
        const built: number[] = []
        for (const step of calls) {
          if (step.kind === 'conversation') {
            built.push((await mock.build.conversation({ inbox: inbox.id, traits: step.traits, messages: step.messages, ...(step.assign ? { assignedTo: inbox.members[1]! } : {}) })).conversation.id)
          } else if (step.kind === 'group') {
            built.push((await mock.build.groupConversation({ inbox: inbox.id, traits: step.traits, messages: step.messages, participants: step.participants })).conversation.id)
          } else if (step.kind === 'email') {
            built.push((await mock.build.emailThread({ inbox: inbox.id, traits: step.traits, messages: step.messages })).conversation.id)
          } else if (built.length > 0) {
            await mock.build.message({ conversation: built.at(-1)!, type: step.type })
          }
        }
        const problems = violations(mock).filter((problem) => built.some((id) => problem.startsWith(`conversation ${id}:`)))
        expect(problems).toEqual([])
      }),
      { numRuns: 60, seed: 14 },
    )
  })
})
