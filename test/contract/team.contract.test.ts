import { describe, expect, it } from 'vitest'
import { client, target } from './target.js'

/** Inboxes, the team and its users: the ids every other call needs. Only reads. */

describe(`inboxes, team and users (${target.kind})`, () => {
  it('GET /v1/inboxes lists the inboxes with their member ids, and every member is a user of the team', async () => {
    const [inboxes, users] = await Promise.all([client.listInboxes(), client.listUsers()])
    expect(inboxes.length).toBeGreaterThan(0)
    const userIds = new Set(users.map((user) => user.id))
    for (const inbox of inboxes) for (const member of inbox.members) expect(userIds.has(member), `member ${member} of inbox ${inbox.id}`).toBe(true)
    expect(new Set(inboxes.map((inbox) => inbox.id)).size).toBe(inboxes.length)
  })

  it('GET /v1/team answers the team, whose members are the users', async () => {
    const [team, users] = await Promise.all([client.getTeam(), client.listUsers()])
    expect(team.id).toBeGreaterThan(0)
    expect(new Set(users.map((user) => user.id)).size).toBe(users.length)
    expect(team.members.map((member) => member.id).sort((a, b) => a - b)).toEqual(users.map((user) => user.id).sort((a, b) => a - b))
  })
})
