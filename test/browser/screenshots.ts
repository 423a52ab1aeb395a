import type { Page } from '@playwright/test'

/** No hover, the thread scrolled to its end, fonts loaded: the same pixels every run. */
export async function steadyForScreenshot(page: Page) {
  await page.mouse.move(0, 0)
  await page.waitForFunction(() => {
    const thread = document.querySelector('[data-testid=messages]')
    return !thread || Math.abs(thread.scrollHeight - thread.clientHeight - thread.scrollTop) <= 1
  })
  await page.evaluate(() => document.fonts.ready)
}
