/**
 * Writes the presets in fixtures/ from their fixed seeds: `npm run fixtures`.
 * `npm run fixtures -- --check` only compares, and fails when a file differs from what its seed gives.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { buildPreset, PRESETS, serializeDataset, type PresetName } from '../src/core/presets.js'

const check = process.argv.includes('--check')
let differing = 0
for (const name of Object.keys(PRESETS) as PresetName[]) {
  const file = new URL(`../fixtures/${name}.json`, import.meta.url)
  const text = serializeDataset(await buildPreset(name))
  if (check) {
    let current = ''
    try {
      current = readFileSync(file, 'utf8')
    } catch {}
    const same = current === text
    if (!same) differing++
    console.log(`${same ? 'same     ' : 'DIFFERENT'} fixtures/${name}.json`)
  } else {
    writeFileSync(file, text)
    console.log(`wrote fixtures/${name}.json (${(text.length / 1024).toFixed(0)} KiB)`)
  }
}
if (differing > 0) {
  console.error(`${differing} fixture(s) differ from their seeds. Run npm run fixtures to regenerate them.`)
  process.exitCode = 1
}
