import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { createHeymarketMock, type Conversation } from '../../dist/index.js'
import { steadyForScreenshot } from './screenshots.js'

const preset = JSON.parse(readFileSync(new URL('../../fixtures/default.json', import.meta.url), 'utf8'))

/** The order the app must show: the owner's walk through the default preset, as Node computes it. */
async function expectedWalk(): Promise<number[]> {
  const mock = createHeymarketMock({ dataset: preset })
  const owner = preset.users.find((user: { role?: string }) => user.role === 'owner')
  const ids: number[] = []
  let date: string | undefined
  for (;;) {
    const response = await mock.fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ id: owner.id, filters: {}, limit: 30, ...(date ? { date } : {}) }) })
    const page = (await response.json()) as Conversation[]
    if (page.length === 0) return ids
    ids.push(...page.map((c) => c.id))
    date = page.at(-1)!.updated
  }
}

async function rows(page: Page) {
  return page.locator('[data-testid=conversation-row]').evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-id'))))
}

async function scrollToEnd(page: Page) {
  for (let i = 0; i < 200 && !(await page.getByTestId('list-end').isVisible()); i++) {
    const loading = page.getByTestId('list-loading')
    if (await loading.isVisible()) await loading.scrollIntoViewIfNeeded()
    await page.waitForTimeout(50)
  }
  await expect(page.getByTestId('list-end')).toBeVisible()
}

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

test('pages through a preset to the end with the date cursor and shows every conversation exactly once, in order', async ({ page }) => {
  await page.goto('/?preset=default&persist=off')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  await scrollToEnd(page)
  const shown = await rows(page)
  expect(new Set(shown).size).toBe(shown.length)
  expect(shown).toEqual(await expectedWalk())
  await expect(page.getByTestId('list-end')).toHaveText(`That's all: ${preset.conversations.length} conversations.`)
})

test('a customer writing into a closed conversation reopens it on screen and puts it on top', async ({ page }) => {
  await page.goto('/?preset=default&persist=off')
  await page.getByLabel('Status').selectOption('closed')
  const closed = page.locator('[data-testid=conversation-row][data-status=closed]').first()
  const id = await closed.getAttribute('data-id')
  await closed.click()
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-status', 'closed')
  await page.getByLabel('Status').selectOption('all')
  await page.getByLabel('Customer message').fill('Hi again, one more thing!')
  await page.getByRole('button', { name: 'Customer replies here' }).click()
  await expect(page.getByTestId('conversation-view')).toHaveAttribute('data-status', 'open')
  const top = page.getByTestId('conversation-row').first()
  await expect(top).toHaveAttribute('data-id', id!)
  await expect(top).toHaveAttribute('data-status', 'open')
  await expect(top).toHaveClass(/unread/)
  await expect(page.getByTestId('messages')).toContainText('Hi again, one more thing!')
})

test('the agent actions work against the mock: reply, close, reopen', async ({ page }) => {
  await page.goto('/?preset=default&persist=off')
  await page.getByLabel('Status').selectOption('open')
  await page.locator('[data-testid=conversation-row]').first().click()
  const view = page.getByTestId('conversation-view')
  await page.getByLabel('Reply').fill('On it!')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByTestId('messages')).toContainText('On it!')
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(view).toHaveAttribute('data-status', 'closed')
  await page.getByRole('button', { name: 'Reopen' }).click()
  await expect(view).toHaveAttribute('data-status', 'open')
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

test('screenshot of the example app', async ({ page }) => {
  await page.goto('/?preset=just-reopened&persist=off')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  // Time stands still where the preset's story happens, so the screenshot is the same every run.
  await page.evaluate(() => (window as unknown as { __heymarket: { clock: { set(time: string): void } } }).__heymarket.clock.set('2026-11-02T17:06:00Z'))
  await page.getByTestId('conversation-row').first().click()
  await expect(page.getByTestId('messages')).toContainText('one more question')
  await steadyForScreenshot(page)
  await page.screenshot({ path: 'test-results/screenshots/example-app.png', animations: 'disabled', caret: 'hide' })
})
