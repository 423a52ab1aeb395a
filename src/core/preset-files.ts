/** The presets shipped in `fixtures/` (made by `npm run fixtures` from the seeds in presets.ts). */
export type PresetName = 'default' | 'empty-inbox' | 'busy-inbox' | 'just-reopened'

/**
 * The file of each preset in `fixtures/` (and `heymarket-mock/fixtures/<file>`). A preset whose JSON is over 1 MiB
 * ships as gzipped columns (`.dataset.gz`, read by readDataset() or loadFixture()), so the package stays small;
 * the others as plain JSON that a bundler can import.
 */
export const PRESET_FILES = {
  default: 'default.json',
  'empty-inbox': 'empty-inbox.json',
  'busy-inbox': 'busy-inbox.dataset.gz',
  'just-reopened': 'just-reopened.json',
} as const satisfies Record<PresetName, string>
