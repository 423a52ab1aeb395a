import { z } from 'zod'
import { countResponseSchema, okResponseSchema } from '../schema/conversation-requests.js'
import { messageSchema } from '../schema/message.js'
import {
  allMessagesRequestSchema,
  messageHistoryQuerySchema,
  sendEmailRequestSchema,
  sendEmailResponseSchema,
  sendMessageRequestSchema,
  sendMessageResponseSchema,
} from '../schema/message-requests.js'
import { scheduledSchema } from '../schema/scheduled.js'
import { scheduleRequestSchema } from '../schema/schedule-requests.js'
import { countAllMessages, listAllMessages, messageHistory } from '../rules/message-history.js'
import { createScheduled, deleteScheduled, getScheduled, updateScheduled } from '../rules/scheduled-messages.js'
import { sendEmail } from '../rules/send-email.js'
import { sendMessage } from '../rules/send-message.js'
import { defineRoute, pathIdSchema } from './route.js'

const tag = 'Messages'
const idParams = z.object({ id: pathIdSchema })

/** Sending, history and scheduled messages. */
export const messageRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/message/send',
    operationId: 'sendMessage',
    summary: 'Send an SMS/MMS, a group MMS, a list broadcast or an internal comment',
    tag,
    body: sendMessageRequestSchema,
    response: sendMessageResponseSchema,
    handle: (ctx, { body }) => sendMessage(ctx, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/email/send',
    operationId: 'sendEmail',
    summary: 'Send an email, starting a thread or replying in one',
    tag,
    body: sendEmailRequestSchema,
    response: sendEmailResponseSchema,
    handle: (ctx, { body }) => sendEmail(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/messages',
    operationId: 'getMessageHistory',
    summary: 'The latest 50 messages with a phone number, most recent first',
    tag,
    query: messageHistoryQuerySchema,
    response: z.array(messageSchema),
    handle: (ctx, { query }) => messageHistory(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/messages/all',
    operationId: 'listAllMessages',
    summary: 'Every message of the team, with a created_at cursor',
    tag,
    body: allMessagesRequestSchema,
    response: z.array(messageSchema),
    handle: (ctx, { body }) => listAllMessages(ctx, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/messages/all/count',
    operationId: 'countAllMessages',
    summary: 'Count the team-wide messages (the number as a JSON string)',
    tag,
    body: allMessagesRequestSchema,
    response: countResponseSchema,
    handle: (ctx, { body }) => String(countAllMessages(ctx, body)),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/schedule',
    operationId: 'createScheduledMessage',
    summary: 'Schedule a message (15+ minutes ahead, on a quarter hour)',
    tag: 'Scheduled messages',
    body: scheduleRequestSchema,
    response: scheduledSchema,
    handle: (ctx, { body }) => createScheduled(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/schedule/:id',
    operationId: 'getScheduledMessage',
    summary: 'Get a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: scheduledSchema,
    handle: (ctx, { params }) => getScheduled(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/schedule/:id',
    operationId: 'updateScheduledMessage',
    summary: 'Replace a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    body: scheduleRequestSchema,
    response: scheduledSchema,
    handle: (ctx, { params, body }) => updateScheduled(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/schedule/:id',
    operationId: 'cancelScheduledMessage',
    summary: 'Cancel a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: okResponseSchema,
    handle: (ctx, { params }) => (deleteScheduled(ctx, params.id), 'ok'),
  }),
]
