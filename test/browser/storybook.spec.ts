import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { STORYBOOK } from '../../playwright.config.js'
import { steadyForScreenshot } from './screenshots.js'

type Entry = { id: string; type: string; title: string; name: string }
const reopened = JSON.parse(readFileSync(new URL('../../fixtures/just-reopened.json', import.meta.url), 'utf8')).meta.reopenedConversation as number

/** What each story of the example Storybook must show, from its parameters.heymarket. */
const checks: Record<string, (page: import('@playwright/test').Page) => Promise<void>> = {
  'Empty Inbox': async (page) => {
    await expect(page.getByTestId('list-end')).toHaveText('No conversations here.')
  },
  'Busy Inbox': async (page) => {
    await expect(page.getByTestId('conversation-row')).toHaveCount(30)
  },
  'Just Reopened': async (page) => {
    const top = page.getByTestId('conversation-row').first()
    await expect(top).toHaveAttribute('data-id', String(reopened))
    await expect(top).toHaveClass(/unread/)
    await top.click()
    await expect(page.getByTestId('messages')).toContainText('one more question')
    await steadyForScreenshot(page)
    await page.screenshot({ path: 'test-results/screenshots/storybook-just-reopened.png', animations: 'disabled', caret: 'hide' })
  },
  'Closed And Unread': async (page) => {
    const row = page.getByTestId('conversation-row')
    await expect(row).toHaveCount(1)
    await expect(row).toHaveAttribute('data-status', 'closed')
    await expect(row).toHaveClass(/unread/)
    await row.click()
    await expect(page.getByTestId('messages').locator('> *')).toHaveCount(5)
  },
}

const index = async () => ((await (await fetch(`${STORYBOOK}/index.json`)).json()) as { entries: Record<string, Entry> }).entries

test('the Storybook build lists the stories of the example', async () => {
  const stories = Object.values(await index()).filter((entry) => entry.type === 'story')
  expect(stories.map((story) => story.name).sort()).toEqual(Object.keys(checks).sort())
})

for (const name of Object.keys(checks)) {
  test(`story "${name}" renders with its own mock`, async ({ page }) => {
    const story = Object.values(await index()).find((entry) => entry.type === 'story' && entry.name === name)!
    await page.goto(`${STORYBOOK}/iframe.html?id=${story.id}&viewMode=story`)
    await checks[name]!(page)
  })
}

test('a Docs page that renders every story at once keeps each story’s data apart', async ({ page }) => {
  const docs = Object.values(await index()).find((entry) => entry.type === 'docs')
  expect(docs).toBeDefined()
  await page.goto(`${STORYBOOK}/iframe.html?id=${docs!.id}&viewMode=docs`)
  // The primary story (Empty Inbox) shows on top and again in the list: empty both times, though the stories
  // below it, loaded after it on the same page and the same worker, have data.
  await expect(page.getByText('No conversations here.')).toHaveCount(2)
  await expect(page.locator(`[data-testid=conversation-row][data-id="${reopened}"]`)).toHaveCount(1)
  await expect(page.locator('[data-testid=conversation-row][data-status=closed].unread')).not.toHaveCount(0)
  await expect(page.locator('.error')).toHaveCount(0)
})
