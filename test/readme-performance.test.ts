import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REPORT_END, REPORT_START, renderReport, withReport } from '../bench/report.js'

const root = new URL('../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const latest = JSON.parse(readFileSync(new URL('bench/results/latest.json', root), 'utf8'))

describe("the README's performance figures", () => {
  it('are the ones the last full benchmark run wrote to bench/results/latest.json', () => {
    // A hand edit of the figures, or a full run whose README change was not committed, fails here.
    expect(withReport(readme, renderReport(latest))).toBe(readme)
  })

  it('name the machine and the run they were measured on, and every target with its verdict', () => {
    const part = readme.slice(readme.indexOf(REPORT_START), readme.indexOf(REPORT_END))
    expect(part).toContain(`${latest.machine.cores} cores`)
    expect(part).toContain(latest.date.slice(0, 10))
    for (const target of latest.targets as { name: string; pass: boolean }[]) expect(part).toContain(`| ${target.name} |`)
  })
})
