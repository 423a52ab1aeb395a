import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { publint } from 'publint'
import { describe, expect, it } from 'vitest'

/** Checks of the package as the registry would get it (run after `npm run build`, as `npm test` does). */
const root = new URL('../../', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))

describe('the package, ready to publish', () => {
  it('has no problem publint reports, suggestions included', async () => {
    const { messages } = await publint({ pkgDir: root, strict: true, level: 'suggestion', pack: 'npm' })
    expect(messages.map((message) => `${message.type} ${message.code} ${JSON.stringify(message.args)}`)).toEqual([])
  })

  it('resolves types and code for every subpath in every TypeScript module resolution (@arethetypeswrong/cli), node10 included', () => {
    // node10 is what a `"module": "commonjs"` project uses: typesVersions in package.json serves it the subpaths.
    const attw = `${root}node_modules/@arethetypeswrong/cli/dist/index.js`
    let output: string
    try {
      output = execFileSync(process.execPath, [attw, '--pack', '.', '--format', 'json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      output = (error as { stdout: string }).stdout
    }
    const report = JSON.parse(output) as { problems: Record<string, unknown[]>; analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } }
    expect(report.problems).toEqual({})
    expect(report.analysis.problems).toEqual([])
    const entrypoints = Object.keys(report.analysis.entrypoints)
    expect(entrypoints).toEqual(expect.arrayContaining(['.', './node', './browser', './server', './openapi.json']))
  })

  it('says where it lives: repository, homepage, bugs and keywords', () => {
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\//)
    expect(pkg.homepage).toMatch(/^https:\/\//)
    expect(pkg.bugs.url).toMatch(/^https:\/\/.*\/issues$/)
    expect(pkg.keywords).toEqual(expect.arrayContaining(['heymarket', 'msw', 'mock']))
  })

  it("shows the README's images on the registry page: every image has an absolute https URL to a committed file", () => {
    const readme = readFileSync(`${root}README.md`, 'utf8')
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!)
    expect(images.length).toBeGreaterThan(0)
    const base = `https://raw.githubusercontent.com/${pkg.repository.url.replace(/^git\+https:\/\/github\.com\//, '').replace(/\.git$/, '')}/main/`
    for (const image of images) {
      expect(image.startsWith(base), image).toBe(true)
      expect(() => readFileSync(`${root}${image.slice(base.length)}`)).not.toThrow()
    }
  })

  it('carries no absolute path of the build machine in its source maps', () => {
    const maps = readdirSync(`${root}dist`).filter((file) => file.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(4)
    for (const file of maps) {
      const text = readFileSync(`${root}dist/${file}`, 'utf8')
      const map = JSON.parse(text) as { file?: string; sources: string[] }
      expect(map.sources.filter((source) => isAbsolute(source) || /^file:/.test(source)), file).toEqual([])
      if (map.file) expect(isAbsolute(map.file), file).toBe(false)
      expect(text.includes(root.replace(/\/$/, '')), `${file} names ${root}`).toBe(false)
    }
  })

  // The bound is on data shipped the wrong way (busy-inbox as pretty JSON was +5 MB unpacked), with room for the
  // code of the subpaths that issues 14 and 16 added (playwright, storybook, sessions: about 30 KB packed).
  it('packs small: at most 1.75 MB packed and 5 MB unpacked (it was 1.9 MB and 10.4 MB with busy-inbox as JSON)', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
    expect(packed.size).toBeLessThan(1_750_000)
    expect(packed.unpackedSize).toBeLessThan(5_000_000)
    const files = packed.files.map((file: { path: string }) => file.path)
    expect(files).toContain('fixtures/busy-inbox.dataset.gz')
    expect(files).not.toContain('fixtures/busy-inbox.json')
  })

  it('passes npm publish --dry-run', () => {
    const output = execFileSync('npm', ['publish', '--dry-run', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(output).toContain(`+ ${pkg.name}@${pkg.version}`)
  }, 120_000)
})
