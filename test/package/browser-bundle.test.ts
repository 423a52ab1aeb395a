import { describe, expect, it } from 'vitest'
import { benchBundleSize } from '../../bench/lib/bundle-size.js'

describe('heymarket-mock/browser in a bundled page (dist/)', () => {
  it('never loads faker when the page starts from a preset: the generator is a lazy chunk of its own', async () => {
    const bundle = await benchBundleSize()
    expect(bundle.initialHasFaker).toBe(false)
    expect(bundle.lazyChunks.some((chunk) => chunk.hasFaker)).toBe(true)
    // What the mock adds to msw stays in the order of what it was measured at (133 KiB gzipped)
    expect(bundle.addedGzip).toBeLessThan(200 * 1024)
  })
})
