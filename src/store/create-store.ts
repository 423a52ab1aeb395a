import type { Collection } from '@msw/data'
import { parseTimestamp } from '../timestamps.js'
import { ConversationIndex } from './conversation-index.js'
import type { Dataset } from './dataset.js'
import { GroupIndex, KeyIndex } from './key-index.js'
import {
  createRecordSchemas,
  type ContactRecord,
  type ConversationRecord,
  type InboxRecord,
  type MessageRecord,
  type RecordKind,
  type RecordSchemas,
  type TeamRecord,
  type UserRecord,
} from './records.js'
import { Table } from './table.js'
import { TrackedCollection } from './tracked-collection.js'

/** Where each id sequence starts in an empty store; seeded data continues from its own highest ids. */
const FIRST_IDS: Record<RecordKind, number> = {
  team: 7001,
  user: 10001,
  inbox: 2001,
  contact: 500001,
  conversation: 3000001,
  message: 90000001,
}

/**
 * The @msw/data collections behind a mock: read and write them directly in tests; requests see the change.
 *
 * @example
 * const record = await mock.db.conversation.create({ inbox: 2001, target: '14155550100' })
 */
export type Database = {
  team: Collection<RecordSchemas['team']>
  user: Collection<RecordSchemas['user']>
  inbox: Collection<RecordSchemas['inbox']>
  contact: Collection<RecordSchemas['contact']>
  conversation: Collection<RecordSchemas['conversation']>
  message: Collection<RecordSchemas['message']>
}

export type Tables = {
  team: Table<TeamRecord>
  user: Table<UserRecord>
  inbox: Table<InboxRecord>
  contact: Table<ContactRecord>
  conversation: Table<ConversationRecord>
  message: Table<MessageRecord>
}

/** The group-MMS or 1:1 key a conversation is found by inside its inbox. */
export function conversationAddressKey(inbox: number, target: string): string {
  return `${inbox}|${target}`
}

export type Store = ReturnType<typeof createStore>

/**
 * Creates the store: collections, the tables that index them, and the id sequences.
 * The one module that knows how records are kept.
 */
export function createStore(options: { now(): string }) {
  const nextIds = { ...FIRST_IDS }
  const sequences = {
    next(kind: RecordKind): number {
      return nextIds[kind]++
    },
    observe(kind: RecordKind, id: number): void {
      if (id >= nextIds[kind]) nextIds[kind] = id + 1
    },
    snapshot(): Record<RecordKind, number> {
      return { ...nextIds }
    },
    restore(snapshot: Record<RecordKind, number>): void {
      Object.assign(nextIds, snapshot)
    },
  }

  const schemas = createRecordSchemas({ nextId: (kind) => sequences.next(kind), now: options.now })
  const db: Database = {
    team: new TrackedCollection({ schema: schemas.team }),
    user: new TrackedCollection({ schema: schemas.user }),
    inbox: new TrackedCollection({ schema: schemas.inbox }),
    contact: new TrackedCollection({ schema: schemas.contact }),
    conversation: new TrackedCollection({ schema: schemas.conversation }),
    message: new TrackedCollection({ schema: schemas.message }),
  }

  const tables: Tables = {
    team: new Table<TeamRecord>(db.team as TrackedCollection, 'team'),
    user: new Table<UserRecord>(db.user as TrackedCollection, 'user'),
    inbox: new Table<InboxRecord>(db.inbox as TrackedCollection, 'inbox'),
    contact: new Table<ContactRecord>(db.contact as TrackedCollection, 'contact'),
    conversation: new Table<ConversationRecord>(db.conversation as TrackedCollection, 'conversation'),
    message: new Table<MessageRecord>(db.message as TrackedCollection, 'message'),
  }
  for (const kind of Object.keys(tables) as RecordKind[]) {
    tables[kind].observeIds((id) => sequences.observe(kind, id))
  }

  const indexes = {
    conversationOrder: new ConversationIndex(),
    conversationByAddress: new KeyIndex<ConversationRecord>((record) => conversationAddressKey(record.inbox, record.target)),
    contactByPhone: new KeyIndex<ContactRecord>((record) => record.phone || undefined),
    contactByEmail: new KeyIndex<ContactRecord>((record) => record.email.toLowerCase() || undefined),
    messagesByConversation: new GroupIndex<MessageRecord>(
      (record) => record.conversation_id,
      (record) => parseTimestamp(record.date) ?? 0,
    ),
  }
  tables.conversation.addIndex(indexes.conversationOrder)
  tables.conversation.addIndex(indexes.conversationByAddress)
  tables.contact.addIndex(indexes.contactByPhone)
  tables.contact.addIndex(indexes.contactByEmail)
  tables.message.addIndex(indexes.messagesByConversation)

  let baselineSequences = sequences.snapshot()

  return {
    db,
    tables,
    indexes,
    sequences,

    /** Adds every record of a dataset (validated by the collections' schemas). */
    async load(dataset: Dataset): Promise<void> {
      if (dataset.team) await tables.team.insert(dataset.team)
      for (const user of dataset.users) await tables.user.insert(user)
      for (const inbox of dataset.inboxes) await tables.inbox.insert(inbox)
      for (const contact of dataset.contacts) await tables.contact.insert(contact)
      for (const conversation of dataset.conversations) await tables.conversation.insert(conversation)
      for (const message of dataset.messages) await tables.message.insert(message)
    },

    /** The team behind the credentials (the first team record). */
    team(): TeamRecord | undefined {
      return tables.team.values()[0]
    },

    /** Makes the current state the one `restoreBaseline()` returns to. */
    markBaseline(): void {
      for (const table of Object.values(tables)) table.markBaseline()
      baselineSequences = sequences.snapshot()
    },

    /** Returns every table to the baseline, in time proportional to what changed. */
    async restoreBaseline(): Promise<void> {
      // Children first, so that no message is left pointing at a conversation that reset deleted.
      for (const kind of ['message', 'conversation', 'contact', 'inbox', 'user', 'team'] as const) {
        if (tables[kind].dirty) await tables[kind].restoreBaseline()
      }
      sequences.restore(baselineSequences)
    },
  }
}
