/**
 * The server reads most request targets without the URL parser (src/server/edge.ts, PLAIN_TARGET): it only
 * splits at `?`. That shortcut must give what the WHATWG URL parser gives for the same target, or a path would
 * route (or a query read) differently depending on which characters it happens to contain. The reference here is
 * `new URL` itself, on targets built from every character class the shortcut treats specially.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRequestTarget } from '../../src/server/edge.js'

const pieces = ['/', '/', '/', '.', '..', '?', '%', '%2e', '%2F', '#', ' ', '"', "'", '<', '>', '`', '{', '}', '|', '^', '[', ']', '+', '=', '&', ';', ':', '@', '!', '$', '~', '*', ',', '(', ')', 'é', '\u00ff', '\t', 'v1', 'conversations', 'a', 'Z', '0', '-', '_']
const target = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => `/${parts.join('')}`)

function byUrlParser(raw: string): { pathname: string; search: string } {
  const queryAt = raw.indexOf('?')
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt)
  const search = queryAt === -1 ? '' : raw.slice(queryAt)
  const parsed = new URL(`http://edge.invalid${path}${search}`)
  return { pathname: parsed.pathname, search: parsed.search }
}

describe('request targets read without the URL parser', () => {
  it('give the path and query the URL parser gives', () => {
    fc.assert(
      fc.property(target, (raw) => {
        const read = readRequestTarget(raw)
        let expected: { pathname: string; search: string } | undefined
        try {
          expected = byUrlParser(raw)
        } catch {
          expected = undefined
        }
        if (expected === undefined) {
          expect(read.kind).toBe('refused')
          return
        }
        expect(read).toMatchObject({ kind: 'path', ...expected })
        // Both read the query to the same parameters.
        if (read.kind === 'path') expect([...new URLSearchParams(read.search)]).toEqual([...new URLSearchParams(expected.search)])
      }),
      { numRuns: 5000 },
    )
  })

  it('read the targets clients send, an encoded query included, as the URL parser does', () => {
    for (const raw of ['/v1/conversations', '/v1/conversations/123?limit=30&date=2026-11-02T17:00:05.176Z', '/v2/contacts?phone=%2B12025550123']) {
      expect(readRequestTarget(raw)).toEqual({ kind: 'path', ...byUrlParser(raw) })
    }
  })
})
