import { http } from 'msw'
import { setupServer } from 'msw/node'
import { describe, expect, it } from 'vitest'

describe('the msw under test', () => {
  it('is the major version this run is meant to check (3 in the main run, 2 in the compatibility run)', async () => {
    const { createRequire } = await import('node:module')
    const require = createRequire(import.meta.url)
    const name = process.env.EXPECTED_MSW_MAJOR === '2' ? 'msw2' : 'msw'
    const version: string = require(`${name}/package.json`).version
    expect(version.split('.')[0]).toBe(process.env.EXPECTED_MSW_MAJOR)
    // and the msw the tests import is that one: msw 3 dropped the `SetupServerApi` class export
    const node = await import('msw/node')
    expect('SetupServerApi' in node).toBe(process.env.EXPECTED_MSW_MAJOR === '2')
    expect(typeof http.post).toBe('function')
    expect(typeof setupServer).toBe('function')
  })
})
