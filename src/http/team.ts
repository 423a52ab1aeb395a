import { z } from 'zod'
import { inboxSchema } from '../schema/inbox.js'
import { findUsersQuerySchema, memberSchema, membershipSchema, teamSchema, updateUserRequestSchema } from '../schema/team.js'
import { findUsers, getTeam, listInboxes, listUsers, updateUser } from '../rules/team.js'
import { defineRoute, queryArray } from './route.js'

const tag = 'Inboxes and team'

/** Inboxes, the team and its members. */
export const teamRoutes = [
  defineRoute({
    method: 'GET',
    path: '/v1/inboxes',
    operationId: 'listInboxes',
    summary: 'List the inboxes the credentials can use',
    tag,
    response: z.array(inboxSchema),
    handle: (ctx) => listInboxes(ctx),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/team',
    operationId: 'getTeam',
    summary: 'The team and its members',
    tag,
    response: teamSchema,
    handle: (ctx) => getTeam(ctx),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: 'The team members',
    tag,
    response: z.array(memberSchema),
    handle: (ctx) => listUsers(ctx),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/users/get',
    operationId: 'findUsers',
    summary: 'Find members by phone or email (phone=…&email=…, repeatable)',
    tag,
    query: z.object({
      phone: queryArray(findUsersQuerySchema.shape.phone.unwrap().element).optional(),
      email: queryArray(findUsersQuerySchema.shape.email.unwrap().element).optional(),
    }),
    response: z.object({ memberships: z.array(membershipSchema) }),
    handle: (ctx, { query }) => findUsers(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/users/update',
    operationId: 'updateUser',
    summary: "Change a member's name, email or role",
    tag,
    body: updateUserRequestSchema,
    response: memberSchema,
    handle: (ctx, { body }) => updateUser(ctx, body),
  }),
]
