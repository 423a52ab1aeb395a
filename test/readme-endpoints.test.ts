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

  it("links each endpoint to the docs page its operation names (the operations table's docs field)", () => {
    const links = new Map([...readme.matchAll(/^\| (GET|POST|PUT|DELETE) \| `([^`]+)` \|.*\[[^\]]+\]\(https:\/\/developers\.heymarket\.com([^)]+)\)[^|]*\|$/gm)].map((m) => [`${m[1]} ${m[2]}`, m[3]]))
    const wrong = routes
      .map((route) => [`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`, route.docs] as const)
      .filter(([endpoint, docs]) => links.get(endpoint) !== docs)
    expect(wrong).toEqual([])
  })

  it('covers the 61 endpoints of the docs, plus the deprecated ones public clients still call', () => {
    expect(routes.filter((route) => !route.deprecated)).toHaveLength(61)
  })

  it('lists no endpoint the mock does not serve', () => {
    const served = new Set(routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`))
    expect(rows.filter((row) => !row.includes('/__mock/') && !served.has(row))).toEqual([])
  })
})
