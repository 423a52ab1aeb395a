import { countAllMessages, listAllMessages, messageHistory } from '../rules/message-history.js'
import { createScheduled, deleteScheduled, getScheduled, updateScheduled } from '../rules/scheduled-messages.js'
import { sendEmail } from '../rules/send-email.js'
import { sendMessage } from '../rules/send-message.js'
import { operations } from '../schema/operations.js'
import { route } from './route.js'

/** Sending, history and scheduled messages. */
export const messageRoutes = [
  route(operations.sendMessage, (ctx, { body }) => sendMessage(ctx, body)),
  route(operations.sendEmail, (ctx, { body }) => sendEmail(ctx, body)),
  route(operations.getMessageHistory, (ctx, { query }) => messageHistory(ctx, query)),
  route(operations.listAllMessages, (ctx, { body }) => listAllMessages(ctx, body)),
  route(operations.countAllMessages, (ctx, { body }) => String(countAllMessages(ctx, body))),
  route(operations.createScheduledMessage, (ctx, { body }) => createScheduled(ctx, body)),
  route(operations.getScheduledMessage, (ctx, { params }) => getScheduled(ctx, params.id)),
  route(operations.updateScheduledMessage, (ctx, { params, body }) => updateScheduled(ctx, params.id, body)),
  route(operations.cancelScheduledMessage, (ctx, { params }) => (deleteScheduled(ctx, params.id), 'ok')),
]
