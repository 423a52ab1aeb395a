import { base, en, en_US, Faker } from '@faker-js/faker'
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '../store/dataset.js'
import { keyedMapOf } from '../store/compact-record.js'
import type {
  ContactFieldRecord,
  ContactRecord,
  ConversationRecord,
  InboxRecord,
  ListRecord,
  MessageRecord,
  ScheduledRecord,
  SurveyRecord,
  TagRecord,
  TeamRecord,
  TemplateRecord,
  UserRecord,
} from '../store/records.js'
import { formatTimestamp, toUnixSeconds, type Micros } from '../primitives/timestamps.js'
import {
  AREA_CODES,
  BUSINESS_KINDS,
  CONTACT_FIELDS,
  FOLLOW_UPS,
  GROUP_SCRIPTS,
  INBOUND_SCRIPTS,
  INBOX_NAMES,
  ITEMS,
  OUTBOUND_SCRIPTS,
  PRIVATE_NOTES,
  TAGS,
  TEMPLATES,
  type Script,
  type ScriptLine,
} from './scripts.js'
import { CUSTOMER_CLOSERS, CUSTOMER_OPENERS, INDUSTRIES, TEAM_SIGNATURES } from './industry-scripts.js'

/** How much data a seed produces. */
export type SeedSize = {
  inboxes?: number
  users?: number
  /** Contacts in the address book; by default a little more than the conversations need. */
  contacts?: number
  conversations?: number
  /** Messages per conversation, inclusive range. */
  messagesPerConversation?: { min: number; max: number }
  /** How far back the history goes, in days. */
  historyDays?: number
}

export type GenerateOptions = {
  seed: number
  /** The instant the history leads up to (microseconds). */
  anchor: Micros
  size?: SeedSize
  name?: string
}

export const DEFAULT_SEED_SIZE: Required<Omit<SeedSize, 'contacts'>> = {
  inboxes: 3,
  users: 6,
  conversations: 200,
  messagesPerConversation: { min: 1, max: 12 },
  historyDays: 120,
}

