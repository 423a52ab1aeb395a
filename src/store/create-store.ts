import type { Collection } from '@msw/data'
import { parseTimestamp } from '../primitives/timestamps.js'
import { ConversationIndex } from './conversation-index.js'
import { DATASET_COLLECTIONS, DATASET_FORMAT, DATASET_VERSION, type Dataset } from './dataset.js'
import { recordTextsOf } from './dataset-text.js'
import { compactMaps, createRecordCompactor } from './compact-record.js'
import { copyData } from './copy-data.js'
import { GroupIndex, KeyIndex } from './key-index.js'
import {
  createRecordSchemas,
  KIND_OF_COLLECTION,
  type ContactRecord,
  type ConversationRecord,
  type InboxRecord,
  type MessageRecord,
  type RecordKind,
  type RecordSchemas,
  type TeamRecord,
  type UserRecord,
  type TemplateRecord,
  type TagRecord,
  type ListRecord,
  type SurveyRecord,
  type ScheduledRecord,
  type ContactFieldRecord,
} from './records.js'
import { Table } from './table.js'
import { TimeIndex } from './time-index.js'
import { TrackedCollection } from './tracked-collection.js'

/** Where each id sequence starts in an empty store; seeded data continues from its own highest ids. */
/** What ids are drawn for: every record kind, and broadcasts (which are not records of their own). */
export type SequenceKind = RecordKind | 'broadcast'

const FIRST_IDS: Record<SequenceKind, number> = {
  team: 7001,
  user: 10001,
  inbox: 2001,
  contact: 500001,
  conversation: 3000001,
  message: 90000001,
  template: 40001,
  tag: 6001,
  list: 8001,
  survey: 901,
  scheduled: 70001,
  contactField: 301,
  broadcast: 100001,
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
  template: Collection<RecordSchemas['template']>
  tag: Collection<RecordSchemas['tag']>
  list: Collection<RecordSchemas['list']>
  survey: Collection<RecordSchemas['survey']>
  scheduled: Collection<RecordSchemas['scheduled']>
  contactField: Collection<RecordSchemas['contactField']>
}

export type Tables = {
  team: Table<TeamRecord>
  user: Table<UserRecord>
  inbox: Table<InboxRecord>
  contact: Table<ContactRecord>
  conversation: Table<ConversationRecord>
  message: Table<MessageRecord>
  template: Table<TemplateRecord>
  tag: Table<TagRecord>
  list: Table<ListRecord>
  survey: Table<SurveyRecord>
  scheduled: Table<ScheduledRecord>
  contactField: Table<ContactFieldRecord>
}

/** The group-MMS or 1:1 key a conversation is found by inside its inbox. */
export function conversationAddressKey(inbox: number, target: string): string {
  return `${inbox}|${target}`
}

export type Store = ReturnType<typeof createStore>

export const CHANGES_FORMAT = 'heymarket-mock/changes'
/** Bumped whenever a record's shape changes, so that changes saved by another version are refused, not half-loaded. */
export const CHANGES_VERSION = 1

type TableName = keyof Tables

/**
 * What changed in a mock since its seeded state: enough to rebuild the current state from the same seed or
 * preset. Small for a typical session (only touched records), which is what makes it cheap to persist.
 */
export type MockChanges = {
  format: typeof CHANGES_FORMAT
  version: typeof CHANGES_VERSION
  /** Identifies the seeded state these changes apply to. */
  baseline: string
  tables: Partial<Record<TableName, { upserts: Record<string, unknown>[]; deleted: number[] }>>
  sequences: Record<SequenceKind, number>
  /** The clock, when it was frozen. */
  clock?: { frozen: true; now: string }
}

/** What `read` returns, or undefined where it throws (a record that is not JSON is reported when it is loaded). */
function readOrUndefined(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}

