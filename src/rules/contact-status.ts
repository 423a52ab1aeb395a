import type { SetContactStatusRequest } from '../schema/contact-requests.js'
import type { ContactRecord } from '../store/records.js'
import { findContactByPhone } from './contact-lookup.js'
import { requireContact, syncConversationsOfContact, teamOwner } from './contacts.js'
import type { MockContext } from './context.js'
import type { OptStatusEventData } from './events.js'
import { notFound } from './errors.js'

/** What `POST /v1/contact/status` answers, and what opt-in/opt-out events carry. */
export function statusOf(contact: ContactRecord) {
  return {
    id: contact.id,
    phone: contact.phone,
    unsubscribed: contact.is_opted_out,
    blocked: contact.blocked,
    unsubscribed_admin: contact.is_opted_out && contact.opted_out_by === 'admin',
    unsubscribed_contact: contact.is_opted_out && contact.opted_out_by === 'contact',
  }
}

function optEvent(contact: ContactRecord): OptStatusEventData {
  const { id: _id, ...status } = statusOf(contact)
  return status
}

/** `POST /v1/contact/status`: by `id` or `phone`. */
export function contactStatus(ctx: MockContext, request: { id?: number; phone?: string }) {
  const action = 'get contact status'
  if (request.id !== undefined) return statusOf(requireContact(ctx, request.id, action))
  const contact = findContactByPhone(ctx, request.phone!)
  if (!contact) throw notFound('phone', `Failed to ${action}: no contact has the number ${request.phone}. Please check the number.`)
  return statusOf(contact)
}

/**
 * Opts a contact out or back in. Who did it matters for `unsubscribed_admin` / `unsubscribed_contact`:
 * `admin` through the API, `contact` when the customer texts STOP. Events: `target_opt_out` / `target_opt_in`.
 */
export function setOptedOut(ctx: MockContext, contact: ContactRecord, optedOut: boolean, by: 'admin' | 'contact'): ContactRecord {
  if (contact.is_opted_out === optedOut) return contact
  const updated = ctx.store.tables.contact.update(contact, {
    is_opted_out: optedOut,
    opted_out_by: optedOut ? by : '',
    updated: ctx.clock.timestamp(),
    rev: contact.rev + 1,
    op: 'update',
  })
  const type = optedOut ? 'target_opt_out' : 'target_opt_in'
  if (ctx.events.wants(type)) ctx.events.emit(type, optEvent(updated))
  return updated
}

/** Blocks or unblocks a contact; their conversations' `blocked` follows. */
export function setBlocked(ctx: MockContext, contact: ContactRecord, blocked: boolean): ContactRecord {
  if (contact.blocked === blocked) return contact
  const updated = ctx.store.tables.contact.update(contact, {
    blocked,
    updated: ctx.clock.timestamp(),
    rev: contact.rev + 1,
    op: 'update',
  })
  syncConversationsOfContact(ctx, updated)
  return updated
}

/**
 * `POST /v1/contact/set_status`: `blocked` blocks (their conversations show `blocked: true` and their messages
 * no longer reopen anything); `unblocked` and `active` lift the block; `unsubscribed` opts them out of texts
 * (as `is_opted_out: true`) and `subscribed` back in.
 * @note `active` only lifts a block and does not re-subscribe someone who opted out: texting them again needs
 * their consent (`subscribed`). A `phone` the address book does not know becomes a new contact first, so that a
 * spammer can be blocked before they are a contact.
 */
export async function setContactStatus(ctx: MockContext, request: SetContactStatusRequest): Promise<void> {
  const action = 'set contact status'
  let contact: ContactRecord
  if (request.id !== undefined) contact = requireContact(ctx, request.id, action)
  else {
    contact =
      findContactByPhone(ctx, request.phone!) ??
      (await ctx.store.tables.contact.insert({
        phone: request.phone!,
        team_id: ctx.store.team()?.id ?? 0,
        creator_id: teamOwner(ctx)?.id ?? 0,
        created: ctx.clock.timestamp(),
        updated: ctx.clock.timestamp(),
      }))
  }
  switch (request.status) {
    case 'blocked':
      setBlocked(ctx, contact, true)
      break
    case 'unblocked':
    case 'active':
      setBlocked(ctx, contact, false)
      break
    case 'unsubscribed':
      setOptedOut(ctx, contact, true, 'admin')
      break
    case 'subscribed':
      setOptedOut(ctx, contact, false, 'admin')
      break
  }
}

/**
 * The customer answered a double opt-in request (`mock.simulate.doubleOptIn`): confirmed, they are subscribed
 * again (`target_double_opt_in`); otherwise texts to them stay restricted and nothing changes but the event
 * (`target_double_opt_restricted`). The webhook page lists both types without saying more (decisions/webhooks.md).
 */
export async function recordDoubleOptIn(ctx: MockContext, phone: string, confirmed: boolean): Promise<ContactRecord> {
  const action = 'record a double opt-in'
  const contact = findContactByPhone(ctx, phone)
  if (!contact) throw notFound('phone', `Failed to ${action}: no contact has the number ${phone}. Please create the contact first.`)
  const updated = confirmed && contact.is_opted_out
    ? ctx.store.tables.contact.update(contact, { is_opted_out: false, opted_out_by: '', updated: ctx.clock.timestamp(), rev: contact.rev + 1, op: 'update' })
    : contact
  const type = confirmed ? 'target_double_opt_in' : 'target_double_opt_restricted'
  if (ctx.events.wants(type)) ctx.events.emit(type, optEvent(updated))
  return updated
}
