import type {
  ContactFieldInput,
  ContactInput,
  ConversationInput,
  DatasetCollection,
  InboxInput,
  ListInput,
  MessageInput,
  ScheduledInput,
  SurveyInput,
  TagInput,
  TemplateInput,
  TeamInput,
  UserInput,
} from './records.js'

/** The format tag and version written into every dataset file (`fixtures/*.json`, snapshots). */
export const DATASET_FORMAT = 'heymarket-mock/dataset'
export const DATASET_VERSION = 1

/**
 * Everything a mock holds, as plain JSON: what the seed generator produces, what `fixtures/*.json` contain and
 * what a mock can start from without running faker.
 */
export type Dataset = {
  format: typeof DATASET_FORMAT
  version: typeof DATASET_VERSION
  meta: {
    /** Preset name, when the dataset is one of `fixtures/`. */
    name?: string
    /** The faker seed and options it was generated from, when it was. */
    seed?: number
    generator?: Record<string, unknown>
    /** The instant the generated history leads up to. */
    anchor: string
  }
  team: TeamInput | null
  users: UserInput[]
  inboxes: InboxInput[]
  contacts: ContactInput[]
  conversations: ConversationInput[]
  messages: MessageInput[]
  /** The collections below may be left out (read as empty). */
  templates?: TemplateInput[]
  tags?: TagInput[]
  lists?: ListInput[]
  surveys?: SurveyInput[]
  scheduled?: ScheduledInput[]
  contactFields?: ContactFieldInput[]
}

/** Every record array of a dataset, in the order they are loaded (referenced records first). */
export const DATASET_COLLECTIONS = [
  'users',
  'inboxes',
  'contactFields',
  'tags',
  'contacts',
  'surveys',
  'templates',
  'lists',
  'conversations',
  'messages',
  'scheduled',
] as const satisfies readonly DatasetCollection[]

/**
 * Checks that a value is a dataset this version of the mock can load, or throws an error that says what is
 * wrong with it. Record contents are validated later, record by record, by the collections' schemas.
 */
export function assertDataset(value: unknown, source = 'dataset'): asserts value is Dataset {
  const fail = (reason: string, fix: string): never => {
    throw new Error(`Failed to load ${source}: ${reason}. Please ${fix}.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('it is not a JSON object', 'pass a dataset object')
  const candidate = value as Partial<Dataset>
  if (candidate.format !== DATASET_FORMAT) {
    fail(`its "format" is ${JSON.stringify(candidate.format)}, not "${DATASET_FORMAT}"`, 'pass a file written by heymarket-mock')
  }
  if (candidate.version !== DATASET_VERSION) {
    fail(
      `it was written in dataset version ${JSON.stringify(candidate.version)} and this heymarket-mock reads version ${DATASET_VERSION}`,
      'regenerate it with this version (npm run fixtures) or export it again',
    )
  }
  for (const key of ['users', 'inboxes', 'contacts', 'conversations', 'messages'] as const) {
    if (!Array.isArray(candidate[key])) fail(`"${key}" is not an array`, 'pass a complete dataset')
  }
  for (const key of DATASET_COLLECTIONS) {
    if (candidate[key] !== undefined && !Array.isArray(candidate[key])) fail(`"${key}" is not an array`, 'pass a complete dataset')
  }
  if (typeof candidate.meta !== 'object' || candidate.meta === null) fail('"meta" is missing', 'pass a complete dataset')
}

/**
 * A dataset without the fields whose value is their collection's default: the same data in a fraction of the
 * bytes (a loaded record gets those fields back from the schema). `defaults` maps each collection to the
 * static default of each field that has one, as JSON text.
 */
export function compactDataset(dataset: Dataset, defaults: Record<DatasetCollection, Record<string, string>>): Dataset {
  const strip = (records: object[], fieldDefaults: Record<string, string>): object[] =>
    records.map((record) => {
      const compact: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(record)) {
        if (key in fieldDefaults && JSON.stringify(value) === fieldDefaults[key]) continue
        compact[key] = value
      }
      return compact
    })
  const compacted: Record<string, unknown> = { ...dataset }
  for (const key of DATASET_COLLECTIONS) {
    const records = dataset[key]
    if (records) compacted[key] = strip(records, defaults[key])
  }
  return compacted as Dataset
}