/** A short, stable id of a dataset's identity: its meta and how many records of each kind it holds. */
function fingerprintOf(dataset: Dataset): string {
  // A dataset read from text (datasetFromText) holds its records there, not in its arrays.
  const texts = recordTextsOf(dataset)
  const count = (key: (typeof DATASET_COLLECTIONS)[number]) => (texts ? texts.count(key) : (dataset[key]?.length ?? 0))
  const last = (key: (typeof DATASET_COLLECTIONS)[number]) =>
    (texts ? (count(key) > 0 ? readOrUndefined(() => texts.read(key, count(key) - 1)) : undefined) : dataset[key]?.at(-1)) as { id?: number } | undefined
  const identity = JSON.stringify({
    meta: dataset.meta,
    team: dataset.team?.id ?? null,
    counts: DATASET_COLLECTIONS.map(count),
    last: DATASET_COLLECTIONS.map((key) => last(key)?.id ?? 0),
  })
  let hash = 0x811c9dc5
  for (let i = 0; i < identity.length; i++) {
    hash ^= identity.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

/** Children before parents, for undoing changes. */
const ROLLBACK_ORDER = ['scheduled', 'message', 'conversation', 'list', 'template', 'survey', 'contact', 'tag', 'contactField', 'inbox', 'user', 'team'] as const

/** Which table holds each dataset collection. */
const TABLE_OF = KIND_OF_COLLECTION satisfies Record<(typeof DATASET_COLLECTIONS)[number], keyof Tables>

/**
 * Records as the collections' schemas made them, per table, for datasets that went through `prepareDataset` (or
 * came from `baselineDataset`, which also says the fingerprint of the dataset the records were first loaded from).
 */
const preparedRecords = new WeakMap<Dataset, { records: Partial<Record<TableName, readonly { id: number }[]>>; fingerprint?: string }>()

/**
 * A copy of a prepared record: a new top-level object (what the mock's writes change, key by key) whose nested
 * values are the prepared record's own, frozen. No rule changes a nested value in place (each write sets a key
 * to a new array or object), so mocks can share them, and with them most of the memory a record takes.
 */
function copyRecord<T extends object>(record: T): T {
  return { ...record }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key])
  return Object.freeze(value)
}

/**
 * Validates a dataset once and returns it ready to load into many stores: loading the returned dataset copies
 * the validated records (sharing their strings) instead of validating every record again, which is what makes a
 * new mock from a loaded dataset take milliseconds. The returned dataset is frozen, so that it cannot change
 * between loads; the one passed in is left as it was.
 */
export async function prepareDataset(dataset: Dataset): Promise<Dataset> {
  if (preparedRecords.has(dataset)) return dataset
  const scratch = createStore({ now: () => '1970-01-01T00:00:00Z', uuid: () => '00000000-0000-4000-8000-000000000000' })
  await scratch.load(dataset)
  const records: Partial<Record<TableName, readonly { id: number }[]>> = {}
  for (const name of Object.keys(scratch.tables) as TableName[]) {
    records[name] = deepFreeze([...(scratch.db[name].all() as { id: number }[])])
  }
  const prepared = { ...dataset } as Record<string, unknown>
  for (const key of DATASET_COLLECTIONS) if (Array.isArray(dataset[key])) prepared[key] = Object.freeze([...dataset[key]!])
  Object.freeze(prepared)
  preparedRecords.set(prepared as Dataset, { records })
  return prepared as Dataset
}

/**
 * Creates the store: collections, the tables that index them, and the id sequences.
 * The one module that knows how records are kept.
 */
