import type { HeymarketMock, InboxRecord, UserRecord } from '../../src/core/index.js'

/** Picks from a mock's seeded data the ids a test needs. */
export function cast(mock: HeymarketMock) {
  const inboxes = () => mock.db.inbox.findMany().sort((a, b) => a.id - b.id)
  const users = () => mock.db.user.findMany().sort((a, b) => a.id - b.id)
  return {
    inboxes,
    users,
    /** An inbox that some team member is not in, with a member and that outsider. */
    inboxWithOutsider(): { inbox: InboxRecord; member: UserRecord; outsider: UserRecord } {
      for (const inbox of inboxes()) {
        const outsider = users().find((user) => !inbox.members.includes(user.id))
        const member = users().find((user) => inbox.members.includes(user.id))
        if (outsider && member) return { inbox, member, outsider }
      }
      throw new Error('every user is in every inbox: pick another seed')
    },
    memberOf(inbox: InboxRecord, skip = 0): UserRecord {
      const member = users().filter((user) => inbox.members.includes(user.id))[skip]
      if (!member) throw new Error(`inbox ${inbox.id} has fewer than ${skip + 1} members`)
      return member
    },
    conversations(where: (c: ReturnType<HeymarketMock['db']['conversation']['findMany']>[number]) => boolean = () => true) {
      return mock.db.conversation.findMany((q) => q.where(where)).sort((a, b) => a.id - b.id)
    },
  }
}
