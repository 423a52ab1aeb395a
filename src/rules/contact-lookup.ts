import type { ContactRecord } from '../store/records.js'
import type { MockContext } from './context.js'
import { denied } from './errors.js'

/** The contact with this phone number, if the address book has one. */
export function findContactByPhone(ctx: MockContext, phone: string): ContactRecord | undefined {
  const id = ctx.store.indexes.contactByPhone.first(phone)
  return id === undefined ? undefined : ctx.store.tables.contact.get(id)
}

/**
 * Refuses to text a contact who opted out or is blocked (403 `denied`, as the API refuses actions the team may
 * not take). The send fails rather than being dropped silently.
 */
export function refuseUnreachable(contact: ContactRecord | undefined, phone: string, field: string, action: string): void {
  if (!contact) return
  if (contact.blocked) {
    throw denied(field, `Failed to ${action}: ${phone} (${contact.display_name || 'contact ' + contact.id}) is blocked. Please unblock the contact (POST /v1/contact/set_status) before texting them.`)
  }
  if (contact.is_opted_out) {
    throw denied(field, `Failed to ${action}: ${phone} (${contact.display_name || 'contact ' + contact.id}) has unsubscribed from texts. Please do not text contacts who opted out.`)
  }
}
