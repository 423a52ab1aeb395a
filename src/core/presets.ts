import { createHeymarketMock, DEFAULT_ANCHOR } from './create-heymarket-mock.js'
import { compactDataset, type Dataset } from '../store/dataset.js'
import { encodeDatasetColumns } from '../store/dataset-columns.js'
import { staticFieldDefaults } from '../store/records.js'
import { parseTimestamp } from '../primitives/timestamps.js'
import { generateDataset, type SeedSize } from '../seed/generate-dataset.js'
import type { PresetName } from './preset-files.js'

type PresetDefinition = { seed: number; size: SeedSize; description: string }

/**
 * The presets in `fixtures/`, each generated from a fixed seed. `npm run fixtures` writes them; a test checks
 * that regenerating gives the committed files byte for byte.
 */
export const PRESETS = {
  default: { seed: 1, size: {}, description: 'Three inboxes, six team members, 200 conversations over four months' },
  'empty-inbox': {
    seed: 2,
    size: { inboxes: 2, users: 4, contacts: 40, conversations: 0 },
    description: 'A team with inboxes, members and contacts, and no conversations yet',
  },
  'busy-inbox': {
    seed: 3,
    size: { inboxes: 4, users: 14, conversations: 4000, messagesPerConversation: { min: 1, max: 5 } },
    description: 'Four inboxes and 4,000 conversations, for paging and performance',
  },
  'just-reopened': {
    seed: 4,
    size: { inboxes: 2, users: 4, conversations: 30 },
    description: 'A small team where a customer has just written into a closed conversation, reopening it',
  },
} as const satisfies Record<PresetName, PresetDefinition>

export { PRESET_FILES, type PresetName } from './preset-files.js'


/** Builds a preset's dataset from its seed (runs faker). */
export async function buildPreset(name: PresetName): Promise<Dataset> {
  const preset: PresetDefinition = PRESETS[name]
  const anchor = parseTimestamp(DEFAULT_ANCHOR)!
  const dataset = generateDataset({ seed: preset.seed, anchor, size: preset.size, name })
  if (name !== 'just-reopened') return dataset

  // Five minutes after the anchor, the customer of the most recently closed conversation writes again.
  const mock = createHeymarketMock({ dataset, clock: { start: anchor / 1000 + 5 * 60_000 } })
  await mock.ready
  const closed = mock.db.conversation
    .findMany((q) => q.where({ status: 'closed', channel: 'sms', blocked: false }))
    .sort((a, b) => (parseTimestamp(b.updated) ?? 0) - (parseTimestamp(a.updated) ?? 0))[0]
  if (!closed) throw new Error('Failed to build the just-reopened preset: the seed has no closed SMS conversation. Please pick another seed.')
  await mock.simulate.inbound({ conversation_id: closed.id, text: 'Hi again! Actually I have one more question about my last visit.' })
  const state = await mock.exportDataset()
  return { ...state, meta: { ...dataset.meta, reopenedConversation: closed.id } as Dataset['meta'] }
}

/** A dataset as the file in `fixtures/` holds it: default-valued fields left out, compact JSON, a final newline. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(compactDataset(dataset, staticFieldDefaults()))}\n`
}

/** A dataset in the column-wise form that `.dataset.gz` files hold before gzip (compacted the same way). */
export function serializeDatasetColumns(dataset: Dataset): string {
  return JSON.stringify(encodeDatasetColumns(compactDataset(dataset, staticFieldDefaults())))
}
