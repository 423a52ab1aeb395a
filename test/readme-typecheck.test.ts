import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * Every TypeScript example in the README that imports the package compiles, under this repository's strict settings
 * (noUncheckedIndexedAccess included), with `heymarket-mock` resolved to the sources.
 */
const root = new URL('../', import.meta.url).pathname
const readme = readFileSync(`${root}README.md`, 'utf8')
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((code) => /from 'heymarket-mock|import\('heymarket-mock/.test(code))

describe("the README's TypeScript examples", () => {
  it('are there: the Node test, the browser start and the typed client at least', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(3)
    expect(snippets.some((code) => code.includes('createHeymarketClient'))).toBe(true)
    expect(snippets.some((code) => code.includes("import('heymarket-mock/browser')"))).toBe(true)
  })

  it('type-check with strict settings and noUncheckedIndexedAccess', () => {
    // Inside the repository, so that `vitest` and the other packages the snippets import resolve from node_modules.
    mkdirSync(`${root}node_modules/.cache`, { recursive: true })
    const folder = mkdtempSync(`${root}node_modules/.cache/readme-snippets-`)
    try {
      const files = snippets.map((code, index) => {
        const file = join(folder, `snippet-${index}.ts`)
        // Vite's types give `import.meta.env`; `export {}` makes each snippet a module (top-level await).
        writeFileSync(file, `/// <reference path="${root}node_modules/vite/client.d.ts" />\n${code}\nexport {}\n`)
        return file
      })
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [`${root}node_modules/@types`],
        baseUrl: root,
        paths: { 'heymarket-mock': ['src/core/index.ts'], 'heymarket-mock/*': ['src/*/index.ts'], 'heymarket-mock/fixtures/*': ['fixtures/*'] },
        resolveJsonModule: true,
      }
      const program = ts.createProgram(files, options)
      const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName))
      expect(diagnostics.map((d) => `${d.file!.fileName.slice(folder.length + 1)}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([])
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
