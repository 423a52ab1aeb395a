import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = new URL('../../', import.meta.url).pathname

type Bundle = { initialGzip: number; lazyGzip: number; lazyChunks: { file: string; gzip: number; hasFaker: boolean }[]; initialHasFaker: boolean }

/** Builds a page entry the way an app's bundler would (minified, split) and weighs what loads first and later. */
async function weigh(name: string, source: string): Promise<Bundle> {
  const directory = mkdtempSync(join(tmpdir(), `heymarket-bundle-${name}-`))
  const entry = join(directory, 'page.ts')
  writeFileSync(entry, source)
  const outdir = join(directory, 'out')
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir,
    metafile: true,
    logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
    alias: { 'heymarket-mock/browser': join(root, 'dist/browser.js') },
  })
  const outputs = result.metafile.outputs
  const entryOutput = Object.keys(outputs).find((file) => outputs[file]!.entryPoint !== undefined && file.endsWith('.js'))!
  const initial = new Set<string>()
  const visit = (file: string) => {
    if (initial.has(file)) return
    initial.add(file)
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement') visit(imported.path)
  }
  visit(entryOutput)
  const gzip = (file: string) => gzipSync(readFileSync(resolve(file))).length
  const hasFaker = (file: string) => Object.keys(outputs[file]!.inputs).some((input) => input.includes('@faker-js'))
  const jsFiles = Object.keys(outputs).filter((file) => file.endsWith('.js'))
  const lazy = jsFiles.filter((file) => !initial.has(file))
  return {
    initialGzip: [...initial].reduce((sum, file) => sum + gzip(file), 0),
    lazyGzip: lazy.reduce((sum, file) => sum + gzip(file), 0),
    lazyChunks: lazy.map((file) => ({ file: relative(outdir, file), gzip: gzip(file), hasFaker: hasFaker(file) })),
    initialHasFaker: [...initial].some(hasFaker),
  }
}

/**
 * What `heymarket-mock/browser` adds to a page beyond msw itself: a page that starts msw with one handler, against
 * a page that starts the mock from a preset it fetches. Faker must not be in what the second page loads first.
 */
export async function benchBundleSize() {
  const mswOnly = await weigh(
    'msw',
    `import { setupWorker } from 'msw/browser'
     import { http, HttpResponse } from 'msw'
     await setupWorker(http.get('/api/x', () => HttpResponse.json({ ok: true }))).start()`,
  )
  const withMock = await weigh(
    'mock',
    `import { startHeymarketWorker } from 'heymarket-mock/browser'
     const dataset = await (await fetch('/presets/default.json')).json()
     await startHeymarketWorker({ dataset })`,
  )
  return {
    mswGzip: mswOnly.initialGzip,
    withMockGzip: withMock.initialGzip,
    addedGzip: withMock.initialGzip - mswOnly.initialGzip,
    initialHasFaker: withMock.initialHasFaker,
    lazyChunks: withMock.lazyChunks,
  }
}

