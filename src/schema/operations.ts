import { z } from 'zod'
import { contactSchema } from './contact.js'
import { contactFieldSchema } from './contact-field.js'
import {
  batchContactsRequestSchema,
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
import { findUsersQuerySchema, memberSchema, membershipSchema, teamSchema, updateUserRequestSchema } from './team.js'
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
const overwriteQuery = z.object({ overwrite: queryFlagSchema.optional() })

/** Every endpoint the mock serves, by operation id. */
export const operations = {
  listConversations: defineOperation({
    operationId: 'listConversations',
    method: 'POST',
    path: '/v1/conversations',
    summary: 'List conversations, newest activity first, with a date cursor',
    tag: 'Conversations',
    body: listConversationsRequestSchema,
    response: z.array(conversationSchema),
  }),
  countConversations: defineOperation({
    operationId: 'countConversations',
    method: 'POST',
    path: '/v1/conversations/count',
    summary: 'Count conversations (the number as a JSON string)',
    tag: 'Conversations',
    body: countConversationsRequestSchema,
    response: countResponseSchema,
  }),
  getConversation: defineOperation({
    operationId: 'getConversation',
    method: 'GET',
    path: '/v1/conversations/:id',
    summary: 'Get one conversation',
    tag: 'Conversations',
    params: z.object({ id: pathIdSchema }),
    response: conversationSchema,
  }),
  openConversation: defineOperation({
    operationId: 'openConversation',
    method: 'POST',
    path: '/v1/conversations/open',
    summary: 'Open (reopen) a conversation',
    tag: 'Conversations',
    body: openCloseConversationRequestSchema,
    response: okResponseSchema,
  }),
  closeConversation: defineOperation({
    operationId: 'closeConversation',
    method: 'POST',
    path: '/v1/conversations/close',
    summary: 'Close (archive) a conversation',
    tag: 'Conversations',
    body: openCloseConversationRequestSchema,
    response: okResponseSchema,
  }),
  markConversationRead: defineOperation({
    operationId: 'markConversationRead',
    method: 'POST',
    path: '/v1/conversations/read',
    summary: 'Mark a conversation read for the acting user',
    tag: 'Conversations',
    body: conversationActionRequestSchema,
    response: okResponseSchema,
  }),
  markConversationUnread: defineOperation({
    operationId: 'markConversationUnread',
    method: 'POST',
    path: '/v1/conversations/unread',
    summary: 'Mark a conversation unread for the acting user',
    tag: 'Conversations',
    body: conversationActionRequestSchema,
    response: okResponseSchema,
  }),
  reassignConversation: defineOperation({
    operationId: 'reassignConversation',
    method: 'POST',
    path: '/v1/conversations/reassign',
    summary: 'Assign a conversation to another member of its inbox',
    tag: 'Conversations',
    body: reassignConversationRequestSchema,
    response: okResponseSchema,
  }),
  transferConversation: defineOperation({
    operationId: 'transferConversation',
    method: 'POST',
    path: '/v1/conversations/transfer',
    summary: 'Move an SMS conversation to another inbox',
    tag: 'Conversations',
    body: transferConversationRequestSchema,
    response: okResponseSchema,
  }),
  sendMessage: defineOperation({
    operationId: 'sendMessage',
    method: 'POST',
    path: '/v1/message/send',
    summary: 'Send an SMS/MMS, a group MMS, a list broadcast or an internal comment',
    tag: 'Messages',
    body: sendMessageRequestSchema,
    response: sendMessageResponseSchema,
  }),
  sendEmail: defineOperation({
    operationId: 'sendEmail',
    method: 'POST',
    path: '/v1/email/send',
    summary: 'Send an email, starting a thread or replying in one',
    tag: 'Messages',
    body: sendEmailRequestSchema,
    response: sendEmailResponseSchema,
  }),
  getMessageHistory: defineOperation({
    operationId: 'getMessageHistory',
    method: 'GET',
    path: '/v1/messages',
    summary: 'The latest 50 messages with a phone number, most recent first',
    tag: 'Messages',
    query: messageHistoryQuerySchema,
    response: z.array(messageSchema),
  }),
  listAllMessages: defineOperation({
    operationId: 'listAllMessages',
    method: 'POST',
    path: '/v1/messages/all',
    summary: 'Every message of the team, with a created_at cursor',
    tag: 'Messages',
    body: allMessagesRequestSchema,
    response: z.array(messageSchema),
  }),
  countAllMessages: defineOperation({
    operationId: 'countAllMessages',
    method: 'POST',
    path: '/v1/messages/all/count',
    summary: 'Count the team-wide messages (the number as a JSON string)',
    tag: 'Messages',
    body: allMessagesRequestSchema,
    response: countResponseSchema,
  }),
  createScheduledMessage: defineOperation({
    operationId: 'createScheduledMessage',
    method: 'POST',
    path: '/v1/schedule',
    summary: 'Schedule a message (15+ minutes ahead, on a quarter hour)',
    tag: 'Scheduled messages',
    body: scheduleRequestSchema,
    response: scheduledSchema,
  }),
  getScheduledMessage: defineOperation({
    operationId: 'getScheduledMessage',
    method: 'GET',
    path: '/v1/schedule/:id',
    summary: 'Get a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: scheduledSchema,
  }),
  updateScheduledMessage: defineOperation({
    operationId: 'updateScheduledMessage',
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
    method: 'DELETE',
    path: '/v1/schedule/:id',
    summary: 'Cancel a scheduled message',
    tag: 'Scheduled messages',
    params: idParams,
    response: okResponseSchema,
  }),
  createContact: defineOperation({
    operationId: 'createContact',
    method: 'POST',
    path: '/v1/contact',
    summary: 'Create a contact',
    tag: 'Contacts',
    body: contactRequestSchema,
    response: createdResponseSchema,
  }),
  getContact: defineOperation({
    operationId: 'getContact',
    method: 'GET',
    path: '/v1/contact/:id',
    summary: 'Get a contact',
    tag: 'Contacts',
    params: idParams,
    response: contactSchema,
  }),
  updateContact: defineOperation({
    operationId: 'updateContact',
    method: 'PUT',
    path: '/v1/contact/:id',
    summary: 'Update a contact (overwrite=true replaces custom fields, otherwise merges)',
    tag: 'Contacts',
    params: idParams,
    query: overwriteQuery,
    body: contactRequestSchema,
    response: updatedResponseSchema,
  }),
  deleteContact: defineOperation({
    operationId: 'deleteContact',
    method: 'DELETE',
    path: '/v1/contact/:id',
    summary: 'Delete a contact (its conversations stay)',
    tag: 'Contacts',
    params: idParams,
    response: okResponseSchema,
  }),
  listContacts: defineOperation({
    operationId: 'listContacts',
    method: 'POST',
    path: '/v1/contacts',
    summary: 'List contacts, most recently updated first, with a date cursor; filter searches',
    tag: 'Contacts',
    body: paginationRequestSchema,
    response: z.array(contactSchema),
  }),
  countContacts: defineOperation({
    operationId: 'countContacts',
    method: 'POST',
    path: '/v1/contacts/count',
    summary: 'Count contacts (the number as a JSON string)',
    tag: 'Contacts',
    body: paginationRequestSchema,
    response: countResponseSchema,
  }),
  findContact: defineOperation({
    operationId: 'findContact',
    method: 'POST',
    path: '/v1/contact/get',
    summary: 'Get a contact by phone or id',
    tag: 'Contacts',
    body: getContactRequestSchema,
    response: contactSchema,
  }),
  getContactStatus: defineOperation({
    operationId: 'getContactStatus',
    method: 'POST',
    path: '/v1/contact/status',
    summary: 'Whether a contact is unsubscribed or blocked',
    tag: 'Contacts',
    body: contactStatusRequestSchema,
    response: contactStatusResponseSchema,
  }),
  setContactStatus: defineOperation({
    operationId: 'setContactStatus',
    method: 'POST',
    path: '/v1/contact/set_status',
    summary: 'Block, unblock, subscribe or unsubscribe a contact',
    tag: 'Contacts',
    body: setContactStatusRequestSchema,
    response: z.literal('success'),
  }),
  batchCreateContacts: defineOperation({
    operationId: 'batchCreateContacts',
    method: 'POST',
    path: '/v1/batch/contacts',
    summary: 'Create or update many contacts (a JSON array)',
    tag: 'Contacts',
    bodyShape: 'array',
    query: overwriteQuery,
    body: batchContactsRequestSchema,
    response: z.array(createdResponseSchema),
  }),
  listContactFields: defineOperation({
    operationId: 'listContactFields',
    method: 'POST',
    path: '/v1/contact-fields',
    summary: 'List the custom contact field definitions',
    tag: 'Contacts',
    response: z.array(contactFieldSchema),
  }),
  createContactFields: defineOperation({
    operationId: 'createContactFields',
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
    method: 'POST',
    path: '/v2/contact',
    summary: 'Create a contact from channels (v2)',
    tag: 'Contacts',
    body: createContactV2RequestSchema,
    response: contactV2Schema,
  }),
  getContactV2: defineOperation({
    operationId: 'getContactV2',
    method: 'GET',
    path: '/v2/contact/:contactID',
    summary: 'Get a contact by its v2 id (v2)',
    tag: 'Contacts',
    params: z.object({ contactID: z.string().max(64) }),
    response: contactV2Schema,
  }),
  listContactsV2: defineOperation({
    operationId: 'listContactsV2',
    method: 'POST',
    path: '/v2/contacts/list',
    summary: 'List contacts with limit and page (v2)',
    tag: 'Contacts',
    body: listContactsV2RequestSchema,
    response: z.array(contactV2Schema),
  }),
  searchContactsV2: defineOperation({
    operationId: 'searchContactsV2',
    method: 'POST',
    path: '/v2/contacts/search',
    summary: 'Find contacts by phone or email (v2)',
    tag: 'Contacts',
    body: searchContactsV2RequestSchema,
    response: z.array(contactV2Schema),
  }),
  createListV1: defineOperation({
    operationId: 'createListV1',
    method: 'POST',
    path: '/v1/list',
    summary: 'Create a list from a map of numbers to names (deprecated v1)',
    tag: 'Lists',
    body: createListV1RequestSchema,
    response: createdResponseSchema,
  }),
  getList: defineOperation({
    operationId: 'getList',
    method: 'GET',
    path: '/v1/list/:id',
    summary: 'Get a list (deprecated v1)',
    tag: 'Lists',
    params: idParams,
    response: listSchema,
  }),
  updateListV1: defineOperation({
    operationId: 'updateListV1',
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
    method: 'DELETE',
    path: '/v1/list/:id',
    summary: 'Delete a list; its contacts stay (deprecated v1)',
    tag: 'Lists',
    params: idParams,
    response: okResponseSchema,
  }),
  listLists: defineOperation({
    operationId: 'listLists',
    method: 'POST',
    path: '/v1/lists',
    summary: 'Page through lists with a date cursor (deprecated v1)',
    tag: 'Lists',
    body: paginationRequestSchema,
    response: z.array(listSchema),
  }),
  createListV2: defineOperation({
    operationId: 'createListV2',
    method: 'POST',
    path: '/v2/lists',
    summary: 'Create a list from contacts, numbers and emails',
    tag: 'Lists',
    body: createListV2RequestSchema,
    response: createdResponseSchema,
  }),
  updateListV2: defineOperation({
    operationId: 'updateListV2',
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
    method: 'POST',
    path: '/v1/template',
    summary: 'Create a template',
    tag: 'Templates',
    body: templateRequestSchema,
    response: createdResponseSchema,
  }),
  getTemplate: defineOperation({
    operationId: 'getTemplate',
    method: 'GET',
    path: '/v1/template/:id',
    summary: 'Get a template',
    tag: 'Templates',
    params: idParams,
    response: templateSchema,
  }),
  updateTemplate: defineOperation({
    operationId: 'updateTemplate',
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
    method: 'DELETE',
    path: '/v1/template/:id',
    summary: 'Delete a template',
    tag: 'Templates',
    params: idParams,
    response: okResponseSchema,
  }),
  listTemplates: defineOperation({
    operationId: 'listTemplates',
    method: 'POST',
    path: '/v1/templates',
    summary: 'Page through templates, most recently updated first',
    tag: 'Templates',
    body: paginationRequestSchema,
    response: z.array(templateSchema),
  }),
  createTag: defineOperation({
    operationId: 'createTag',
    method: 'POST',
    path: '/v1/tag',
    summary: 'Create a tag',
    tag: 'Tags',
    body: tagRequestSchema,
    response: createdResponseSchema,
  }),
  getTag: defineOperation({
    operationId: 'getTag',
    method: 'GET',
    path: '/v1/tag/:id',
    summary: 'Get a tag',
    tag: 'Tags',
    params: idParams,
    response: tagSchema,
  }),
  deleteTag: defineOperation({
    operationId: 'deleteTag',
    method: 'DELETE',
    path: '/v1/tag/:id',
    summary: 'Delete a tag (and take it off every contact)',
    tag: 'Tags',
    params: idParams,
    response: okResponseSchema,
  }),
  listTags: defineOperation({
    operationId: 'listTags',
    method: 'POST',
    path: '/v1/tags',
    summary: 'Page through tags, most recently updated first',
    tag: 'Tags',
    body: paginationRequestSchema,
    response: z.array(tagSchema),
  }),
  listSurveys: defineOperation({
    operationId: 'listSurveys',
    method: 'POST',
    path: '/v1/surveys',
    summary: 'Page through surveys (limit, page from 1)',
    tag: 'Surveys',
    body: listSurveysRequestSchema,
    response: z.array(surveySchema),
  }),
  getSurvey: defineOperation({
    operationId: 'getSurvey',
    method: 'GET',
    path: '/v1/survey/:id',
    summary: 'Get a survey',
    tag: 'Surveys',
    params: idParams,
    response: surveySchema,
  }),
  listInboxes: defineOperation({
    operationId: 'listInboxes',
    method: 'GET',
    path: '/v1/inboxes',
    summary: 'List the inboxes the credentials can use',
    tag: 'Inboxes and team',
    response: z.array(inboxSchema),
  }),
  getTeam: defineOperation({
    operationId: 'getTeam',
    method: 'GET',
    path: '/v1/team',
    summary: 'The team and its members',
    tag: 'Inboxes and team',
    response: teamSchema,
  }),
  listUsers: defineOperation({
    operationId: 'listUsers',
    method: 'GET',
    path: '/v1/users',
    summary: 'The team members',
    tag: 'Inboxes and team',
    response: z.array(memberSchema),
  }),
  findUsers: defineOperation({
    operationId: 'findUsers',
    method: 'GET',
    path: '/v1/users/get',
    summary: 'Find members by phone or email (phone=…&email=…, repeatable)',
    tag: 'Inboxes and team',
    query: z.object({
      phone: queryArray(findUsersQuerySchema.shape.phone.unwrap().element).optional(),
      email: queryArray(findUsersQuerySchema.shape.email.unwrap().element).optional(),
    }),
    response: z.object({ memberships: z.array(membershipSchema) }),
  }),
  updateUser: defineOperation({
    operationId: 'updateUser',
    method: 'POST',
    path: '/v1/users/update',
    summary: "Change a member's name, email or role",
    tag: 'Inboxes and team',
    body: updateUserRequestSchema,
    response: memberSchema,
  }),
} as const

export type Operations = typeof operations
export type OperationId = keyof Operations
