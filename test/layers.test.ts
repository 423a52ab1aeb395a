import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The layer rule of ARCHITECTURE.md, checked over the real import graph of `src/` (TypeScript's own pre-processor
 * finds every import, export-from and dynamic import). A folder may import from itself and from the folders listed
 * for it here, nothing else. Lower layers that need something from above receive it as a parameter.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  primitives: [],
  schema: ['primitives'],
  store: ['schema', 'primitives'],
  rules: ['store', 'schema', 'primitives'],
  seed: ['store', 'schema', 'primitives'],
  http: ['rules', 'store', 'schema', 'primitives'],
  client: ['schema', 'primitives'],
  core: ['http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
  node: ['core', 'http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
  browser: ['core', 'http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
  server: ['node', 'core', 'http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
  playwright: ['node', 'core', 'http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
  storybook: ['core', 'http', 'seed', 'rules', 'store', 'schema', 'primitives', 'client'],
}

const SRC = resolve(import.meta.dirname, '..', 'src')

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

function folderOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split(sep)
  return rest.length === 0 ? '(src)' : first!
}

type Edge = { from: string; to: string; importer: string; specifier: string }

function importGraph(): Edge[] {
  return sourceFiles(SRC).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    return info.importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({
        from: folderOf(file),
        to: folderOf(resolve(dirname(file), specifier)),
        importer: relative(SRC, file),
        specifier,
      }))
  })
}

describe('layering (ARCHITECTURE.md)', () => {
  const edges = importGraph()

  it('reads a real graph: every folder of src/ is known and imports were found', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    expect(folders.sort()).toEqual(Object.keys(MAY_IMPORT).sort())
    // No loose files: every module lives in the folder of its layer.
    expect(sourceFiles(SRC).filter((file) => folderOf(file) === '(src)')).toEqual([])
    expect(edges.length).toBeGreaterThan(100)
  })

  it('no import runs up a layer or sideways to a folder it may not use', () => {
    const violations = edges
      .filter((edge) => edge.from !== edge.to && !MAY_IMPORT[edge.from]?.includes(edge.to))
      .map((edge) => `${edge.importer} imports ${edge.specifier} (${edge.from} may not import ${edge.to})`)
    expect(violations).toEqual([])
  })

  it('each public subpath folder has an index.ts that names its exports (no export *)', () => {
    for (const folder of ['core', 'node', 'browser', 'server', 'client', 'playwright', 'storybook']) {
      const text = readFileSync(join(SRC, folder, 'index.ts'), 'utf8')
      expect(text, `${folder}/index.ts`).not.toMatch(/export\s+\*/)
    }
  })
})
