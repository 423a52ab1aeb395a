import { z } from 'zod'
import { channelSchema, idSchema, optionalTimestampSchema, targetsMapSchema, timestampSchema } from '../schema/common.js'
import { contactSchema } from '../schema/contact.js'
import { conversationMemberSchema, conversationStatusSchema } from '../schema/conversation.js'
import { inboxSchema, widgetSettingsSchema } from '../schema/inbox.js'
import { messageStatusSchema, messageTypeSchema } from '../schema/message.js'
import { contactFieldSchema } from '../schema/contact-field.js'
import { scheduledSchema } from '../schema/scheduled.js'
import { surveySchema } from '../schema/survey.js'
import { memberSchema, teamSchema } from '../schema/team.js'
import { templateContentSchema } from '../schema/template.js'
import { keyedMapOf } from './compact-record.js'

const targetNameSchema = targetsMapSchema.valueType
type TargetName = z.output<typeof targetNameSchema>

/**
 * `targets` as a stored record keeps it: checked as the wire's `targetsMapSchema` checks it (an object of names by
 * phone number), and made with `keyedMapOf`. zod's record would build the map key by key from `{}`, and every map
 * built so takes, until the next full collection, one of the 1,536 hidden-class links V8 allows from `{}`: past
 * them, the whole process slows down (see compact-record.ts). What is not a plain object is left to zod's record,
 * for its own refusal; a `__proto__` key is dropped, as zod's record drops it. Its input type is the record's.
 */
const storedTargetsSchema = z.unknown().transform((value, ctx): Record<string, TargetName> => {
  const prototype = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined
  if (Array.isArray(value) || (prototype !== Object.prototype && prototype !== null)) {
    for (const issue of targetsMapSchema.safeParse(value).error?.issues ?? []) ctx.addIssue({ ...issue })
    return z.NEVER
  }
  const map = value as Record<string, unknown>
  const entries: [string, TargetName][] = []
  for (const key of Object.keys(map)) {
    if (key === '__proto__') continue
    const checked = targetNameSchema.safeParse(map[key])
    if (checked.success) entries.push([key, checked.data])
    else for (const issue of checked.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] })
  }
  return keyedMapOf(entries)
}) as unknown as z.ZodType<Record<string, TargetName>, z.input<typeof targetsMapSchema>>

/** The kinds of record the mock stores, each with its own id sequence. */
export type RecordKind =
  | 'team'
  | 'user'
  | 'inbox'
  | 'contact'
  | 'conversation'
  | 'message'
  | 'template'
  | 'tag'
  | 'list'
  | 'survey'
  | 'scheduled'
  | 'contactField'

/** Where the mock gets ids and "now" for fields a direct `db.*.create(...)` leaves out. */
export type RecordDefaults = {
  nextId(kind: RecordKind): number
  now(): string
  uuid(): string
}

/**
 * The schemas of the @msw/data collections. Each is the wire schema of its object, minus what is computed
 * per request (a conversation's `read`/`unread` for the requesting user, a message's embedded conversation),
 * plus the hidden state those are computed from. Every field but the essential ones has a default, so tests
 * can write `await mock.db.conversation.create({ inbox: 1, target: '14155550100' })`.
 */
