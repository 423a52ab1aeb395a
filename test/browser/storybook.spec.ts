import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { STORYBOOK } from '../../playwright.config.js'
import { steadyForScreenshot } from './screenshots.js'

type Entry = { id: string; type: string; title: string; name: string }
const reopened = JSON.parse(readFileSync(new URL('../../fixtures/just-reopened.json', import.meta.url), 'utf8')).meta.reopenedConversation as number

test('the static Storybook build renders every story with data from the mock', async ({ page }) => {
  const index = (await (await fetch(`${STORYBOOK}/index.json`)).json()) as { entries: Record<string, Entry> }
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story')
  expect(stories.map((story) => story.name).sort()).toEqual(['Busy Inbox', 'Empty Inbox', 'Just Reopened'])
  for (const story of stories) {
    await page.goto(`${STORYBOOK}/iframe.html?id=${story.id}&viewMode=story`)
    if (story.name === 'Empty Inbox') {
      await expect(page.getByTestId('list-end')).toHaveText('No conversations here.')
    } else if (story.name === 'Busy Inbox') {
      await expect(page.getByTestId('conversation-row')).toHaveCount(30)
    } else {
      const top = page.getByTestId('conversation-row').first()
      await expect(top).toHaveAttribute('data-id', String(reopened))
      await expect(top).toHaveClass(/unread/)
      await top.click()
      await expect(page.getByTestId('messages')).toContainText('one more question')
      await steadyForScreenshot(page)
      await page.screenshot({ path: 'test-results/screenshots/storybook-just-reopened.png', animations: 'disabled', caret: 'hide' })
    }
  }
})
