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

/** Query (or body) of `GET /v1/users/get`: members by phone or email. */
export const findUsersQuerySchema = z.object({
  phone: z.array(z.string().max(32)).max(100).optional(),
  email: z.array(z.string().max(255)).max(100).optional(),
})

/** One membership `GET /v1/users/get` answers. */
export const membershipSchema = z.object({
  user_id: idSchema,
  team_id: idSchema,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  role: memberRoleSchema,
  inboxes: z.array(idSchema),
})

/** Body of `POST /v1/users/update`: a member's name, email or role. */
export const updateUserRequestSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(255).optional(),
  email: z.email().optional(),
  role: memberRoleSchema.optional(),
})