export function createRecordSchemas(defaults: RecordDefaults) {
  const id = (kind: RecordKind) => idSchema.default(() => defaults.nextId(kind))
  const now = () => timestampSchema.default(() => defaults.now())

  const team = teamSchema.omit({ members: true }).extend({
    id: id('team'),
    list_size: z.int().default(10_000),
  })

  const user = memberSchema.extend({
    id: id('user'),
    role: memberSchema.shape.role.default('member'),
    email: z.string().default(''),
    /** The member's own mobile number (what `GET /v1/users/get` looks up by); not part of the wire member. */
    phone: z.string().default(''),
    /** When the team membership was made and last changed (`GET /v1/users/get`); not part of the wire member. */
    created_at: now(),
    updated_at: now(),
  })

  const inbox = inboxSchema.extend({
    id: id('inbox'),
    team: idSchema.default(0),
    members: z.array(idSchema).default([]),
    phones: z.array(z.string()).default([]),
    phone: z.string().default(''),
    auto_assignable: z.boolean().default(false),
    forward_number: z.string().nullable().default(null),
    widget_code: z.string().default(''),
    widget_settings: widgetSettingsSchema.default({
      background_color: '#ffffff',
      button_color: '#1f6feb',
      fab_background_color: '#1f6feb',
      fab_text_color: '#ffffff',
      message: 'Text us!',
      name: '',
      phone: '',
      position: 0,
      preview_enabled: false,
      title_background_color: '#1f6feb',
      title_text_color: '#ffffff',
      tos: '',
    }),
    allowed_domains: z.array(z.string()).default([]),
    invited: z.boolean().default(false),
    bco_chats: z.boolean().default(false),
    op: z.string().default('create'),
    rev: z.int().default(1),
  })

  const contact = contactSchema.extend({
    id: id('contact'),
    display_name: z.string().default(''),
    first: z.string().default(''),
    last: z.string().default(''),
    email: z.string().default(''),
    custom: z.record(z.string(), z.string()).default({}),
    team_id: idSchema.default(0),
    creator_id: idSchema.default(0),
    shared: z.boolean().default(true),
    created: now(),
    updated: now(),
    rev: z.int().default(1),
    op: z.string().default('create'),
    assigned_user_id: idSchema.default(0),
    tags: contactSchema.shape.tags.default([]),
    is_opted_out: z.boolean().default(false),
    avatar: z.string().default(''),
    /** The contact's id in the v2 API (and the `uuid` create answers); not part of the wire contact. */
    uuid: z.string().default(() => defaults.uuid()),
    /** Blocked by the team (`POST /v1/contact/set_status {status: "blocked"}`); not part of the wire contact. */
    blocked: z.boolean().default(false),
    /** Who opted the contact out when `is_opted_out`: the team (`admin`) or the customer texting STOP (`contact`). */
    opted_out_by: z.enum(['', 'admin', 'contact']).default(''),
  })

  const conversation = z.object({
    id: id('conversation'),
    channel: channelSchema.default('sms'),
    status: conversationStatusSchema.default('open'),
    assigned: idSchema.default(0),
    inbox: idSchema,
    target: z.string(),
    members: z.array(conversationMemberSchema).default([]),
    created: now(),
    updated: now(),
    replied: z.boolean().default(false),
    blocked: z.boolean().default(false),
    muted: z.boolean().default(false),
    snooze_till: optionalTimestampSchema.default(''),
    creator: idSchema.default(0),
    email_noti: z.boolean().default(false),
    last_inbound: z.int().default(0),
    local_id: z.string().default(''),
    name: z.string().default(''),
    noreply: z.string().default(''),
    op: z.string().default('create'),
    super: z.int().default(0),
    support: z.boolean().default(false),
    type: z.string().default('customer'),
    unread_users: z.array(idSchema).default([]),
    last_msg: z.string().default(''),
    targets: storedTargetsSchema.optional(),
    /** Unix second at which each user (by id, as a string key) last read it; `read` is computed from this. */
    read_by: z.record(z.string(), z.int()).default({}),
  })

  const message = z.object({
    id: id('message'),
    /** The conversation this message belongs to; the wire message embeds that conversation instead. */
    conversation_id: idSchema,
    text: z.string().default(''),
    media: z.string().default(''),
    phone: z.string().default(''),
    target: z.string().default(''),
    type: messageTypeSchema.default('outbound'),
    status: messageStatusSchema.default('sent'),
    date: now(),
    updated: now(),
    user: idSchema.default(0),
    author: z.string().default(''),
    broadcast_id: idSchema.default(0),
    flagged: z.boolean().default(false),
    link_url: z.string().default(''),
    local_id: z.string().default(''),
    custom: z.object({ type: z.string(), data: z.array(z.number()) }).default({ type: '', data: [] }),
    super: z.int().default(0),
    support: z.boolean().default(false),
    channel: channelSchema.default('sms'),
    hidden: z.boolean().default(false),
    targets: storedTargetsSchema.optional(),
  })

  const template = z.object({
    id: id('template'),
    name: z.string(),
    local_id: z.string().default(''),
    content: templateContentSchema,
    team_id: idSchema.default(0),
    creator_id: idSchema.default(0),
    shared: z.boolean().default(true),
    created: now(),
    updated: now(),
    rev: z.int().default(1),
    archived: z.boolean().default(false),
    uuid: z.string().default(() => defaults.uuid()),
  })

  const tag = z.object({
    id: id('tag'),
    tag: z.string(),
    color: z.string().default('#FFD700'),
    team_id: idSchema.default(0),
    created: now(),
    updated: now(),
    rev: z.int().default(1),
    uuid: z.string().default(() => defaults.uuid()),
  })

  const list = z.object({
    id: id('list'),
    name: z.string(),
    local_id: z.string().default(''),
    /** Member contact ids, in the order they joined; the wire `targets` map is built from them. */
    contact_ids: z.array(idSchema).default([]),
    team_id: idSchema.default(0),
    creator_id: idSchema.default(0),
    shared: z.boolean().default(true),
    created: now(),
    updated: now(),
    rev: z.int().default(1),
    archived: z.boolean().default(false),
    type: z.string().default('contacts'),
    uuid: z.string().default(() => defaults.uuid()),
  })

  const survey = surveySchema.extend({
    id: id('survey'),
    created: now(),
    updated: now(),
  })

  const scheduled = scheduledSchema.extend({
    id: id('scheduled'),
    local_id: z.string().default(''),
    op: z.string().default('create'),
    rev: z.int().default(1),
    created: now(),
    updated: now(),
    /** Who sends it (`user_id`; the team owner by default). */
    user_id: idSchema.default(0),
    /** The target family it was created with, to send it when its time comes. */
    target: z.object({
      phone_number: z.string().optional(),
      conversation_id: idSchema.optional(),
      list_id: idSchema.optional(),
      targets: z.array(z.string()).optional(),
    }),
  })

  const contactField = contactFieldSchema.extend({ id: id('contactField') })

  return { team, user, inbox, contact, conversation, message, template, tag, list, survey, scheduled, contactField }
}

