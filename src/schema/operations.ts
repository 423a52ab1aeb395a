import { z } from 'zod'
import { contactSchema } from './contact.js'
import { contactFieldSchema } from './contact-field.js'
import {
  batchContactsRequestSchema,
  batchContactsResponseSchema,
  bulkContactsV2RequestSchema,
  bulkContactsV2ResponseSchema,
  bulkContactV2EntrySchema,
  bulkDeleteContactsV2RequestSchema,
  contactChannelInputSchema,
  contactChannelSchema,
  updateContactV2RequestSchema,
  contactRequestSchema,
  contactStatusRequestSchema,
  contactStatusResponseSchema,
  contactV2Schema,
  createContactFieldsRequestSchema,
  createContactV2RequestSchema,
  createdResponseSchema,
  getContactRequestSchema,
  listContactsV2RequestSchema,
  paginationRequestSchema,
  searchContactsV2RequestSchema,
  setContactStatusRequestSchema,
  updatedResponseSchema,
} from './contact-requests.js'
import { conversationSchema } from './conversation.js'
import {
  conversationActionRequestSchema,
  openCloseConversationRequestSchema,
  countConversationsRequestSchema,
  countResponseSchema,
  listConversationsRequestSchema,
  okResponseSchema,
  reassignConversationRequestSchema,
  transferConversationRequestSchema,
} from './conversation-requests.js'
import { inboxSchema } from './inbox.js'
import {
  createListV1RequestSchema,
  createListV2RequestSchema,
  deletedListResponseSchema,
  deleteListV2RequestSchema,
  listSchema,
  updateListV1RequestSchema,
  updateListV2RequestSchema,
} from './list.js'
import { messageSchema } from './message.js'
import {
  allMessagesRequestSchema,
  messageHistoryQuerySchema,
  sendEmailRequestSchema,
  sendEmailResponseSchema,
  sendMessageRequestSchema,
  sendMessageResponseSchema,
} from './message-requests.js'
import { scheduledSchema } from './scheduled.js'
import { scheduleRequestSchema } from './schedule-requests.js'
import { listSurveysRequestSchema, surveySchema } from './survey.js'
import { tagRequestSchema, tagSchema } from './tag.js'
import { findUsersQuerySchema, memberSchema, membershipSchema, teamSchema, updateUsersRequestSchema } from './team.js'
import { templateRequestSchema, templateSchema } from './template.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * One endpoint of the API as data: where it lives, what it takes and what it answers. The mock's handlers, the
 * typed client and the OpenAPI document are all made from these.
 */
export type OperationSpec = {
  operationId: string
  method: HttpMethod
  /** Path with `:name` parameters, e.g. `/v1/conversations/:id`. */
  path: string
  summary: string
  tag: string
  /**
   * The developer-docs page that documents it, a path under https://developers.heymarket.com (emitted as the
   * operation's `externalDocs` in OpenAPI and linked from the README's endpoint table).
   */
  docs: string
  /**
   * Not in the current docs' endpoint list: a deprecated v1 list endpoint or an older guide's `GET /v1/users`,
   * still called by public clients (emitted as `deprecated` in OpenAPI).
   */
  deprecated?: true
  /**
   * For batch endpoints: the schema each entry is checked against on its own. An entry that fails it is
   * answered as failed and the others go ahead, so it is not a 400 of the request.
   */
  entry?: z.ZodType
  /**
   * Rules across fields, or against the mock's state, that a JSON Schema cannot state: each is a 400 naming
   * `field` (`[]` stands for any index). Emitted as `x-heymarket-rules` and in the description.
   */
  rules?: readonly { field: string; rule: string }[]
  /** The request body; endpoints without one ignore any body. */
  body?: z.ZodType
  /** `'array'` for the endpoints whose body is a JSON array (batch creates). */
  bodyShape?: 'object' | 'array'
  params?: z.ZodType
  /** The query string (repeated keys and `key[]` read as arrays). */
  query?: z.ZodType
  /** A successful answer. */
  response: z.ZodType
}

