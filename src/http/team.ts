import { findUsers, getTeam, listInboxes, listUsers, updateUsers } from '../rules/team.js'
import { operations } from '../schema/operations.js'
import { route } from './route.js'

/** Inboxes, the team and its members. */
export const teamRoutes = [
  route(operations.listInboxes, (ctx) => listInboxes(ctx)),
  route(operations.getTeam, (ctx) => getTeam(ctx)),
  route(operations.listUsers, (ctx) => listUsers(ctx)),
  route(operations.findUsers, (ctx, { query }) => findUsers(ctx, query)),
  route(operations.updateUser, (ctx, { body }) => updateUsers(ctx, body)),
]
