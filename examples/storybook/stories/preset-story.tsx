import type { StoryObj } from '@storybook/react-vite'
import { createHeymarketClient, createHeymarketMock, DEFAULT_ANCHOR, PRESET_FILES, readDataset, type PresetName } from 'heymarket-mock'
import type { SetupWorker } from 'msw/browser'
import { InboxScreen } from '../../inbox-app/src/components/InboxScreen.js'

/**
 * A story that shows the inbox screen over one of the package's presets.
 * Each story's mock answers on a base URL of its own, so that when a Docs page renders several stories with one
 * shared handler list (msw-storybook-addon#83), no story's data leaks into another's.
 */
export function presetStory(preset: PresetName): StoryObj {
  const baseUrl = `https://api.heymarket.test/stories/${preset}`
  return {
    async beforeEach(context) {
      // A large preset ships gzipped (busy-inbox.dataset.gz); readDataset reads either form, typed, without a cast.
      const dataset = await readDataset(fetch(`presets/${PRESET_FILES[preset]}`))
      // Time stands still at the end of the preset's history, so every render of the story is the same.
      const mock = createHeymarketMock({ dataset, baseUrl, clock: { start: dataset.meta.anchor }, validateResponses: true })
      await mock.ready
      ;(context as unknown as { msw: SetupWorker }).msw.use(...mock.handlers)
    },
    // Times read as they did a few minutes after the preset's history ends, whatever day the story is opened.
    render: () => <InboxScreen client={createHeymarketClient({ baseUrl, token: 'storybook' })} now={() => Date.parse(DEFAULT_ANCHOR) + 6 * 60_000} />,
  }
}