const MINUTE = 60_000_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function checkSize(size: Required<SeedSize>): void {
  const problems: string[] = []
  const wholeAtLeast = (value: number, min: number, name: string) => {
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be an integer of at least ${min}, got ${value}`)
  }
  wholeAtLeast(size.inboxes, 1, 'size.inboxes')
  wholeAtLeast(size.users, 1, 'size.users')
  wholeAtLeast(size.contacts, 0, 'size.contacts')
  wholeAtLeast(size.conversations, 0, 'size.conversations')
  wholeAtLeast(size.messagesPerConversation.min, 1, 'size.messagesPerConversation.min')
  wholeAtLeast(size.messagesPerConversation.max, size.messagesPerConversation.min, 'size.messagesPerConversation.max')
  wholeAtLeast(size.historyDays, 1, 'size.historyDays')
  if (problems.length > 0) throw new RangeError(`Failed to seed the mock: ${problems.join('; ')}. Please fix the size option.`)
}

/**
 * Generates a whole team's worth of data from a seed: inboxes with phone numbers, team members spread over
 * them, contacts with US numbers, and conversations over the last months whose message history agrees with
 * their state (`updated`, `replied`, `last_inbound`, read/unread). The same seed and options give the same
 * dataset, byte for byte, in any process.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const faker = new Faker({ locale: [en_US, en, base], seed: options.seed })
  const requested = options.size ?? {}
  const conversationCount = requested.conversations ?? DEFAULT_SEED_SIZE.conversations
  const size: Required<SeedSize> = {
    ...DEFAULT_SEED_SIZE,
    ...requested,
    contacts: requested.contacts ?? Math.ceil(conversationCount * 0.9) + 10,
  }
  checkSize(size)
  const anchor = options.anchor
  const pick = <T>(items: readonly T[]): T => faker.helpers.arrayElement(items as T[])
  const chance = (probability: number) => faker.number.float({ min: 0, max: 1 }) < probability
  const between = (min: number, max: number) => faker.number.int({ min, max })
  const usedPhones = new Set<string>()

  const phoneNumber = (): string => {
    for (;;) {
      const exchange = between(200, 999)
      if (exchange === 555 || exchange % 100 === 11) continue
      const phone = `1${pick(AREA_CODES)}${exchange}${String(between(0, 9999)).padStart(4, '0')}`
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone)
        return phone
      }
    }
  }

  // Team and members
  const city = faker.location.city()
  const businessKind = pick(BUSINESS_KINDS)
  const teamName = `${city} ${businessKind}`
  const industry = INDUSTRIES[businessKind]
  const domain = `${teamName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`
  const team: TeamRecord = { id: between(7001, 7999), name: teamName, list_size: 10_000 }
  const firstUserId = between(10001, 19000)
  const users: UserRecord[] = []
  for (let i = 0; i < size.users; i++) {
    const first = faker.person.firstName()
    const last = faker.person.lastName()
    users.push({
      id: firstUserId + i,
      name: `${first} ${last}`,
      role: i === 0 ? 'owner' : i <= Math.max(1, Math.floor(size.users / 5)) ? 'admin' : 'member',
      email: `${first}.${last}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      phone: '',
      // Joined the team before the history starts, a week apart (arithmetic only: no draw from the random
      // sequence, so everything generated after the users stays as it was).
      created_at: formatTimestamp(anchor - (size.historyDays + 200 - i * 7) * DAY),
      updated_at: formatTimestamp(anchor - (size.historyDays + 200 - i * 7) * DAY),
    })
  }

  // Inboxes: the owner is in all of them; everyone else in one to three; each has at least two members
  const firstInboxId = between(2001, 2900)
  const inboxNames = faker.helpers.shuffle([...INBOX_NAMES])
  const inboxes: InboxRecord[] = []
  for (let i = 0; i < size.inboxes; i++) {
    const phone = phoneNumber()
    const name = inboxNames[i % inboxNames.length]! + (i >= inboxNames.length ? ` ${Math.floor(i / inboxNames.length) + 1}` : '')
    inboxes.push({
      id: firstInboxId + i,
      name,
      team: team.id,
      members: [users[0]!.id],
      phones: chance(0.2) ? [phone, phoneNumber()] : [phone],
      phone,
      auto_assignable: chance(0.4),
      forward_number: chance(0.3) ? phoneNumber() : null,
      widget_code: faker.string.alphanumeric(12),
      widget_settings: {
        background_color: '#ffffff',
        button_color: faker.color.rgb(),
        fab_background_color: faker.color.rgb(),
        fab_text_color: '#ffffff',
        message: `Text ${teamName} ${name}`,
        name,
        phone,
        position: between(0, 1),
        preview_enabled: chance(0.5),
        title_background_color: faker.color.rgb(),
        title_text_color: '#ffffff',
        tos: '',
      },
      allowed_domains: [domain],
      invited: false,
      bco_chats: false,
      op: 'update',
      rev: between(1, 40),
    })
  }
  for (const user of users.slice(1)) {
    const count = Math.min(inboxes.length, between(1, 3))
    for (const inbox of faker.helpers.arrayElements(inboxes, count)) inbox.members.push(user.id)
  }
  for (const inbox of inboxes) {
    for (const user of users) {
      if (inbox.members.length >= Math.min(2, users.length)) break
      if (!inbox.members.includes(user.id)) inbox.members.push(user.id)
    }
    inbox.members.sort((a, b) => a - b)
  }

  // Contacts
  const historyStart = anchor - size.historyDays * DAY
  const randomInstant = (from: Micros, to: Micros): Micros =>
    from >= to ? from : from + Math.floor(faker.number.float({ min: 0, max: 1 }) * (to - from))
  type Person = ContactRecord & { createdMicros: Micros }
  const firstContactId = between(500001, 900000)
  const contacts: Person[] = []
  for (let i = 0; i < size.contacts; i++) {
    const first = faker.person.firstName()
    const last = faker.person.lastName()
    const createdMicros = randomInstant(historyStart - 180 * DAY, anchor - HOUR)
    const created = formatTimestamp(createdMicros)
    const optedOut = chance(0.03)
    contacts.push({
      id: firstContactId + i,
      display_name: `${first} ${last}`,
      first,
      last,
      email: chance(0.6) ? faker.internet.email({ firstName: first, lastName: last, provider: 'example.net' }).toLowerCase() : '',
      phone: phoneNumber(),
      custom: {},
      team_id: team.id,
      creator_id: pick(users).id,
      shared: true,
      created,
      updated: created,
      rev: 1,
      op: 'create',
      assigned_user_id: chance(0.3) ? pick(users).id : 0,
      tags: [],
      is_opted_out: optedOut,
      avatar: '',
      uuid: '',
      blocked: !optedOut && chance(0.02),
      opted_out_by: optedOut ? (chance(0.8) ? 'contact' : 'admin') : '',
      createdMicros,
    })
  }

  // Conversations with their messages
  type Draft = {
    conversation: Omit<ConversationRecord, 'id'>
    messages: Omit<MessageRecord, 'id' | 'conversation_id'>[]
    messageTimes: Micros[]
    createdMicros: Micros
  }
  const drafts: Draft[] = []
  const taken = new Set<string>()
  const agentsOf = new Map(inboxes.map((inbox) => [inbox.id, users.filter((user) => inbox.members.includes(user.id))]))
  const inboxWeights = inboxes.map((inbox, i) => ({ value: inbox, weight: Math.max(1, inboxes.length * 2 - i * 2) }))

  while (drafts.length < size.conversations) {
    const inbox = faker.helpers.weightedArrayElement(inboxWeights)
    const agents = agentsOf.get(inbox.id)!
    const kindRoll = faker.number.float({ min: 0, max: 1 })
    const channel: ConversationRecord['channel'] = kindRoll < 0.03 && contacts.length >= 3 ? 'mms' : kindRoll < 0.07 ? 'email' : 'sms'

    // Who the conversation is with: a contact not yet talking to this inbox, or an unknown number
    let contact: Person | undefined
    let target = ''
    let targets: ConversationRecord['targets']
    if (channel === 'mms') {
      const group = faker.helpers.arrayElements(contacts, between(2, 3))
      // A map keyed by phone numbers, made as the store keeps one (see store/compact-record.ts).
      targets = keyedMapOf([...group].sort((a, b) => (a.phone < b.phone ? -1 : 1)).map((person) => [person.phone, { f: person.first, l: person.last }] as const))
      target = Object.keys(targets).join(',')
    } else {
      for (let attempt = 0; attempt < 8 && !target; attempt++) {
        const candidate = contacts.length > 0 && chance(0.92) ? pick(contacts) : undefined
        const address = channel === 'email' ? candidate?.email : candidate?.phone
        if (candidate && address && !taken.has(`${inbox.id}|${address}`)) {
          contact = candidate
          target = address
        }
      }
      if (!target) target = channel === 'email' ? faker.internet.email({ provider: 'example.org' }).toLowerCase() : phoneNumber()
    }
    if (taken.has(`${inbox.id}|${target}`)) continue
    taken.add(`${inbox.id}|${target}`)

    const teamStarted = channel === 'mms' || chance(0.25)
    // Half of the one-to-one conversations are about what this kind of business does (its own scripts)
    const industryScripts = (industry?.scripts ?? []).filter((candidate) => (candidate.lines[0]![0] === 'out') === teamStarted)
    const script: Script =
      channel === 'mms' ? pick(GROUP_SCRIPTS) : industryScripts.length > 0 && chance(0.5) ? pick(industryScripts) : pick(teamStarted ? OUTBOUND_SCRIPTS : INBOUND_SCRIPTS)
    const wanted = between(size.messagesPerConversation.min, size.messagesPerConversation.max)
    const lines: ScriptLine[] = script.lines.slice(0, wanted)
    while (lines.length < wanted) lines.push(pick(FOLLOW_UPS))

    const assignee = agents.length > 0 && chance(0.65) ? pick(agents) : undefined
    const responder = assignee ?? pick(agents)
    const slotDay = faker.date.weekday()
    const hour = between(8, 16)
    const clockTime = (h: number, minutes: string) => `${h > 12 ? h - 12 : h}:${minutes}${h >= 12 ? 'pm' : 'am'}`
    const values: Record<string, string> = {
      first: contact?.first ?? (targets ? 'everyone' : 'there'),
      agent: responder.name.split(' ')[0]!,
      team: teamName,
      day: slotDay,
      time: clockTime(hour, '00'),
      time2: clockTime(hour + 1, '30'),
      order: `#${between(10000, 99999)}`,
      amount: `$${between(20, 900)}.${String(between(0, 99)).padStart(2, '0')}`,
      item: pick(industry?.items ?? ITEMS),
      address: faker.location.streetAddress(),
    }
    const fill = (text: string | readonly string[]) =>
      (typeof text === 'string' ? text : pick(text)).replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder)
    /** A line as someone texts it: now and then a greeting or thanks around a customer's, a signature after the team's. */
    const say = (direction: 'in' | 'out', text: string | readonly string[]) => {
      let said = fill(text)
      if (direction === 'in') {
        if (chance(0.22)) said = fill(pick(CUSTOMER_OPENERS)) + (/^[A-Z][a-z]/.test(said) ? said[0]!.toLowerCase() + said.slice(1) : said)
        if (chance(0.2)) said += fill(pick(CUSTOMER_CLOSERS))
      } else if (chance(0.18)) said += fill(pick(TEAM_SIGNATURES))
      return said
    }

    // What happens, in order: script lines, and now and then an internal note after a customer message
    type Step = { kind: 'in' | 'out' | 'note'; text: string; sender?: UserRecord }
    const steps: Step[] = []
    lines.forEach(([direction, text], i) => {
      steps.push({ kind: direction, text: say(direction, text), ...(direction === 'out' ? { sender: responder } : {}) })
      if (direction === 'in' && i < lines.length - 1 && chance(0.05)) steps.push({ kind: 'note', text: pick(PRIVATE_NOTES), sender: pick(agents) })
    })

    // Timeline: a start skewed towards recent days, then realistic gaps, squeezed to end before the anchor
    const skew = faker.number.float({ min: 0, max: 1 })
    // u^1.5, written with sqrt: unlike Math.pow, sqrt is exactly rounded everywhere, so every JS engine gives the same bytes
    const age = size.historyDays * DAY * skew * Math.sqrt(skew)
    const start = Math.max(historyStart, anchor - Math.floor(age) - between(1, 59) * MINUTE) + between(0, 999_999)
    const gaps = steps.map((step, i) => {
      if (i === 0) return 0
      if (step.kind === 'note') return between(1, 20) * MINUTE
      const previous = steps[i - 1]!.kind
      if (previous === step.kind) return between(10, 240) * 1_000_000
      return step.kind === 'out' ? between(1, 90) * MINUTE : between(2, 600) * MINUTE + (chance(0.1) ? between(1, 3) * DAY : 0)
    })
    const span = gaps.reduce((sum, gap) => sum + gap, 0)
    // A history that would run past the anchor is squeezed to end somewhere before it (not all at one instant)
    const room = anchor - MINUTE - start - steps.length * 1000
    const scale = span > room && span > 0 ? (Math.max(0, room) * faker.number.float({ min: 0.35, max: 1 })) / span : 1
    let at = start
    const messages: Draft['messages'] = []
    const messageTimes: Micros[] = []
    const inboundTimes: Micros[] = []
    const sendTimes = new Map<number, Micros>()
    const participants: UserRecord[] = []
    if (assignee) participants.push(assignee)
    steps.forEach((step, i) => {
      at += Math.floor(gaps[i]! * scale) + (i === 0 ? 0 : between(1, 999))
      const date = formatTimestamp(at)
      const sender = step.sender
      if (sender) {
        sendTimes.set(sender.id, at)
        if (!participants.includes(sender)) participants.push(sender)
      } else inboundTimes.push(at)
      const withMedia = step.kind !== 'note' && chance(0.04)
      messages.push({
        text: step.text,
        media: withMedia ? `https://files.example.com/mms/${faker.string.hexadecimal({ length: 16, prefix: '' }).toLowerCase()}.jpg` : '',
        phone: inbox.phone,
        target,
        type: step.kind === 'in' ? 'inbound' : step.kind === 'out' ? 'outbound' : 'private',
        status: step.kind === 'in' ? 'received' : step.kind === 'note' ? 'sent' : chance(0.02) ? 'failed' : chance(0.85) ? 'delivered' : 'sent',
        date,
        updated: date,
        user: sender?.id ?? 0,
        author: sender?.name ?? contact?.display_name ?? target,
        broadcast_id: 0,
        flagged: false,
        link_url: '',
        local_id: '',
        custom: { type: '', data: [] },
        super: 0,
        support: false,
        channel,
        hidden: false,
        ...(targets ? { targets } : {}),
      })
      messageTimes.push(at)
    })

    // State that agrees with the history
    const lastMessageAt = at
    const lastInbound = inboundTimes.length > 0 ? inboundTimes[inboundTimes.length - 1]! : 0
    const ageOfLast = anchor - lastMessageAt
    const closed = chance(ageOfLast > 7 * DAY ? 0.88 : ageOfLast > DAY ? 0.55 : 0.25)
    const closeGap = between(2, 1440) * MINUTE + between(0, 999_999)
    const closedAt = !closed
      ? 0
      : lastMessageAt + closeGap < anchor
        ? lastMessageAt + closeGap
        : lastMessageAt + 1 + Math.floor((anchor - lastMessageAt - 1) * faker.number.float({ min: 0, max: 1 }))
    const updatedAt = closed ? Math.max(closedAt, lastMessageAt) : lastMessageAt
    const readBy: Record<string, number> = {}
    const unreadUsers: number[] = []
    for (const member of inbox.members) {
      const sentAt = sendTimes.get(member)
      if (sentAt !== undefined && sentAt >= lastInbound) {
        readBy[String(member)] = toUnixSeconds(sentAt)
        continue
      }
      if (lastInbound === 0) continue
      const readChance = closed ? 0.93 : ageOfLast > 3 * DAY ? 0.75 : 0.4
      if (chance(readChance)) {
        const readDelay = Math.min(between(1, 180) * MINUTE, anchor - lastInbound)
        readBy[String(member)] = toUnixSeconds(lastInbound + Math.floor(readDelay * faker.number.float({ min: 0.05, max: 1 })))
      } else {
        unreadUsers.push(member)
        if (inboundTimes.length > 1 && chance(0.5)) readBy[String(member)] = toUnixSeconds(inboundTimes[0]!)
      }
    }
    const lastVisible = [...messages].reverse().find((message) => message.type !== 'private')
    const snoozed = !closed && chance(0.06)
    drafts.push({
      createdMicros: start,
      conversation: {
        channel,
        status: closed ? 'closed' : 'open',
        assigned: assignee?.id ?? 0,
        inbox: inbox.id,
        target,
        members: participants.map((user) => ({ id: user.id, name: user.name })),
        created: messages[0]!.date,
        updated: formatTimestamp(updatedAt),
        replied: messages.some((message) => message.type === 'outbound'),
        blocked: contact?.blocked ?? false,
        muted: chance(0.04),
        snooze_till: snoozed ? formatTimestamp(anchor + between(60, 4 * 24 * 60) * MINUTE) : '',
        creator: teamStarted ? responder.id : 0,
        email_noti: chance(0.1),
        last_inbound: lastInbound === 0 ? 0 : toUnixSeconds(lastInbound),
        local_id: '',
        name: contact?.display_name ?? (targets ? groupName(Object.values(targets)) : ''),
        noreply: '',
        op: 'update',
        super: 0,
        support: false,
        type: 'customer',
        unread_users: unreadUsers.sort((a, b) => a - b),
        last_msg: lastVisible ? lastVisible.text || (lastVisible.media ? '[media]' : '') : '',
        ...(targets ? { targets } : {}),
        read_by: readBy,
      },
      messages,
      messageTimes,
    })
  }

  // Ids follow time, as a real database's would
  drafts.sort((a, b) => a.createdMicros - b.createdMicros)
  const firstConversationId = between(3_000_001, 4_000_000)
  const conversations: ConversationRecord[] = drafts.map((draft, i) => ({ id: firstConversationId + i, ...draft.conversation }))
  const allMessages = drafts.flatMap((draft, i) =>
    draft.messages.map((message, m) => ({ conversationId: conversations[i]!.id, at: draft.messageTimes[m]!, message })),
  )
  allMessages.sort((a, b) => a.at - b.at || a.conversationId - b.conversationId)
  const firstMessageId = between(90_000_001, 95_000_000)
  const messages: MessageRecord[] = allMessages.map(({ conversationId, message }, i) => ({
    id: firstMessageId + i,
    conversation_id: conversationId,
    ...message,
  }))

  // The team's address-book extras, templates, surveys, lists and scheduled sends
  const extras = generateExtras({ faker, pick, chance, between, anchor, historyStart, team, users, inboxes, contacts, randomInstant, phoneNumber })

  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    meta: {
      ...(options.name ? { name: options.name } : {}),
      seed: options.seed,
      generator: { size },
      anchor: formatTimestamp(anchor),
    },
    team,
    users,
    inboxes,
    contacts: contacts.map(({ createdMicros: _createdMicros, ...contact }) => contact),
    conversations,
    messages,
    ...extras,
  }
}