export function createStore(options: { now(): string; uuid(): string; random?: { save(): number; restore(saved: number): void } }) {
  const nextIds = { ...FIRST_IDS }
  const sequences = {
    next(kind: SequenceKind): number {
      return nextIds[kind]++
    },
    observe(kind: SequenceKind, id: number): void {
      if (id >= nextIds[kind]) nextIds[kind] = id + 1
    },
    snapshot(): Record<SequenceKind, number> {
      return { ...nextIds }
    },
    restore(snapshot: Record<SequenceKind, number>): void {
      Object.assign(nextIds, snapshot)
    },
  }

  const schemas = createRecordSchemas({ nextId: (kind) => sequences.next(kind), now: options.now, uuid: options.uuid })
  const changeListeners = new Set<() => void>()
  let baselineId = ''
  const db: Database = {
    team: new TrackedCollection({ schema: schemas.team }),
    user: new TrackedCollection({ schema: schemas.user }),
    inbox: new TrackedCollection({ schema: schemas.inbox }),
    contact: new TrackedCollection({ schema: schemas.contact }),
    conversation: new TrackedCollection({ schema: schemas.conversation }),
    message: new TrackedCollection({ schema: schemas.message }),
    template: new TrackedCollection({ schema: schemas.template }),
    tag: new TrackedCollection({ schema: schemas.tag }),
    list: new TrackedCollection({ schema: schemas.list }),
    survey: new TrackedCollection({ schema: schemas.survey }),
    scheduled: new TrackedCollection({ schema: schemas.scheduled }),
    contactField: new TrackedCollection({ schema: schemas.contactField }),
  }

  const tables: Tables = {
    team: new Table<TeamRecord>(db.team as TrackedCollection, 'team'),
    user: new Table<UserRecord>(db.user as TrackedCollection, 'user'),
    inbox: new Table<InboxRecord>(db.inbox as TrackedCollection, 'inbox'),
    contact: new Table<ContactRecord>(db.contact as TrackedCollection, 'contact'),
    conversation: new Table<ConversationRecord>(db.conversation as TrackedCollection, 'conversation'),
    message: new Table<MessageRecord>(db.message as TrackedCollection, 'message'),
    template: new Table<TemplateRecord>(db.template as TrackedCollection, 'template'),
    tag: new Table<TagRecord>(db.tag as TrackedCollection, 'tag'),
    list: new Table<ListRecord>(db.list as TrackedCollection, 'list'),
    survey: new Table<SurveyRecord>(db.survey as TrackedCollection, 'survey'),
    scheduled: new Table<ScheduledRecord>(db.scheduled as TrackedCollection, 'scheduled'),
    contactField: new Table<ContactFieldRecord>(db.contactField as TrackedCollection, 'contact field'),
  }
  for (const kind of Object.keys(tables) as RecordKind[]) {
    tables[kind].observeIds((id) => sequences.observe(kind, id))
    tables[kind].onMutate(() => {
      for (const listener of changeListeners) listener()
    })
  }

  const indexes = {
    conversationOrder: new ConversationIndex(),
    conversationByAddress: new KeyIndex<ConversationRecord>((record) => conversationAddressKey(record.inbox, record.target)),
    contactByPhone: new KeyIndex<ContactRecord>((record) => record.phone || undefined),
    contactByEmail: new KeyIndex<ContactRecord>((record) => record.email.toLowerCase() || undefined),
    contactByUuid: new KeyIndex<ContactRecord>((record) => record.uuid),
    contactsByUpdated: new TimeIndex<ContactRecord>((record) => record.updated),
    messagesByConversation: new GroupIndex<MessageRecord>(
      (record) => record.conversation_id,
      (record) => parseTimestamp(record.date) ?? 0,
    ),
    // A blocked contact's hidden messages are left out of the team-wide message lists.
    messagesByDate: new TimeIndex<MessageRecord>((record) => (record.hidden ? undefined : record.date)),
    messagesByUpdated: new TimeIndex<MessageRecord>((record) => (record.hidden ? undefined : record.updated)),
    snoozedConversations: new TimeIndex<ConversationRecord>((record) => record.snooze_till || undefined),
    messageByLocalId: new KeyIndex<MessageRecord>((record) => (record.local_id ? record.local_id : undefined)),
    templatesByUpdated: new TimeIndex<TemplateRecord>((record) => record.updated),
    tagsByUpdated: new TimeIndex<TagRecord>((record) => record.updated),
    listsByUpdated: new TimeIndex<ListRecord>((record) => record.updated),
    listByLocalId: new KeyIndex<ListRecord>((record) => (record.local_id ? record.local_id : undefined)),
    scheduledByExecute: new TimeIndex<ScheduledRecord>((record) => record.execute),
  }
  tables.conversation.addIndex(indexes.conversationOrder)
  tables.conversation.addIndex(indexes.conversationByAddress)
  tables.conversation.addIndex(indexes.snoozedConversations)
  tables.contact.addIndex(indexes.contactByPhone)
  tables.contact.addIndex(indexes.contactByEmail)
  tables.contact.addIndex(indexes.contactByUuid)
  tables.contact.addIndex(indexes.contactsByUpdated)
  tables.message.addIndex(indexes.messagesByConversation)
  tables.message.addIndex(indexes.messagesByDate)
  tables.message.addIndex(indexes.messagesByUpdated)
  tables.message.addIndex(indexes.messageByLocalId)
  tables.template.addIndex(indexes.templatesByUpdated)
  tables.tag.addIndex(indexes.tagsByUpdated)
  tables.list.addIndex(indexes.listsByUpdated)
  tables.list.addIndex(indexes.listByLocalId)
  tables.scheduled.addIndex(indexes.scheduledByExecute)

  // Referential integrity: a write that names a record that does not exist is refused, whoever makes it
  // (the rules never do; a direct `mock.db` write can). The error names the record and the field.
  const refuse = (kind: string, record: { id: number }, change: 'create' | 'update', field: string, value: unknown, target: string, hint: string) => {
    throw new Error(
      `Failed to ${change} ${kind} ${record.id}: "${field}" is ${JSON.stringify(value)}, and there is no ${target} ${JSON.stringify(value)}. ${hint}`,
    )
  }
  tables.conversation.guard((record, change) => {
    if (!tables.inbox.has(record.inbox)) {
      refuse('conversation', record, change, 'inbox', record.inbox, 'inbox', 'Please create the inbox first, or use an id from mock.db.inbox.')
    }
  })
  tables.message.guard((record, change) => {
    if (!tables.conversation.has(record.conversation_id)) {
      refuse('message', record, change, 'conversation_id', record.conversation_id, 'conversation', 'Please create the conversation first, or use an id from mock.db.conversation.')
    }
  })

  let baselineSequences = sequences.snapshot()
  let inTransaction = false

  return {
    db,
    tables,
    indexes,
    sequences,

    /**
     * Runs `task` as one transaction: when it throws (a refusal found after writing began, a bug, an answer
     * that fails its schema), every table, every id sequence and the uuid source are put back exactly as they
     * were, so that a failed request leaves no trace and draws no ids. Nested calls join the outer one.
     */
    async transaction<T>(task: () => T | Promise<T>): Promise<T> {
      if (inTransaction) return task()
      inTransaction = true
      const savedSequences = sequences.snapshot()
      const savedRandom = options.random?.save()
      for (const table of Object.values(tables)) table.begin()
      try {
        const result = await task()
        for (const table of Object.values(tables)) table.commit()
        return result
      } catch (error) {
        // Children first, as in restoreBaseline, so that no message points at a conversation being re-created.
        for (const kind of ROLLBACK_ORDER) await tables[kind].rollback()
        sequences.restore(savedSequences)
        if (savedRandom !== undefined) options.random!.restore(savedRandom)
        throw error
      } finally {
        inTransaction = false
      }
    },

    /** Adds every record of a dataset, each validated by its collection's schema, as `create` would. */
    async load(dataset: Dataset): Promise<void> {
      const prepared = preparedRecords.get(dataset)
      baselineId = prepared?.fingerprint ?? fingerprintOf(dataset)
      if (prepared) {
        for (const name of Object.keys(tables) as TableName[]) {
          const originals = prepared.records[name] ?? []
          await (tables[name] as Table<{ id: number }>).insertValidated(originals.map(copyRecord), originals)
        }
        return
      }
      const compact = createRecordCompactor()
      const texts = recordTextsOf(dataset)
      const loadCollection = async (name: TableName, raws: readonly unknown[], collection: string) => {
        const schema = schemas[name] as unknown as { safeParse(value: unknown): { success: true; data: { id: number } } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }
        const count = texts && collection !== 'team' ? texts.count(collection) : raws.length
        const rawAt = (index: number): unknown => {
          if (!texts || collection === 'team') return raws[index]
          try {
            return texts.read(collection, index)
          } catch (error) {
            throw new Error(`Failed to load the dataset: ${collection}[${index}] is not valid JSON (${(error as Error).message}). Please export the dataset again.`)
          }
        }
        await (tables[name] as Table<{ id: number }>).load(count, (index) => {
          const raw = rawAt(index)
          // A record known to be what the schema makes of it is that already (see RecordTexts.isCanonical).
          if (texts && collection !== 'team' && texts.isCanonical(collection, index)) return compact(raw as { id: number }, true)
          const checked = schema.safeParse(raw)
          if (!checked.success) {
            const issue = checked.error.issues[0]!
            const id = (raw as { id?: unknown } | null)?.id
            throw new Error(
              `Failed to load the dataset: ${collection}[${index}]${id === undefined ? '' : ` (id ${JSON.stringify(id)})`} is invalid (${issue.path.join('.') || 'record'}: ${issue.message}). Please fix the record, or export the dataset again.`,
            )
          }
          return compact(checked.data)
        })
      }
      if (dataset.team) await loadCollection('team', [dataset.team], 'team')
      for (const key of DATASET_COLLECTIONS) await loadCollection(TABLE_OF[key], dataset[key] ?? [], key)
    },

    /** The whole state as a dataset, records in id order. */
    toDataset(meta: Dataset['meta']): Dataset {
      const dataset: Record<string, unknown> = {
        format: DATASET_FORMAT,
        version: DATASET_VERSION,
        meta,
        team: tables.team.values()[0] ?? null,
      }
      for (const key of DATASET_COLLECTIONS) {
        // copyData makes maps keyed by phone numbers as the store keeps them, and compactMaps the integer-keyed ones small (see compact-record.ts).
        dataset[key] = (tables[TABLE_OF[key]] as Table<{ id: number }>).values().sort((a, b) => a.id - b.id).map((record) => compactMaps(copyData(record)))
      }
      return dataset as Dataset
    },

    /**
     * The text of `JSON.stringify(toDataset(meta))`, in pieces (a record each): the same bytes, without a copy of
     * the state or one string of all of it. The records are read as they are when each piece is made, so the
     * caller keeps writes out until the last piece (the server's export runs as one turn of the mock).
     * @note Record by record, JSON.stringify writes what it writes for the record inside the whole dataset: the
     * records are plain JSON data (no toJSON, no undefined in arrays), and each is an element of an array.
     */
    *datasetJson(meta: Dataset['meta']): Generator<string, void, undefined> {
      yield `{"format":${JSON.stringify(DATASET_FORMAT)},"version":${JSON.stringify(DATASET_VERSION)},"meta":${JSON.stringify(meta)},"team":${JSON.stringify(tables.team.values()[0] ?? null)}`
      for (const key of DATASET_COLLECTIONS) {
        const records = (tables[TABLE_OF[key]] as Table<{ id: number }>).values().sort((a, b) => a.id - b.id)
        yield `,${JSON.stringify(key)}:[`
        for (let i = 0; i < records.length; i++) yield i === 0 ? JSON.stringify(records[i]) : `,${JSON.stringify(records[i])}`
        yield ']'
      }
      yield '}'
    },

    /**
     * The baseline (what `restoreBaseline()` returns to) as a prepared dataset (see `prepareDataset`): deep, frozen
     * copies of the baseline records, in the order they were loaded, with the fingerprint of the dataset they were
     * loaded from. A new store loads it without validating a record, and nothing needs to keep the original dataset.
     */
    baselineDataset(meta: Dataset['meta']): Dataset {
      const records: Partial<Record<TableName, readonly { id: number }[]>> = {}
      for (const name of Object.keys(tables) as TableName[]) {
        // copyData makes maps keyed by phone numbers as the store keeps them, and compactMaps the integer-keyed ones small (see compact-record.ts).
        records[name] = deepFreeze((tables[name] as Table<{ id: number }>).baselineRecords().map((record) => compactMaps(copyData(record))))
      }
      const dataset: Record<string, unknown> = { format: DATASET_FORMAT, version: DATASET_VERSION, meta: deepFreeze(structuredClone(meta)), team: records.team?.[0] ?? null }
      for (const key of DATASET_COLLECTIONS) dataset[key] = records[TABLE_OF[key]]
      Object.freeze(dataset)
      preparedRecords.set(dataset as Dataset, { records, fingerprint: baselineId })
      return dataset as Dataset
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

    /** Calls `listener` after every change to any table. Returns a function that stops it. */
    onChange(listener: () => void): () => void {
      changeListeners.add(listener)
      return () => changeListeners.delete(listener)
    },

    /** What changed since the baseline (see `MockChanges`). */
    changes(): MockChanges {
      const changed: MockChanges['tables'] = {}
      for (const name of Object.keys(tables) as TableName[]) {
        const { upserts, deleted } = (tables[name] as Table<{ id: number }>).changes()
        if (upserts.length > 0 || deleted.length > 0) changed[name] = { upserts: upserts as Record<string, unknown>[], deleted }
      }
      return { format: CHANGES_FORMAT, version: CHANGES_VERSION, baseline: baselineId, tables: changed, sequences: sequences.snapshot() }
    },

    /**
     * Checks that changes fit this store (same format version, same seeded state, every record valid for its
     * collection), or throws an error saying what does not. Nothing is applied until everything checks out.
     */
    checkChanges(value: unknown, source: string): MockChanges {
      const fail = (reason: string, fix: string): never => {
        throw new Error(`Failed to restore ${source}: ${reason}. Please ${fix}.`)
      }
      const changes = value as Partial<MockChanges> | null
      if (typeof changes !== 'object' || changes === null || changes.format !== CHANGES_FORMAT) fail('it is not a heymarket-mock state', 'clear it')
      if (changes!.version !== CHANGES_VERSION) {
        fail(`it was saved in state version ${JSON.stringify(changes!.version)} and this heymarket-mock reads version ${CHANGES_VERSION}`, 'clear the saved state (mock.reset(), or clearPersistedState())')
      }
      if (changes!.baseline !== baselineId) fail('it was saved from another seed or preset than this mock starts from', 'start from the same seed or preset, or clear the saved state')
      for (const [name, part] of Object.entries(changes!.tables ?? {})) {
        const schema = schemas[name as TableName]
        if (!schema || !part || !Array.isArray(part.upserts) || !Array.isArray(part.deleted)) fail(`its "${name}" part is not a table of this mock`, 'clear the saved state')
        for (const record of part!.upserts) {
          const checked = schema!.safeParse(record)
          if (!checked.success) {
            const issue = checked.error.issues[0]!
            fail(`its ${name} ${JSON.stringify((record as { id?: unknown }).id)} is invalid (${issue.path.join('.') || 'record'}: ${issue.message})`, 'clear the saved state')
          }
        }
      }
      return changes as MockChanges
    },

    /** Applies checked changes to a store that is at its baseline. */
    async applyChanges(changes: MockChanges): Promise<void> {
      for (const name of Object.keys(tables) as TableName[]) {
        const part = changes.tables[name]
        if (!part) continue
        const parsed = part.upserts.map((record) => schemas[name].parse(record) as { id: number })
        await (tables[name] as Table<{ id: number }>).applyChanges({ upserts: parsed, deleted: part.deleted })
      }
      sequences.restore({ ...sequences.snapshot(), ...changes.sequences })
    },

    /** Returns every table to the baseline, in time proportional to what changed. */
    async restoreBaseline(): Promise<void> {
      // Children first, so that no message is left pointing at a conversation that reset deleted.
      for (const kind of ROLLBACK_ORDER) {
        if (tables[kind].dirty) await tables[kind].restoreBaseline()
      }
      sequences.restore(baselineSequences)
    },
  }
}
