import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, isAbsolute, join, relative } from 'node:path'
import { defineConfig, type Options } from 'tsup'

const entry = {
  index: 'src/core/index.ts',
  node: 'src/node/index.ts',
  server: 'src/server/index.ts',
  browser: 'src/browser/index.ts',
  playwright: 'src/playwright/index.ts',
  storybook: 'src/storybook/index.ts',
}
const peers = ['msw', 'msw/node', 'msw/browser', '@playwright/test', 'msw-storybook-addon', /^storybook(\/.*)?$/]
/**
 * Dependencies that ship only ESM. The CommonJS build carries its own copy of them, so that `require()` works
 * where ESM cannot be required (jest in CommonJS mode, Node before 20.19).
 */
const esmOnlyDependencies = ['@msw/data', 'rettime', '@faker-js/faker']

/**
 * Source maps name their sources relative to the map, never by the build machine's absolute path (tsup's CommonJS
 * output names the generated file itself by its absolute path). Runs after the CommonJS build, the last to finish.
 */
function relativeSourceMaps(): void {
  const dist = join(process.cwd(), 'dist')
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.map'))) {
    const path = join(dist, file)
    const map = JSON.parse(readFileSync(path, 'utf8')) as { file?: string; sources: string[]; sourcesContent?: (string | null)[] }
    map.sources = map.sources.map((source) => (isAbsolute(source) ? relative(dist, source) : source))
    // The CommonJS maps keep their mappings but not the source text, which the ESM maps already carry: two copies
    // of every source (and of the bundled dependencies) would make a fifth of the package.
    if (file.endsWith('.cjs.map')) delete map.sourcesContent
    if (map.file !== undefined) map.file = basename(map.file)
    writeFileSync(path, JSON.stringify(map))
  }
}

const shared: Options = { entry, dts: true, sourcemap: true, shims: true, target: 'es2022', platform: 'neutral', external: peers }

export default defineConfig([
  {
    ...shared,
    // The bin is an entry of this build, so it shares the server's chunks instead of bundling its own copy.
    entry: { ...entry, cli: 'src/server/cli.ts', 'canonical-check-worker': 'src/server/canonical-check-worker.ts' },
    format: ['esm'],
    // Code shared by the entry points lives in chunks, and the seed generator (with faker) in a chunk of its
    // own that only a seeded mock loads.
    splitting: true,
  },
  {
    ...shared,
    format: ['cjs'],
    // Chunks here too: the entry points share one copy of the code, and faker stays in the generator's chunk.
    splitting: true,
    noExternal: esmOnlyDependencies,
    // Runs after this build only; the maps of the ESM build carry relative paths already, and are checked too.
    onSuccess: async () => relativeSourceMaps(),
  },
])