type ExtrasInput = {
  faker: Faker
  pick: <T>(items: readonly T[]) => T
  chance: (probability: number) => boolean
  between: (min: number, max: number) => number
  anchor: Micros
  historyStart: Micros
  team: TeamRecord
  users: UserRecord[]
  inboxes: InboxRecord[]
  contacts: (ContactRecord & { createdMicros: Micros })[]
  randomInstant: (from: Micros, to: Micros) => Micros
  phoneNumber: () => string
}

/** Custom fields, tags, templates, surveys, lists and scheduled messages; fills contacts' uuids, tags and fields. */
function generateExtras(input: ExtrasInput) {
  const { faker, pick, chance, between, anchor, historyStart, team, users, inboxes, contacts, randomInstant } = input
  const at = () => formatTimestamp(randomInstant(historyStart - 90 * DAY, historyStart))
  const owner = users[0]!

  const firstFieldId = between(301, 900)
  const contactFields: ContactFieldRecord[] = CONTACT_FIELDS.map((title, i) => ({ id: firstFieldId + i, title }))
  const firstTagId = between(6001, 6900)
  const tags: TagRecord[] = TAGS.map(([tag, color], i) => {
    const created = at()
    return { id: firstTagId + i, tag, color, team_id: team.id, created, updated: created, rev: 1, uuid: faker.string.uuid() }
  })

  for (const user of users) user.phone = input.phoneNumber()
  for (const contact of contacts) {
    contact.uuid = faker.string.uuid()
    if (chance(0.35)) contact.custom[String(contactFields[0]!.id)] = faker.date.birthdate({ mode: 'age', min: 18, max: 80, refDate: new Date(anchor / 1000) }).toISOString().slice(0, 10)
    if (chance(0.3)) contact.custom[String(contactFields[1]!.id)] = String(between(2012, 2026))
    if (chance(0.25)) contact.tags = faker.helpers.arrayElements(tags, between(1, 2)).map((tag) => ({ tag_id: tag.id }))
  }

  const firstTemplateId = between(40001, 49000)
  const templates: TemplateRecord[] = TEMPLATES.map(([name, text], i) => {
    const created = at()
    return {
      id: firstTemplateId + i,
      name,
      local_id: '',
      content: { text: text.replaceAll('{team}', team.name) },
      team_id: team.id,
      creator_id: pick(users).id,
      shared: true,
      created,
      updated: created,
      rev: between(1, 4),
      archived: i === TEMPLATES.length - 1,
      uuid: faker.string.uuid(),
    }
  })

  const firstSurveyId = between(901, 999)
  const surveyCreated = [at(), at()]
  const surveys: SurveyRecord[] = [
    { id: firstSurveyId, name: 'Net Promoter', type: 'nps', question: `How likely are you to recommend ${team.name} to a friend? Reply 0-10.`, created: surveyCreated[0]!, updated: surveyCreated[0]! },
    { id: firstSurveyId + 1, name: 'Visit satisfaction', type: 'csat', question: 'How satisfied were you with your visit? Reply 1 (not at all) to 5 (very).', created: surveyCreated[1]!, updated: surveyCreated[1]! },
  ]

  const reachable = contacts.filter((contact) => !contact.is_opted_out && !contact.blocked)
  const vipTag = tags[0]!.id
  const firstListId = between(8001, 8900)
  const lists: ListRecord[] = [
    { name: 'Newsletter', members: faker.helpers.arrayElements(reachable, Math.min(reachable.length, between(15, 40))) },
    { name: 'VIP customers', members: reachable.filter((contact) => contact.tags.some((tag) => tag.tag_id === vipTag)) },
  ].map(({ name, members }, i) => {
    const created = at()
    return {
      id: firstListId + i,
      name,
      local_id: faker.string.uuid(),
      contact_ids: members.map((contact) => contact.id).sort((a, b) => a - b),
      team_id: team.id,
      creator_id: owner.id,
      shared: true,
      created,
      updated: created,
      rev: 1,
      archived: false,
      type: 'contacts',
      uuid: faker.string.uuid(),
    }
  })

  // Two sends waiting in the schedule: a reminder to one customer and a broadcast to the newsletter list
  const quarterHour = 15 * MINUTE
  const firstScheduledId = between(70001, 79000)
  const scheduled: ScheduledRecord[] = []
  const inbox = inboxes[0]!
  const customer = reachable[0]
  const created = formatTimestamp(anchor - between(1, 48) * HOUR)
  if (customer) {
    scheduled.push({
      id: firstScheduledId,
      execute: formatTimestamp(Math.ceil((anchor + between(2, 30) * HOUR) / quarterHour) * quarterHour),
      inbox_id: inbox.id,
      local_id: faker.string.uuid(),
      meta: { content: { text: `Hi ${customer.first}, a reminder of your appointment tomorrow. Reply C to confirm.` } },
      op: 'create',
      rev: 1,
      created,
      updated: created,
      user_id: owner.id,
      target: { phone_number: customer.phone },
    })
  }
  if (lists[0]!.contact_ids.length > 0) {
    scheduled.push({
      id: firstScheduledId + 1,
      execute: formatTimestamp(Math.ceil((anchor + between(3, 6) * DAY) / quarterHour) * quarterHour),
      inbox_id: inbox.id,
      local_id: faker.string.uuid(),
      meta: { content: { text: `${team.name} news: new hours starting next month!` }, list_id: lists[0]!.id },
      op: 'create',
      rev: 1,
      created,
      updated: created,
      user_id: owner.id,
      target: { list_id: lists[0]!.id },
    })
  }

  return { templates, tags, lists, surveys, scheduled, contactFields }
}

/**
 * A readable name for a group MMS thread: its people's first names, "Ana, Ben & Cara" (the API reference says
 * nothing of group names; a thread list showing three phone numbers joined by commas helps nobody).
 */
export function groupName(people: readonly { f?: string; l?: string }[]): string {
  const names = people.map((person) => person.f || person.l || '').filter(Boolean)
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} & ${names.at(-1)}`
}
