import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'

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

/**
 * The numeric roles of team users (docs: /api-reference/users: "4 for member, 1 for admin"). The docs give no
 * number for the owner; the mock uses 2 (decisions/team.md).
 */
export const ROLE_IDS = { admin: 1, owner: 2, member: 4 } as const satisfies Record<MemberRole, number>
export const roleIdSchema = z.union([z.literal(1), z.literal(2), z.literal(4)], { message: 'must be a role id: 1 (admin), 2 (owner) or 4 (member)' })

/**
 * A team user as `GET /v1/users/get` and `POST /v1/users/update` answer it (docs: /api-reference/users): `id` is
 * the member id other endpoints take as `creator_id` / `user_id`, the role is the number `role_id`.
 */
export const membershipSchema = z.object({
  id: idSchema,
  phone: z.string(),
  name: z.string(),
  email: z.string(),
  role_id: z.int(),
  team_id: idSchema,
  created_at: timestampSchema,
  updated_at: timestampSchema,
  user_created_at: timestampSchema,
  user_updated_at: timestampSchema,
})
export type Membership = z.infer<typeof membershipSchema>

/** One entry of `POST /v1/users/update`: the user (`id`, required) and what changes. */
export const updateUserEntrySchema = z.object({
  id: idSchema,
  first_name: z.string().trim().min(1).max(255).optional(),
  last_name: z.string().trim().min(1).max(255).optional(),
  role_id: roleIdSchema.optional(),
})
export type UpdateUserEntry = z.infer<typeof updateUserEntrySchema>

/** Body of `POST /v1/users/update` (docs: /api-reference/users-update): `users` (required), each with its `id`. */
export const updateUsersRequestSchema = z.object({
  users: z.array(updateUserEntrySchema).min(1).max(100),
})
export type UpdateUsersRequest = z.infer<typeof updateUsersRequestSchema>
