import type { MockContext } from './context.js'
import { deliverDueScheduled } from './scheduled-messages.js'
import { wakeDueSnoozes } from './snooze-and-mute.js'

/**
 * What happens because time passed: snoozes end, scheduled messages go out. Runs before every request is
 * answered and whenever the mock clock is moved, so that the clock alone decides when things happen.
 * Returns a promise only when a scheduled message is due (the common case costs two lookups).
 */
export function runDueWork(ctx: MockContext): Promise<void> | undefined {
  const now = ctx.clock.nowMicros()
  const snooze = ctx.store.indexes.snoozedConversations.list.first()
  if (snooze && snooze.updated <= now) wakeDueSnoozes(ctx)
  const scheduled = ctx.store.indexes.scheduledByExecute.list.first()
  if (scheduled && scheduled.updated <= now) return deliverDueScheduled(ctx).then(() => undefined)
  return undefined
}
