import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname
const run = (code: string, type: 'module' | 'commonjs') =>
  execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], { cwd: root, encoding: 'utf8' })

describe('the built package (dist/)', () => {
  it('loads as ESM from heymarket-mock, /node and /server, and serves a request', () => {
    const out = run(
      `
      import { createHeymarketMock } from 'heymarket-mock'
      import { createHeymarketServer, loadFixture } from 'heymarket-mock/node'
      import { startHeymarketServer } from 'heymarket-mock/server'
      const mock = createHeymarketMock({ seed: 2, size: { conversations: 9 } })
      const response = await mock.fetch('/v1/conversations/count', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' })
      console.log(await response.json(), typeof createHeymarketServer, typeof startHeymarketServer, loadFixture('empty-inbox').format)
      `,
      'module',
    )
    expect(out.trim()).toBe('9 function function heymarket-mock/dataset')
  })

  it('loads as CommonJS with require()', () => {
    const out = run(
      `
      const { createHeymarketMock } = require('heymarket-mock')
      const { loadFixture } = require('heymarket-mock/node')
      const mock = createHeymarketMock({ dataset: loadFixture('empty-inbox') })
      mock.fetch('/v1/conversations/count', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' })
        .then((r) => r.json()).then((n) => console.log(n))
      `,
      'commonjs',
    )
    expect(out.trim()).toBe('0')
  })

  it('ships the OpenAPI document as heymarket-mock/openapi.json, the same one createOpenApiDocument() builds', () => {
    const out = run(
      `
      import document from 'heymarket-mock/openapi.json' with { type: 'json' }
      import { createOpenApiDocument } from 'heymarket-mock'
      console.log(document.openapi, JSON.stringify(document) === JSON.stringify(createOpenApiDocument()))
      `,
      'module',
    )
    expect(out.trim()).toBe('3.1.0 true')
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
    expect(packed.files.map((file: { path: string }) => file.path)).toContain('docs/openapi.json')
  })

  it('ships type declarations for every entry point, and a bin with a shebang', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))
    for (const entry of ['.', './node', './server', './browser', './playwright', './storybook']) {
      for (const kind of ['import', 'require']) {
        expect(() => readFileSync(`${root}${pkg.exports[entry][kind].types}`)).not.toThrow()
        expect(() => readFileSync(`${root}${pkg.exports[entry][kind].default}`)).not.toThrow()
      }
    }
    expect(readFileSync(`${root}${pkg.bin['heymarket-mock']}`, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
    expect(pkg.peerDependencies.msw).toBe('^2.12.0 || ^3.0.0')
    expect(pkg.dependencies.msw).toBeUndefined()
  })
})
