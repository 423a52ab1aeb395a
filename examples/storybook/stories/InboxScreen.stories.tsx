import type { Meta, StoryObj } from '@storybook/react-vite'
import { InboxScreen } from '../../inbox-app/src/components/InboxScreen.js'
import { presetStory } from './preset-story.js'

const meta = {
  title: 'Inbox/Inbox screen',
  component: InboxScreen,
} satisfies Meta<typeof InboxScreen>

export default meta
type Story = StoryObj<typeof meta>

/** A team that has not talked to any customer yet. */
export const EmptyInbox: Story = presetStory('empty-inbox') as Story

/** Four inboxes and 4,000 conversations: scroll to page through them. */
export const BusyInbox: Story = presetStory('busy-inbox') as Story

/** A customer has just written into a closed conversation: it is back on top, open and unread. */
export const JustReopened: Story = presetStory('just-reopened') as Story