export type RecordSchemas = ReturnType<typeof createRecordSchemas>
export type TeamRecord = z.output<RecordSchemas['team']>
export type UserRecord = z.output<RecordSchemas['user']>
export type InboxRecord = z.output<RecordSchemas['inbox']>
export type ContactRecord = z.output<RecordSchemas['contact']>
export type ConversationRecord = z.output<RecordSchemas['conversation']>
export type MessageRecord = z.output<RecordSchemas['message']>

export type TemplateRecord = z.output<RecordSchemas['template']>
export type TagRecord = z.output<RecordSchemas['tag']>
export type ListRecord = z.output<RecordSchemas['list']>
export type SurveyRecord = z.output<RecordSchemas['survey']>
export type ScheduledRecord = z.output<RecordSchemas['scheduled']>
export type ContactFieldRecord = z.output<RecordSchemas['contactField']>

export type TeamInput = z.input<RecordSchemas['team']>
export type UserInput = z.input<RecordSchemas['user']>
export type InboxInput = z.input<RecordSchemas['inbox']>
export type ContactInput = z.input<RecordSchemas['contact']>
export type ConversationInput = z.input<RecordSchemas['conversation']>
export type MessageInput = z.input<RecordSchemas['message']>
export type TemplateInput = z.input<RecordSchemas['template']>
export type TagInput = z.input<RecordSchemas['tag']>
export type ListInput = z.input<RecordSchemas['list']>
export type SurveyInput = z.input<RecordSchemas['survey']>
export type ScheduledInput = z.input<RecordSchemas['scheduled']>
export type ContactFieldInput = z.input<RecordSchemas['contactField']>

/** Fields whose defaults depend on the moment or the sequence, and so are never left out of a dataset. */
const DYNAMIC_DEFAULTS = new Set(['id', 'created', 'updated', 'date', 'uuid'])

/** The record arrays of a dataset, each the records of one collection. */
export type DatasetCollection =
  | 'users'
  | 'inboxes'
  | 'contacts'
  | 'conversations'
  | 'messages'
  | 'templates'
  | 'tags'
  | 'lists'
  | 'surveys'
  | 'scheduled'
  | 'contactFields'

/**
 * The static default of every field that has one, as JSON text, per dataset collection; what
 * `compactDataset` may leave out.
 */
export function staticFieldDefaults(): Record<DatasetCollection, Record<string, string>> {
  const schemas = createRecordSchemas({ nextId: () => 0, now: () => '1970-01-01T00:00:00Z', uuid: () => '' })
  const defaultsOf = (schema: { shape: Record<string, { safeParse(value: unknown): { success: boolean; data?: unknown } }> }) => {
    const result: Record<string, string> = {}
    for (const [key, field] of Object.entries(schema.shape)) {
      if (DYNAMIC_DEFAULTS.has(key)) continue
      const parsed = field.safeParse(undefined)
      if (parsed.success && parsed.data !== undefined) result[key] = JSON.stringify(parsed.data)
    }
    return result
  }
  return {
    users: defaultsOf(schemas.user),
    inboxes: defaultsOf(schemas.inbox),
    contacts: defaultsOf(schemas.contact),
    conversations: defaultsOf(schemas.conversation),
    messages: defaultsOf(schemas.message),
    templates: defaultsOf(schemas.template),
    tags: defaultsOf(schemas.tag),
    lists: defaultsOf(schemas.list),
    surveys: defaultsOf(schemas.survey),
    scheduled: defaultsOf(schemas.scheduled),
    contactFields: defaultsOf(schemas.contactField),
  }
}

/** The kind of record (and the table, and the schema of `createRecordSchemas`) each dataset collection holds. */
export const KIND_OF_COLLECTION = {
  users: 'user',
  inboxes: 'inbox',
  contacts: 'contact',
  conversations: 'conversation',
  messages: 'message',
  templates: 'template',
  tags: 'tag',
  lists: 'list',
  surveys: 'survey',
  scheduled: 'scheduled',
  contactFields: 'contactField',
} as const satisfies Record<DatasetCollection, RecordKind>
