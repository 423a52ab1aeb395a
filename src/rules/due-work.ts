import type { MockContext } from './context.js'
import { deliverDueScheduled } from './scheduled-messages.js'
import { wakeDueSnoozes } from './snooze-and-mute.js'

/**
 * What happens because time passed: snoozes end, scheduled messages go out. Runs before every request is
 * answered and whenever the mock clock is moved, so that the clock alone decides when things happen.
 */
export async function runDueWork(ctx: MockContext): Promise<void> {
  wakeDueSnoozes(ctx)
  await deliverDueScheduled(ctx)
}
