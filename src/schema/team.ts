import { z } from 'zod'
import { idSchema } from './common.js'

export const memberRoleSchema = z.enum(['owner', 'admin', 'member'])
export type MemberRole = z.infer<typeof memberRoleSchema>

/** A team member (user) as `GET /v1/team` lists it. Its `id` is the `user_id` / `creator_id` other endpoints take. */
export const memberSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: memberRoleSchema,
  email: z.string(),
})
export type Member = z.infer<typeof memberSchema>

/** The team behind the credentials, as `GET /v1/team` returns it. */
export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  list_size: z.int(),
  members: z.array(memberSchema),
})
export type Team = z.infer<typeof teamSchema>