/** Declares an operation, keeping its literal types (id, method, path) for the typed client. */
export function defineOperation<const O extends OperationSpec>(operation: O): O {
  return operation
}

/** A path parameter that must be an integer id. */
export const pathIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'must be an integer id' })
  .transform(Number)

/** A query parameter that may be given once or repeated, read as an array either way. */
export function queryArray<S extends z.ZodType<string>>(item: S) {
  return z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]))
}

/** A `true`/`false` query flag. */
export const queryFlagSchema = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const idParams = z.object({ id: pathIdSchema })
/** A v2 contact path names the contact by its UUID (docs: /api-reference/contacts/get), never the v1 integer id. */
const contactIdParams = z.object({
  contactID: z.uuid({ message: 'must be a contact UUID (such as a1b2c3d4-e5f6-4890-abcd-ef1234567890), not the v1 integer id' }),
})
const channelParams = contactIdParams.extend({ channelType: z.string().min(1).max(64) })
const overwriteQuery = z.object({ overwrite: queryFlagSchema.optional() })

/** What a schedule create or update needs beyond its schema. */
const scheduleRules = [
  { field: 'phone_number', rule: 'exactly one recipient: phone_number, conversation_id, list_id or targets' },
  { field: 'conversation_id', rule: 'not together with another recipient' },
  { field: 'list_id', rule: 'not together with another recipient' },
  { field: 'targets', rule: 'not together with another recipient' },
  { field: 'content.text', rule: 'some content: content.text, content.template, attachments or gallery' },
  { field: 'execute_at', rule: 'at least 15 minutes from now, on a quarter hour (:00, :15, :30, :45)' },
] as const

