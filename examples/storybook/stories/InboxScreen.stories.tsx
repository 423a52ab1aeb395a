import type { Meta, StoryObj } from '@storybook/react-vite'
import { heymarketOf } from 'heymarket-mock/storybook'
import { InboxScreen } from '../../inbox-app/src/components/InboxScreen.js'

const meta = {
  title: 'Inbox/Inbox screen',
  // A Docs page renders every story at once, each over its own mock.
  tags: ['autodocs'],
  // Each story's own mock, on a base URL of its own: heymarketOf(context) gives the client for it. Times read
  // from the story's test clock, so every render is the same.
  render: (_args, context) => {
    const { client, mock } = heymarketOf(context)
    return <InboxScreen client={client} now={() => mock.clock.now().getTime() + 6 * 60_000} />
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A team that has not talked to any customer yet. */
export const EmptyInbox: Story = { parameters: { heymarket: { preset: 'empty-inbox' } } }

/** Four inboxes and 4,000 conversations: scroll to page through them. */
export const BusyInbox: Story = { parameters: { heymarket: { preset: 'busy-inbox' } } }

/** A customer has just written into a closed conversation: it is back on top, open and unread. */
export const JustReopened: Story = { parameters: { heymarket: { preset: 'just-reopened' } } }

/** Built with the factories: a closed, unread conversation with five messages, on an empty team. */
export const ClosedAndUnread: Story = {
  parameters: {
    heymarket: {
      preset: 'empty-inbox',
      setup: async (mock) => {
        await mock.build.conversation({ traits: ['closed', 'unread'], messages: 5, first: 'Rosa', last: 'Diaz' })
      },
    },
  },
}
