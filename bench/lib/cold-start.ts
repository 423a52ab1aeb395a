import { execFileSync } from 'node:child_process'
import { median } from './measure.js'

const root = new URL('../../', import.meta.url).pathname

/** Milliseconds from a fresh Node process's first line to a ready mock (import of the built package included). */
function coldStart(setup: string): number {
  const code = `
    const started = performance.now()
    const { createHeymarketMock } = await import('heymarket-mock')
    const { loadFixture } = await import('heymarket-mock/node')
    const mock = createHeymarketMock(${setup})
    await mock.ready
    process.stdout.write(String(performance.now() - started))
  `
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }))
}

export function benchColdStart(times: number) {
  const cases = {
    'preset default (200 conversations)': "{ dataset: loadFixture('default') }",
    'seed 1, default size (200 conversations)': '{ seed: 1 }',
    'preset busy-inbox (4,000 conversations)': "{ dataset: loadFixture('busy-inbox') }",
    'seed 3, busy-inbox size (4,000 conversations)':
      "{ seed: 3, size: { inboxes: 4, users: 14, conversations: 4000, messagesPerConversation: { min: 1, max: 5 } } }",
  }
  const results: Record<string, number> = {}
  for (const [name, setup] of Object.entries(cases)) {
    results[name] = median(Array.from({ length: times }, () => coldStart(setup)))
  }
  return results
}