/** Every endpoint the mock serves, by operation id. */
export const operations = {
  listConversations: defineOperation({
    operationId: 'listConversations',
    docs: '/api-reference/conversations/list',
    method: 'POST',
    path: '/v1/conversations',
    summary: 'List conversations, newest activity first, with a date cursor',
    tag: 'Conversations',
    body: listConversationsRequestSchema,
    response: z.array(conversationSchema),
  }),
  countConversations: defineOperation({
    operationId: 'countConversations',
    docs: '/api-reference/conversations/list',
    method: 'POST',
    path: '/v1/conversations/count',
    summary: 'Count conversations (the number as a JSON string)',
    tag: 'Conversations',
    body: countConversationsRequestSchema,
    response: countResponseSchema,
  }),
  getConversation: defineOperation({
    operationId: 'getConversation',
    docs: '/api-reference/conversations/get',
    method: 'GET',
    path: '/v1/conversations/:id',
    summary: 'Get one conversation',
    tag: 'Conversations',
    params: z.object({ id: pathIdSchema }),
    response: conversationSchema,
  }),
  openConversation: defineOperation({
    operationId: 'openConversation',
    docs: '/api-reference/conversations/open-close',
    method: 'POST',
    path: '/v1/conversations/open',
    summary: 'Open (reopen) a conversation',
    tag: 'Conversations',
    body: openCloseConversationRequestSchema,
    response: okResponseSchema,
  }),
  closeConversation: defineOperation({
    operationId: 'closeConversation',
    docs: '/api-reference/conversations/open-close',
    method: 'POST',
    path: '/v1/conversations/close',
    summary: 'Close (archive) a conversation',
    tag: 'Conversations',
    body: openCloseConversationRequestSchema,
    response: okResponseSchema,
  }),
  markConversationRead: defineOperation({
    operationId: 'markConversationRead',
    docs: '/api-reference/conversations/mark-read',
    method: 'POST',
    path: '/v1/conversations/read',
    summary: 'Mark a conversation read for the acting user',
    tag: 'Conversations',
    body: conversationActionRequestSchema,
    response: okResponseSchema,
  }),
  markConversationUnread: defineOperation({
    operationId: 'markConversationUnread',
    docs: '/api-reference/conversations/open-close',
    method: 'POST',
    path: '/v1/conversations/unread',
    summary: 'Mark a conversation unread for the acting user',
    tag: 'Conversations',
    body: conversationActionRequestSchema,
    response: okResponseSchema,
  }),
  reassignConversation: defineOperation({
    operationId: 'reassignConversation',
    docs: '/api-reference/conversations/reassign',
    method: 'POST',
    path: '/v1/conversations/reassign',
    summary: 'Assign a conversation to another member of its inbox',
    tag: 'Conversations',
    body: reassignConversationRequestSchema,
    response: okResponseSchema,
  }),
  transferConversation: defineOperation({
    operationId: 'transferConversation',
    docs: '/api-reference/conversations/transfer',
    method: 'POST',
    path: '/v1/conversations/transfer',
    summary: 'Move an SMS conversation to another inbox',
    tag: 'Conversations',
    body: transferConversationRequestSchema,
    response: okResponseSchema,
  }),
  sendMessage: defineOperation({
    operationId: 'sendMessage',
    rules: [
      { field: 'phone_number', rule: 'exactly one target family: phone_number, chat_id, targets or list_id (the 400 names the first one missing, or the second one given)' },
      { field: 'chat_id', rule: 'not together with another target family' },
      { field: 'targets', rule: 'not together with another target family' },
      { field: 'list_id', rule: 'not together with another target family' },
      { field: 'local_id', rule: 'required with list_id' },
      { field: 'text', rule: 'some content: a non-empty text, template_id, media_url or survey_id' },
      { field: 'private', rule: 'only inside one existing conversation (chat_id or phone_number)' },
      { field: 'media_url', rule: 'an http or https URL' },
    ],
    docs: '/api-reference/messages/send',
    method: 'POST',
    path: '/v1/message/send',
    summary: 'Send an SMS/MMS, a group MMS, a list broadcast or an internal comment',
    tag: 'Messages',
    body: sendMessageRequestSchema,
    response: sendMessageResponseSchema,
  }),
  sendEmail: defineOperation({
    operationId: 'sendEmail',
    rules: [
      { field: 'targets', rule: 'targets (with a "to:" entry) to start a thread, or convo_id to reply' },
      { field: 'convo_id', rule: 'not together with targets' },
    ],
    docs: '/api-reference/messages/send-email',
    method: 'POST',
    path: '/v1/email/send',
    summary: 'Send an email, starting a thread or replying in one',
    tag: 'Messages',
    body: sendEmailRequestSchema,
    response: sendEmailResponseSchema,
  }),
  getMessageHistory: defineOperation({
    operationId: 'getMessageHistory',
    docs: '/api-reference/messages/get-history',
    method: 'GET',
    path: '/v1/messages',
    summary: 'The latest 50 messages with a phone number, most recent first',
    tag: 'Messages',
    query: messageHistoryQuerySchema,
    response: z.array(messageSchema),
  }),
  listAllMessages: defineOperation({
    operationId: 'listAllMessages',
    docs: '/api-reference/messages/list-all',
    method: 'POST',
    path: '/v1/messages/all',
    summary: 'Every message of the team, with a created_at cursor',
    tag: 'Messages',
    body: allMessagesRequestSchema,
    response: z.array(messageSchema),
  }),
  countAllMessages: defineOperation({
    operationId: 'countAllMessages',
    docs: '/api-reference/messages/count',
    method: 'POST',
    path: '/v1/messages/all/count',
    summary: 'Count the team-wide messages (the number as a JSON string)',
    tag: 'Messages',
    body: allMessagesRequestSchema,
    response: countResponseSchema,
  }),
  createScheduledMessage: defineOperation({
    operationId: 'createScheduledMessage',
    rules: scheduleRules,
    docs: '/api-reference/schedule',
    method: 'POST',
    path: '/v1/schedule',
    summary: 'Schedule a message (15+ minutes ahead, on a quarter hour)',
    tag: 'Scheduled messages',
    body: scheduleRequestSchema,
    response: scheduledSchema,
  }),
  getScheduledMessage: defineOperation({
    operationId: 'getScheduledMessage',
    docs: '/api-reference/schedule-get',
    method: 'GET',
    path: '/v1/schedule/:id',
    summary: 'Get a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: scheduledSchema,
  }),
  updateScheduledMessage: defineOperation({
    operationId: 'updateScheduledMessage',
    rules: scheduleRules,
    docs: '/api-reference/schedule',
    method: 'PUT',
    path: '/v1/schedule/:id',
    summary: 'Replace a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    body: scheduleRequestSchema,
    response: scheduledSchema,
  }),
  cancelScheduledMessage: defineOperation({
    operationId: 'cancelScheduledMessage',
    docs: '/api-reference/schedule',
    method: 'DELETE',
    path: '/v1/schedule/:id',
    summary: 'Cancel a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: okResponseSchema,
  }),
  createContact: defineOperation({
    operationId: 'createContact',
    docs: '/api-reference/contacts/create',
    method: 'POST',
    path: '/v1/contact',
    summary: 'Create a contact',
    tag: 'Contacts',
    body: contactRequestSchema,
    response: createdResponseSchema,
  }),
  getContact: defineOperation({
    operationId: 'getContact',
    docs: '/api-reference/contacts/get',
    method: 'GET',
    path: '/v1/contact/:id',
    summary: 'Get a contact',
    tag: 'Contacts',
    params: idParams,
    response: contactSchema,
  }),
  updateContact: defineOperation({
    operationId: 'updateContact',
    docs: '/api-reference/contacts/update',
    method: 'PUT',
    path: '/v1/contact/:id',
    summary: 'Update a contact (overwrite=true replaces custom fields, otherwise merges)',
    tag: 'Contacts',
    params: idParams,
    query: overwriteQuery,
    body: contactRequestSchema,
    response: createdResponseSchema,
  }),
  deleteContact: defineOperation({
    operationId: 'deleteContact',
    docs: '/api-reference/contacts/delete',
    method: 'DELETE',
    path: '/v1/contact/:id',
    summary: 'Delete a contact (its conversations stay)',
    tag: 'Contacts',
    params: idParams,
    response: okResponseSchema,
  }),
  listContacts: defineOperation({
    operationId: 'listContacts',
    docs: '/api-reference/contacts/get',
    method: 'POST',
    path: '/v1/contacts',
    summary: 'List contacts, most recently updated first, with a date cursor; filter searches',
    tag: 'Contacts',
    body: paginationRequestSchema,
    response: z.array(contactSchema),
  }),
  countContacts: defineOperation({
    operationId: 'countContacts',
    docs: '/api-reference/contacts/overview',
    method: 'POST',
    path: '/v1/contacts/count',
    summary: 'Count contacts (the number as a JSON string)',
    tag: 'Contacts',
    body: paginationRequestSchema,
    response: countResponseSchema,
  }),
  findContact: defineOperation({
    operationId: 'findContact',
    docs: '/api-reference/contacts/get-by-phone-or-id',
    method: 'POST',
    path: '/v1/contact/get',
    summary: 'Get a contact by phone or id',
    tag: 'Contacts',
    body: getContactRequestSchema,
    response: contactSchema,
  }),
  getContactStatus: defineOperation({
    operationId: 'getContactStatus',
    docs: '/api-reference/contacts/overview',
    method: 'POST',
    path: '/v1/contact/status',
    summary: 'Whether a contact is unsubscribed or blocked',
    tag: 'Contacts',
    body: contactStatusRequestSchema,
    response: contactStatusResponseSchema,
  }),
  setContactStatus: defineOperation({
    operationId: 'setContactStatus',
    docs: '/api-reference/contacts/overview',
    method: 'POST',
    path: '/v1/contact/set_status',
    summary: 'Block, unblock, subscribe or unsubscribe a contact',
    tag: 'Contacts',
    body: setContactStatusRequestSchema,
    response: z.literal('success'),
  }),
  batchCreateContacts: defineOperation({
    operationId: 'batchCreateContacts',
    docs: '/api-reference/contacts/bulk',
    method: 'POST',
    path: '/v1/batch/contacts',
    summary: 'Create many contacts (a JSON array); existing numbers are skipped unless overwrite=true; answers "ok" or the entries that failed',
    tag: 'Contacts',
    bodyShape: 'array',
    query: overwriteQuery,
    body: batchContactsRequestSchema,
    entry: contactRequestSchema,
    response: batchContactsResponseSchema,
  }),
  listContactFields: defineOperation({
    operationId: 'listContactFields',
    docs: '/api-reference/contacts/overview',
    method: 'POST',
    path: '/v1/contact-fields',
    summary: 'List the custom contact field definitions',
    tag: 'Contacts',
    response: z.array(contactFieldSchema),
  }),
  createContactFields: defineOperation({
    operationId: 'createContactFields',
    docs: '/api-reference/contacts/overview',
    method: 'POST',
    path: '/v1/contacts/fields',
    summary: 'Create custom contact fields (a JSON array of titles)',
    tag: 'Contacts',
    bodyShape: 'array',
    body: createContactFieldsRequestSchema,
    response: z.array(contactFieldSchema.extend({ duplicate: z.boolean() })),
  }),
  createContactV2: defineOperation({
    operationId: 'createContactV2',
    rules: [{ field: 'contact_channels[].channel_id', rule: 'a phone channel is E.164 digits, an email channel an email address' }, { field: 'contact_channels[].channel_type', rule: 'one channel of each type' }],
    docs: '/api-reference/contacts/create',
    method: 'POST',
    path: '/v2/contact',
    summary: 'Create a contact from channels (v2)',
    tag: 'Contacts',
    body: createContactV2RequestSchema,
    response: createdResponseSchema,
  }),
  getContactV2: defineOperation({
    operationId: 'getContactV2',
    docs: '/api-reference/contacts/get',
    method: 'GET',
    path: '/v2/contact/:contactID',
    summary: 'Get a contact by its v2 id (v2)',
    tag: 'Contacts',
    params: contactIdParams,
    response: contactV2Schema,
  }),
  updateContactV2: defineOperation({
    operationId: 'updateContactV2',
    rules: [{ field: 'contact_channels[].channel_id', rule: 'a phone channel is E.164 digits, an email channel an email address' }, { field: 'contact_channels[].channel_type', rule: 'one channel of each type' }],
    docs: '/api-reference/contacts/update-v2',
    method: 'PUT',
    path: '/v2/contact/:contactID',
    summary: 'Update a contact by its UUID (v2)',
    tag: 'Contacts',
    params: contactIdParams,
    body: updateContactV2RequestSchema,
    response: contactV2Schema,
  }),
  deleteContactV2: defineOperation({
    operationId: 'deleteContactV2',
    docs: '/api-reference/contacts/delete',
    method: 'DELETE',
    path: '/v2/contact/:contactID',
    summary: 'Delete a contact by its UUID (v2)',
    tag: 'Contacts',
    params: contactIdParams,
    response: okResponseSchema,
  }),
  bulkUpsertContactsV2: defineOperation({
    operationId: 'bulkUpsertContactsV2',
    docs: '/api-reference/contacts/bulk-v2',
    method: 'POST',
    path: '/v2/contacts',
    summary: 'Create contacts, or update those named by contact_id, in bulk; answers {contacts, failed_contacts} (v2)',
    tag: 'Contacts',
    body: bulkContactsV2RequestSchema,
    entry: bulkContactV2EntrySchema,
    response: bulkContactsV2ResponseSchema,
  }),
  bulkDeleteContactsV2: defineOperation({
    operationId: 'bulkDeleteContactsV2',
    docs: '/api-reference/contacts/bulk',
    method: 'DELETE',
    path: '/v2/contacts',
    summary: 'Delete contacts by their UUIDs, all or none (v2)',
    tag: 'Contacts',
    body: bulkDeleteContactsV2RequestSchema,
    response: okResponseSchema,
  }),
  addContactChannel: defineOperation({
    operationId: 'addContactChannel',
    rules: [{ field: 'channel_id', rule: 'a phone channel is E.164 digits, an email channel an email address' }],
    docs: '/api-reference/contacts/channels',
    method: 'POST',
    path: '/v2/contact/:contactID/channel',
    summary: "Add a phone or email channel to a contact; answers the contact's channels (v2)",
    tag: 'Contacts',
    params: contactIdParams,
    body: contactChannelInputSchema,
    response: z.array(contactChannelSchema),
  }),
  updateContactChannel: defineOperation({
    operationId: 'updateContactChannel',
    rules: [{ field: 'channel_id', rule: 'a phone channel is E.164 digits, an email channel an email address' }],
    docs: '/api-reference/contacts/channels',
    method: 'PUT',
    path: '/v2/contact/:contactID/channel',
    summary: "Give a contact's channel of a type a new value; answers the contact's channels (v2)",
    tag: 'Contacts',
    params: contactIdParams,
    body: contactChannelInputSchema,
    response: z.array(contactChannelSchema),
  }),
  listContactChannels: defineOperation({
    operationId: 'listContactChannels',
    docs: '/api-reference/contacts/channels',
    method: 'GET',
    path: '/v2/contact/:contactID/channels',
    summary: "A contact's channels (v2)",
    tag: 'Contacts',
    params: contactIdParams,
    response: z.array(contactChannelSchema),
  }),
  getContactChannel: defineOperation({
    operationId: 'getContactChannel',
    docs: '/api-reference/contacts/channels-get',
    method: 'GET',
    path: '/v2/contact/:contactID/channel/:channelType',
    summary: "A contact's channel of one type (v2)",
    tag: 'Contacts',
    params: channelParams,
    response: contactChannelSchema,
  }),
  deleteContactChannel: defineOperation({
    operationId: 'deleteContactChannel',
    docs: '/api-reference/contacts/channels',
    method: 'DELETE',
    path: '/v2/contact/:contactID/channel/:channelType',
    summary: "Remove a contact's channel of one type; a contact keeps at least one (v2)",
    tag: 'Contacts',
    params: channelParams,
    response: okResponseSchema,
  }),
  listContactsV2: defineOperation({
    operationId: 'listContactsV2',
    docs: '/api-reference/contacts/get',
    method: 'POST',
    path: '/v2/contacts/list',
    summary: 'List contacts with limit and page (v2)',
    tag: 'Contacts',
    body: listContactsV2RequestSchema,
    response: z.array(contactV2Schema),
  }),
  searchContactsV2: defineOperation({
    operationId: 'searchContactsV2',
    docs: '/api-reference/contacts/search',
    method: 'POST',
    path: '/v2/contacts/search',
    summary: 'Find contacts by channel values: {contact_channels: [{channel_type?, channel_ids}]} (v2)',
    tag: 'Contacts',
    body: searchContactsV2RequestSchema,
    response: z.array(contactV2Schema),
  }),
  createListV1: defineOperation({
    operationId: 'createListV1',
    docs: '/api-reference/lists/overview',
    deprecated: true,
    method: 'POST',
    path: '/v1/list',
    summary: 'Create a list from a map of numbers to names (deprecated v1)',
    tag: 'Lists',
    body: createListV1RequestSchema,
    response: createdResponseSchema,
  }),
  getList: defineOperation({
    operationId: 'getList',
    docs: '/api-reference/lists/overview',
    deprecated: true,
    method: 'GET',
    path: '/v1/list/:id',
    summary: 'Get a list (deprecated v1)',
    tag: 'Lists',
    params: idParams,
    response: listSchema,
  }),
  updateListV1: defineOperation({
    operationId: 'updateListV1',
    docs: '/api-reference/lists/overview',
    deprecated: true,
    method: 'PUT',
    path: '/v1/list/:id',
    summary: 'Rename a list and change its members (deprecated v1)',
    tag: 'Lists',
    params: idParams,
    body: updateListV1RequestSchema,
    response: updatedResponseSchema,
  }),
  deleteListV1: defineOperation({
    operationId: 'deleteListV1',
    docs: '/api-reference/lists/overview',
    deprecated: true,
    method: 'DELETE',
    path: '/v1/list/:id',
    summary: 'Delete a list; its contacts stay (deprecated v1)',
    tag: 'Lists',
    params: idParams,
    response: okResponseSchema,
  }),
  listLists: defineOperation({
    operationId: 'listLists',
    docs: '/api-reference/lists/overview',
    deprecated: true,
    method: 'POST',
    path: '/v1/lists',
    summary: 'Page through lists with a date cursor (deprecated v1)',
    tag: 'Lists',
    body: paginationRequestSchema,
    response: z.array(listSchema),
  }),
  createListV2: defineOperation({
    operationId: 'createListV2',
    docs: '/api-reference/lists/create',
    method: 'POST',
    path: '/v2/lists',
    summary: 'Create a list from contacts, numbers and emails',
    tag: 'Lists',
    body: createListV2RequestSchema,
    response: createdResponseSchema,
  }),
  updateListV2: defineOperation({
    operationId: 'updateListV2',
    docs: '/api-reference/lists/update',
    method: 'PUT',
    path: '/v2/lists/:id',
    summary: 'Rename a list, replace, add or remove members',
    tag: 'Lists',
    params: idParams,
    body: updateListV2RequestSchema,
    response: updatedResponseSchema,
  }),
  deleteListV2: defineOperation({
    operationId: 'deleteListV2',
    docs: '/api-reference/lists/update',
    method: 'DELETE',
    path: '/v2/lists/:id',
    summary: 'Delete a list; its contacts stay',
    tag: 'Lists',
    params: idParams,
    body: deleteListV2RequestSchema,
    response: deletedListResponseSchema,
  }),
  createTemplate: defineOperation({
    operationId: 'createTemplate',
    docs: '/api-reference/templates/manage',
    method: 'POST',
    path: '/v1/template',
    summary: 'Create a template',
    tag: 'Templates',
    body: templateRequestSchema,
    response: createdResponseSchema,
  }),
  getTemplate: defineOperation({
    operationId: 'getTemplate',
    docs: '/api-reference/templates/overview',
    method: 'GET',
    path: '/v1/template/:id',
    summary: 'Get a template',
    tag: 'Templates',
    params: idParams,
    response: templateSchema,
  }),
  updateTemplate: defineOperation({
    operationId: 'updateTemplate',
    docs: '/api-reference/templates/manage',
    method: 'PUT',
    path: '/v1/template/:id',
    summary: 'Replace a template',
    tag: 'Templates',
    params: idParams,
    body: templateRequestSchema,
    response: updatedResponseSchema,
  }),
  deleteTemplate: defineOperation({
    operationId: 'deleteTemplate',
    docs: '/api-reference/templates/manage',
    method: 'DELETE',
    path: '/v1/template/:id',
    summary: 'Delete a template',
    tag: 'Templates',
    params: idParams,
    response: okResponseSchema,
  }),
  listTemplates: defineOperation({
    operationId: 'listTemplates',
    docs: '/api-reference/templates/overview',
    method: 'POST',
    path: '/v1/templates',
    summary: 'Page through templates, most recently updated first',
    tag: 'Templates',
    body: paginationRequestSchema,
    response: z.array(templateSchema),
  }),
  createTag: defineOperation({
    operationId: 'createTag',
    docs: '/api-reference/tags',
    method: 'POST',
    path: '/v1/tag',
    summary: 'Create a tag',
    tag: 'Tags',
    body: tagRequestSchema,
    response: createdResponseSchema,
  }),
  getTag: defineOperation({
    operationId: 'getTag',
    docs: '/api-reference/tags',
    method: 'GET',
    path: '/v1/tag/:id',
    summary: 'Get a tag',
    tag: 'Tags',
    params: idParams,
    response: tagSchema,
  }),
  deleteTag: defineOperation({
    operationId: 'deleteTag',
    docs: '/api-reference/tags',
    method: 'DELETE',
    path: '/v1/tag/:id',
    summary: 'Delete a tag (and take it off every contact)',
    tag: 'Tags',
    params: idParams,
    response: okResponseSchema,
  }),
  listTags: defineOperation({
    operationId: 'listTags',
    docs: '/api-reference/tags',
    method: 'POST',
    path: '/v1/tags',
    summary: 'Page through tags, most recently updated first',
    tag: 'Tags',
    body: paginationRequestSchema,
    response: z.array(tagSchema),
  }),
  listSurveys: defineOperation({
    operationId: 'listSurveys',
    docs: '/api-reference/surveys',
    method: 'POST',
    path: '/v1/surveys',
    summary: 'Page through surveys (limit, page from 1)',
    tag: 'Surveys',
    body: listSurveysRequestSchema,
    response: z.array(surveySchema),
  }),
  getSurvey: defineOperation({
    operationId: 'getSurvey',
    docs: '/api-reference/surveys',
    method: 'GET',
    path: '/v1/survey/:id',
    summary: 'Get a survey',
    tag: 'Surveys',
    params: idParams,
    response: surveySchema,
  }),
  listInboxes: defineOperation({
    operationId: 'listInboxes',
    docs: '/api-reference/inboxes',
    method: 'GET',
    path: '/v1/inboxes',
    summary: 'List the inboxes the credentials can use',
    tag: 'Inboxes and team',
    response: z.array(inboxSchema),
  }),
  getTeam: defineOperation({
    operationId: 'getTeam',
    docs: '/api-reference/inboxes',
    method: 'GET',
    path: '/v1/team',
    summary: 'The team and its members',
    tag: 'Inboxes and team',
    response: teamSchema,
  }),
  listUsers: defineOperation({
    operationId: 'listUsers',
    docs: '/guides/send-message',
    deprecated: true,
    method: 'GET',
    path: '/v1/users',
    summary: 'The team members (an older guide names it; not in the current reference)',
    tag: 'Inboxes and team',
    response: z.array(memberSchema),
  }),
  findUsers: defineOperation({
    operationId: 'findUsers',
    docs: '/api-reference/users',
    method: 'GET',
    path: '/v1/users/get',
    summary: 'Find team users by phone or email (phone=…&email=…, repeatable); answers {memberships}',
    tag: 'Inboxes and team',
    query: z.object({
      phone: queryArray(findUsersQuerySchema.shape.phone.unwrap().element).optional(),
      email: queryArray(findUsersQuerySchema.shape.email.unwrap().element).optional(),
    }),
    response: z.object({ memberships: z.array(membershipSchema) }),
  }),
  updateUser: defineOperation({
    operationId: 'updateUser',
    docs: '/api-reference/users-update',
    method: 'POST',
    path: '/v1/users/update',
    summary: "Change team users' names or roles: {users: [{id, first_name?, last_name?, role_id?}]}; answers {memberships}",
    tag: 'Inboxes and team',
    body: updateUsersRequestSchema,
    response: z.object({ memberships: z.array(membershipSchema) }),
  }),
} as const

export type Operations = typeof operations
export type OperationId = keyof Operations
