import { z } from 'zod'
import { idSchema } from './common.js'

export const widgetSettingsSchema = z.object({
  background_color: z.string(),
  button_color: z.string(),
  fab_background_color: z.string(),
  fab_text_color: z.string(),
  message: z.string(),
  name: z.string(),
  phone: z.string(),
  position: z.int(),
  preview_enabled: z.boolean(),
  title_background_color: z.string(),
  title_text_color: z.string(),
  tos: z.string(),
})
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>

/** An inbox (a shared phone line) as `GET /v1/inboxes` lists it. `members` are the user ids with access. */
export const inboxSchema = z.object({
  id: idSchema,
  name: z.string(),
  team: idSchema,
  members: z.array(idSchema),
  phones: z.array(z.string()),
  phone: z.string(),
  auto_assignable: z.boolean(),
  forward_number: z.string().nullable(),
  widget_code: z.string(),
  widget_settings: widgetSettingsSchema,
  allowed_domains: z.array(z.string()),
  invited: z.boolean(),
  bco_chats: z.boolean(),
  op: z.string(),
  rev: z.int(),
})
export type Inbox = z.infer<typeof inboxSchema>
