/**
 * V8 links at most 1,536 hidden classes from the class of `{}`, one per first property name given to an object
 * built from `{}`, for as long as such an object lives. Maps keyed by phone numbers (a group conversation's
 * `targets`) built that way used up the links once a dataset held about 1,900 distinct first phones (100,000 seeded
 * conversations), and then every new property name anywhere in the process cost a hidden class of its own: zod's
 * parse of a request body took 6-9 µs instead of 0.5. The store keeps such maps as dictionaries
 * (src/store/compact-record.ts). This asks V8 itself, through its test functions in a child process run with
 * `--allow-natives-syntax`, whether two objects given the same new property name still share a hidden class after
 * the mock made and answered 1,700 group conversations, and after a new mock loaded them from a dataset.
 *
 * The child runs without response validation (the suite turns it on through HEYMARKET_MOCK_VALIDATE_RESPONSES):
 * validating an answer parses it with the wire schema, whose record of `targets` zod builds from `{}`, and those
 * parsed copies hold their links until the next full collection. That cost belongs to the opt-in checker, and
 * decisions/performance-floors.md says so.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('./support/hidden-class-links.mjs', import.meta.url))

describe('maps keyed by phone numbers', () => {
  it('leave V8 room to link the hidden classes of other objects', () => {
    const env = { ...process.env }
    delete env.HEYMARKET_MOCK_VALIDATE_RESPONSES
    const output = execFileSync(process.execPath, ['--allow-natives-syntax', script, '1700'], { encoding: 'utf8', timeout: 120_000, env })
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(result.groupConversations).toBe(1701)
    // Every group conversation was answered once as a view (the seeded inbox may hold a few more).
    expect(result.listed).toBeGreaterThanOrEqual(1700)
    expect(result.storedIsDictionary).toBe(true)
    expect({ afterSends: result.afterSends, afterViews: result.afterViews, afterLoad: result.afterLoad }).toEqual({ afterSends: true, afterViews: true, afterLoad: true })
  }, 150_000)
})
