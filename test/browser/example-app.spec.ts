/**
 * The example app's behaviour, with the API answered by heymarket-mock/playwright: each test has a mock of its own
 * in the test runner's process, reached through Playwright's routing (the app's own worker stays off).
 * The tests of this file run in parallel workers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHeymarketMock, type Conversation } from '../../dist/index.js'
import { expect, test } from '../../dist/playwright.js'
import { steadyForScreenshot } from './screenshots.js'

test.describe.configure({ mode: 'parallel' })
test.use({ heymarket: { preset: 'default' } })

type Page = import('@playwright/test').Page

async function rows(page: Page) {
  return page.locator('[data-testid=conversation-row]').evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-id'))))
}

async function scrollToEnd(page: Page) {
  const list = page.getByTestId('conversation-list')
  for (let i = 0; i < 200 && !(await page.getByTestId('list-end').isVisible()); i++) {
    // Scrolls to whatever is last in the list now, in one step in the page. A locator action on the "Loading…"
    // row would wait, with no time limit, for that row to come back once the last page has replaced it.
    await list.evaluate((element) => element.lastElementChild?.scrollIntoView({ block: 'end' }))
    await page.waitForTimeout(50)
  }
  await expect(page.getByTestId('list-end')).toBeVisible()
}

test('the app’s own worker stays off and the page’s requests reach the test’s mock', async ({ page, heymarket }) => {
  await page.goto('/')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull()
  const listed = heymarket.requests.filter((request) => request.operationId === 'listConversations')
  expect(listed.length).toBeGreaterThan(0)
  expect(listed[0]).toMatchObject({ method: 'POST', path: '/v1/conversations', status: 200 })
  expect(listed[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/)
})

test('pages through a preset to the end with the date cursor and shows every conversation exactly once, in order', async ({ page, heymarket }) => {
  await page.goto('/')
  await expect(page.getByTestId('conversation-row').first()).toBeVisible()
  await scrollToEnd(page)
  const shown = await rows(page)
  expect(new Set(shown).size).toBe(shown.length)
  // The order the API gives, walked in Node over a fresh mock of the same preset.
  const fresh = createHeymarketMock({ dataset: await heymarket.mock.exportDataset() })
  const owner = heymarket.db.user.findMany().find((user) => user.role === 'owner')!
  const ids: number[] = []
  let date: string | undefined
  for (;;) {
    const response = await fresh.fetch('/v1/conversations', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ id: owner.id, filters: {}, limit: 30, ...(date ? { date } : {}) }) })
    const page = (await response.json()) as Conversation[]
    if (page.length === 0) break
    ids.push(...page.map((c) => c.id))
    date = page.at(-1)!.updated
  }
  expect(shown).toEqual(ids)
  await expect(page.getByTestId('list-end')).toHaveText(`That's all: ${heymarket.db.conversation.count()} conversations.`)
  // Each page asked for the next one by the date cursor, as the API's docs describe (body field "date").
  const cursors = heymarket.requests.filter((r) => r.operationId === 'listConversations').map((r) => (r.body as { date?: string }).date)
  expect(cursors[0]).toBeUndefined()
  expect(cursors.filter(Boolean).length).toBeGreaterThan(0)
})

test('a customer writing into a closed conversation reopens it on screen and puts it on top', async ({ page, heymarket }) => {
  const { conversation } = await heymarket.build.conversation({ traits: ['closed'], messages: 2, first: 'Rosa', last: 'Diaz' })
  await page.goto('/')
  await page.getByLabel('Status').selectOption('closed')
  const closed = page.locator(`[data-testid=conversation-row][data-id="${conversation.id}"]`)
  await expect(closed).toHaveAttribute('data-status', 'closed')
  await page.getByLabel('Status').selectOption('all')
  await heymarket.simulate.inbound({ conversation_id: conversation.id, text: 'Hi again, one more thing!' })
  await page.getByRole('button', { name: 'Refresh' }).click()
  const top = page.getByTestId('conversation-row').first()
  await expect(top).toHaveAttribute('data-id', String(conversation.id))
  await expect(top).toHaveAttribute('data-status', 'open')
  await expect(top).toHaveClass(/unread/)
  await top.click()
  await expect(page.getByTestId('messages')).toContainText('Hi again, one more thing!')
})

test('the agent actions work against the mock: reply, close, reopen; the app sent what the API expects', async ({ page, heymarket }) => {
  await page.goto('/')
  await page.getByLabel('Status').selectOption('open')
  const row = page.locator('[data-testid=conversation-row]').first()
  const id = Number(await row.getAttribute('data-id'))
  await row.click()
  const view = page.getByTestId('conversation-view')
  await page.getByLabel('Reply').fill('On it!')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByTestId('messages')).toContainText('On it!')
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(view).toHaveAttribute('data-status', 'closed')
  expect(heymarket.db.conversation.findFirst((q) => q.where({ id }))!.status).toBe('closed')
  await page.getByRole('button', { name: 'Reopen' }).click()
  await expect(view).toHaveAttribute('data-status', 'open')
  // The open filter is sent as filters.closed: false (docs: api-reference/conversations/list-conversations).
  const filtered = heymarket.requests.find((r) => r.operationId === 'listConversations' && (r.body as { filters?: { closed?: boolean } }).filters?.closed === false)
  expect(filtered).toBeDefined()
  expect(heymarket.requests.find((r) => r.operationId === 'sendMessage')).toMatchObject({ status: 200, body: { chat_id: id, text: 'On it!' } })
})

test('an overridden endpoint answers what the test says; the rest still comes from the mock', async ({ page, heymarket }) => {
  const [only] = heymarket.db.conversation.findMany().slice(0, 1)
  const answer = await (await heymarket.mock.fetch(`/v1/conversations/${only!.id}`, { headers: { Authorization: 'Bearer t' } })).json()
  // A one-conversation list, as the API would give it: the page after it (asked for by the date cursor) is empty.
  // Answering every page with the same conversation would make the app's infinite scroll append it again and again.
  heymarket.override('listConversations', async (request) => {
    const body = (await request.json()) as { date?: string }
    return Response.json(body.date ? [] : [{ ...answer, name: 'Overridden Person' }])
  })
  await page.goto('/')
  await expect(page.getByTestId('list-end')).toBeVisible()
  await expect(page.getByTestId('conversation-row')).toHaveCount(1)
  await expect(page.getByTestId('conversation-row').first()).toContainText('Overridden Person')
})

test('an injected fault shows the app’s error state', async ({ page, heymarket }) => {
  heymarket.faults.add({ operations: ['listConversations'], status: 503 })
  await page.goto('/')
  await expect(page.locator('.error')).toContainText(/503|server answered/)
  expect(heymarket.requests.filter((r) => r.operationId === 'listConversations').every((r) => r.status === 503)).toBe(true)
})

test.describe('two workers at once', () => {
  // Both tests wait at a rendezvous until the other has started, so they are known to run at the same time in
  // two worker processes; each then closes a conversation and must not see the other's close.
  // One meeting place per run and per repeat (--repeat-each, retries), so that a pair never meets an earlier pair.
  const meetingPlace = (testInfo: { repeatEachIndex: number; retry: number }) =>
    join('test-results', 'browser', `workers-${process.env.PLAYWRIGHT_RUN_ID ?? process.ppid}-${testInfo.repeatEachIndex}-${testInfo.retry}`)
  for (const side of ['left', 'right'] as const) {
    test(`the ${side} test's writes never meet the other's`, async ({ page, heymarket }, testInfo) => {
      const rendezvous = meetingPlace(testInfo)
      mkdirSync(rendezvous, { recursive: true })
      writeFileSync(join(rendezvous, side), String(testInfo.workerIndex))
      const other = join(rendezvous, side === 'left' ? 'right' : 'left')
      await expect.poll(() => existsSync(other), { timeout: 60_000 }).toBe(true)
      const open = heymarket.db.conversation.findMany((q) => q.where({ status: 'open' })).sort((a, b) => a.id - b.id)
      const mine = open[side === 'left' ? 0 : 1]!
      const theirs = open[side === 'left' ? 1 : 0]!
      const inbox = heymarket.db.inbox.findFirst((q) => q.where({ id: mine.inbox }))!
      await page.goto('/')
      const status = await page.evaluate(
        async ({ base, chat, inboxId, user }) => {
          const response = await fetch(`${base}/v1/conversations/close`, { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: JSON.stringify({ inbox_id: inboxId, chat_id: chat, user_id: user }) })
          return response.status
        },
        { base: heymarket.baseUrl, chat: mine.id, inboxId: mine.inbox, user: inbox.members[0]! },
      )
      expect(status).toBe(200)
      await expect.poll(() => heymarket.db.conversation.findFirst((q) => q.where({ id: mine.id }))!.status).toBe('closed')
      // Give the other worker time to close its own, then check it never reached this mock.
      writeFileSync(join(rendezvous, `${side}-done`), '')
      await expect.poll(() => existsSync(join(rendezvous, `${side === 'left' ? 'right' : 'left'}-done`)), { timeout: 60_000 }).toBe(true)
      expect(heymarket.db.conversation.findFirst((q) => q.where({ id: theirs.id }))!.status).toBe('open')
      expect(Number(readFileSync(other, 'utf8'))).not.toBe(testInfo.workerIndex)
    })
  }
})

test.describe('the screenshot', () => {
  test.use({ heymarket: { preset: 'just-reopened', clock: { start: '2026-11-02T17:06:00Z' } } })
  test('of the example app', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByTestId('conversation-row').first()).toBeVisible()
    await page.getByTestId('conversation-row').first().click()
    await expect(page.getByTestId('messages')).toContainText('one more question')
    await steadyForScreenshot(page)
    await page.screenshot({ path: 'test-results/screenshots/example-app.png', animations: 'disabled', caret: 'hide' })
  })
})
