import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { routes } from '../src/core/index.js'

describe("the README's endpoint table", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const rows = [...readme.matchAll(/^\| (GET|POST|PUT|DELETE) \| `([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`)

  it('lists every endpoint the mock serves', () => {
    const served = routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
    expect(served.filter((endpoint) => !rows.includes(endpoint))).toEqual([])
  })

  it('lists no endpoint the mock does not serve', () => {
    const served = new Set(routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`))
    expect(rows.filter((row) => !row.includes('/__mock/') && !served.has(row))).toEqual([])
  })
})
