import { contactStatus, setContactStatus } from '../rules/contact-status.js'
import {
  batchContacts,
  countContacts,
  createContact,
  createContactFields,
  deleteContact,
  findContact,
  listContactFields,
  listContacts,
  requireContact,
  updateContact,
  viewContact,
} from '../rules/contacts.js'
import { createContactV2, getContactV2, listContactsV2, searchContactsV2 } from '../rules/contacts-v2.js'
import { operations } from '../schema/operations.js'
import { route } from './route.js'

/** The contacts endpoints, v1 and v2. */
export const contactRoutes = [
  route(operations.createContact, async (ctx, { body }) => {
    const contact = await createContact(ctx, body)
    return { id: contact.id, rev: contact.rev, uuid: contact.uuid }
  }),
  route(operations.getContact, (ctx, { params }) => viewContact(requireContact(ctx, params.id, 'get contact'))),
  route(operations.updateContact, (ctx, { params, query, body }) => {
    const contact = updateContact(ctx, params.id, body, query.overwrite ?? false)
    return { id: contact.id, rev: contact.rev }
  }),
  route(operations.deleteContact, (ctx, { params }) => (deleteContact(ctx, params.id), 'ok')),
  route(operations.listContacts, (ctx, { body }) => listContacts(ctx, body)),
  route(operations.countContacts, (ctx, { body }) => String(countContacts(ctx, body))),
  route(operations.findContact, (ctx, { body }) => viewContact(findContact(ctx, body))),
  route(operations.getContactStatus, (ctx, { body }) => contactStatus(ctx, body)),
  route(operations.setContactStatus, async (ctx, { body }) => (await setContactStatus(ctx, body), 'success')),
  route(operations.batchCreateContacts, (ctx, { query, body }) => batchContacts(ctx, body, query.overwrite ?? false)),
  route(operations.listContactFields, (ctx) => listContactFields(ctx)),
  route(operations.createContactFields, (ctx, { body }) => createContactFields(ctx, body)),
  route(operations.createContactV2, (ctx, { body }) => createContactV2(ctx, body)),
  route(operations.getContactV2, (ctx, { params }) => getContactV2(ctx, params.contactID)),
  route(operations.listContactsV2, (ctx, { body }) => listContactsV2(ctx, body)),
  route(operations.searchContactsV2, (ctx, { body }) => searchContactsV2(ctx, body)),
]
