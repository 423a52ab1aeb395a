import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * A fresh Vite app whose main.ts starts the mock the README's way (a dynamic import inside `if
 * (import.meta.env.DEV)`), built for production: the bundle holds none of the mock, msw or faker.
 * The same app built in development mode is the control: there the mock is in the output.
 */
const root = new URL('../../', import.meta.url).pathname
const readme = readFileSync(`${root}README.md`, 'utf8')
const snippet = /```ts\n(\/\/ src\/main\.ts\n[\s\S]*?)```/.exec(readme)?.[1]
mkdirSync(`${root}node_modules/.cache`, { recursive: true })
const app = mkdtempSync(`${root}node_modules/.cache/fresh-vite-app-`)
afterAll(() => rmSync(app, { recursive: true, force: true }))

/** Strings only the mock (and msw) put into a bundle. */
const MARKERS = ['api.heymarket.com', 'mockServiceWorker', 'startHeymarketWorker', '[MSW]']

async function buildApp(mode: 'production' | 'development'): Promise<string> {
  const outDir = join(app, `dist-${mode}`)
  // Vite takes DEV/PROD from NODE_ENV, which vitest sets to 'test': set it as `vite build` would.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = mode
  await build({
    root: app,
    mode,
    logLevel: 'silent',
    configFile: false,
    resolve: { alias: [{ find: /^heymarket-mock\/browser$/, replacement: `${root}dist/browser.js` }] },
    build: { outDir, target: 'es2022', minify: mode === 'production' },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv
  })
  const files = readdirSync(join(outDir, 'assets'), { recursive: true }).map(String).filter((file) => file.endsWith('.js'))
  return files.map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n')
}

describe("the README's browser snippet in a fresh Vite app", () => {
  it('is in the README, importing heymarket-mock/browser inside the DEV guard', () => {
    expect(snippet).toMatch(/if \(import\.meta\.env\.DEV\) \{\n[\s\S]*await import\('heymarket-mock\/browser'\)/)
    expect(snippet).not.toMatch(/^import .*heymarket-mock/m)
  })

  it('leaves the whole mock out of a production build', async () => {
    writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>')
    mkdirSync(join(app, 'src'), { recursive: true })
    writeFileSync(join(app, 'src/main.ts'), `${snippet}\ndocument.querySelector('#app')!.textContent = 'the app'\n`)
    const production = await buildApp('production')
    expect(production).toContain('the app')
    for (const marker of MARKERS) expect(production.includes(marker), marker).toBe(false)
    expect(Buffer.byteLength(production)).toBeLessThan(10_000)

    const development = await buildApp('development')
    for (const marker of MARKERS) expect(development.includes(marker), marker).toBe(true)
  }, 120_000)
})
