/**
 * Writes the presets in fixtures/ from their fixed seeds: `npm run fixtures`.
 * `npm run fixtures -- --check` only compares, and fails when a file's data differs from what its seed gives.
 * A preset listed in PRESET_FILES as `.dataset.gz` is written as gzipped columns, the others as compact JSON.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { buildPreset, PRESET_FILES, PRESETS, serializeDataset, serializeDatasetColumns, type PresetName } from '../src/core/presets.js'
import { loadFixture } from '../src/node/fixtures.js'

const check = process.argv.includes('--check')
let differing = 0
for (const name of Object.keys(PRESETS) as PresetName[]) {
  const fileName = PRESET_FILES[name]
  const file = new URL(`../fixtures/${fileName}`, import.meta.url)
  const dataset = await buildPreset(name)
  const text = serializeDataset(dataset)
  if (check) {
    let current = ''
    try {
      current = fileName.endsWith('.json') ? readFileSync(file, 'utf8') : serializeDataset(loadFixture(fileURLPath(file)))
    } catch {}
    const same = current === text
    if (!same) differing++
    console.log(`${same ? 'same     ' : 'DIFFERENT'} fixtures/${fileName}`)
  } else if (fileName.endsWith('.json')) {
    writeFileSync(file, text)
    rmSync(new URL(`../fixtures/${name}.dataset.gz`, import.meta.url), { force: true })
    console.log(`wrote fixtures/${fileName} (${(text.length / 1024).toFixed(0)} KiB)`)
  } else {
    const bytes = gzipSync(serializeDatasetColumns(dataset), { level: 9 })
    writeFileSync(file, bytes)
    rmSync(new URL(`../fixtures/${name}.json`, import.meta.url), { force: true })
    console.log(`wrote fixtures/${fileName} (${(bytes.length / 1024).toFixed(0)} KiB; ${(text.length / 1024).toFixed(0)} KiB as JSON)`)
  }
}
if (differing > 0) {
  console.error(`${differing} fixture(s) differ from their seeds. Run npm run fixtures to regenerate them.`)
  process.exitCode = 1
}

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname)
}
