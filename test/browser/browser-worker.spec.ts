/**
 * heymarket-mock/browser in the example app: the app's own service worker, persistence across reloads and tabs.
 * (The app's behaviour is tested through the Playwright fixture in example-app.spec.ts.)
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { createHeymarketMock } from '../../dist/index.js'

const preset = JSON.parse(readFileSync(new URL('../../fixtures/default.json', import.meta.url), 'utf8'))

test('the service worker registers and answers the API in the page', async ({ page }) => {
  await page.goto('/?preset=default&persist=off')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  const worker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
  expect(worker).toMatch(/\/mockServiceWorker\.js$/)
  const answer = await page.evaluate(async () => {
    const response = await fetch('https://api.heymarket.com/v1/team', { headers: { Authorization: 'Bearer in-page' } })
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() }
  })
  expect(answer.status).toBe(200)
  expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
  expect(answer.body.members.length).toBe(preset.users.length)
})

test('persisted state survives a reload, and Reset clears it', async ({ page }) => {
  await page.goto('/?preset=default')
  await page.getByLabel('Status').selectOption('open')
  const row = page.getByTestId('conversation-row').first()
  const id = (await row.getAttribute('data-id'))!
  await row.click()
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-status', 'closed')
  await page.waitForFunction((closedId) => (localStorage.getItem('heymarket-mock:default') ?? '').includes(`"id":${closedId}`), Number(id))
  await page.reload()
  await page.getByLabel('Status').selectOption('closed')
  await expect(page.locator(`[data-testid=conversation-row][data-id="${id}"]`)).toHaveAttribute('data-status', 'closed')
  await page.getByRole('button', { name: 'Reset' }).click()
  await page.waitForFunction((closedId) => !(localStorage.getItem('heymarket-mock:default') ?? '').includes(`"id":${closedId}`), Number(id))
  await page.reload()
  await page.getByLabel('Status').selectOption('open')
  await expect(page.locator(`[data-testid=conversation-row][data-id="${id}"]`)).toHaveAttribute('data-status', 'open')
})

test('a saved state from another version of the mock is refused, not half-loaded: the app still starts, and the console names the key and clearPersistedState()', async ({ page }) => {
  const warnings: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text())
  })
  await page.addInitScript(() => localStorage.setItem('heymarket-mock:default', JSON.stringify({ format: 'heymarket-mock/changes', version: 99, baseline: 'x', tables: {}, sequences: {} })))
  await page.goto('/?preset=default')
  // The seeded state, whole: the first page of conversations shows, and no error screen.
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  await expect(page.locator('.fatal')).toHaveCount(0)
  await expect.poll(() => warnings.join('\n')).toMatch(/"heymarket-mock:default" was not restored: .*saved in state version 99 and this heymarket-mock reads version 1.*clearPersistedState\("default"\)/)
})

test('two tabs of the app see each other’s changes', async ({ context }) => {
  const [first, second] = [await context.newPage(), await context.newPage()]
  await first.goto('/?preset=default')
  await second.goto('/?preset=default')
  // As a person would: look at the second tab, switch to the first to act, switch back.
  await second.bringToFront()
  await second.getByLabel('Status').selectOption('open')
  const row = second.getByTestId('conversation-row').first()
  const id = (await row.getAttribute('data-id'))!
  await first.bringToFront()
  await first.getByLabel('Status').selectOption('open')
  await first.locator(`[data-testid=conversation-row][data-id="${id}"]`).click()
  await first.getByRole('button', { name: 'Close' }).click()
  await expect(first.getByTestId('conversation-view')).toHaveAttribute('data-status', 'closed')
  await second.bringToFront()
  await expect(second.locator(`[data-testid=conversation-row][data-id="${id}"]`)).toHaveCount(0)
  await second.getByLabel('Status').selectOption('closed')
  await expect(second.locator(`[data-testid=conversation-row][data-id="${id}"]`)).toHaveAttribute('data-status', 'closed')
})

test('the same seed gives byte-identical responses in the browser and in Node', async ({ page }) => {
  await page.goto('/?seed=1&persist=off')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  const body = JSON.stringify({ id: 0, filters: {}, limit: 100 })
  const inBrowser = await page.evaluate(async (request) => {
    const response = await fetch('https://api.heymarket.com/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: request })
    return response.text()
  }, body)
  const inNode = await (await createHeymarketMock({ seed: 1 }).fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t' }, body })).text()
  expect(inBrowser).toBe(inNode)
})

