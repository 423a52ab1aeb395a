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
import {
  addContactChannel,
  bulkContactsV2,
  bulkDeleteContactsV2,
  createContactV2,
  deleteContactChannel,
  deleteContactV2,
  getContactChannel,
  getContactV2,
  listContactChannels,
  listContactsV2,
  searchContactsV2,
  updateContactChannel,
  updateContactV2,
} from '../rules/contacts-v2.js'
import { contactRequestSchema, bulkContactV2EntrySchema } from '../schema/contact-requests.js'
import { operations } from '../schema/operations.js'
import { route } from './route.js'
import { parseEach } from './validation.js'

const created = (contact: { id: number; rev: number; uuid: string }) => ({ id: contact.id, rev: contact.rev, uuid: contact.uuid })

/** The contacts endpoints, v1 and v2. */
export const contactRoutes = [
  route(operations.createContact, async (ctx, { body }) => created(await createContact(ctx, body))),
  route(operations.getContact, (ctx, { params }) => viewContact(requireContact(ctx, params.id, 'get contact'))),
  route(operations.updateContact, (ctx, { params, query, body }) => created(updateContact(ctx, params.id, body, query.overwrite ?? false))),
  route(operations.deleteContact, (ctx, { params }) => (deleteContact(ctx, params.id), 'ok')),
  route(operations.listContacts, (ctx, { body }) => listContacts(ctx, body)),
  route(operations.countContacts, (ctx, { body }) => String(countContacts(ctx, body))),
  route(operations.findContact, (ctx, { body }) => viewContact(findContact(ctx, body))),
  route(operations.getContactStatus, (ctx, { body }) => contactStatus(ctx, body)),
  route(operations.setContactStatus, async (ctx, { body }) => (await setContactStatus(ctx, body), 'success')),
  route(operations.batchCreateContacts, (ctx, { query, body }) =>
    batchContacts(ctx, parseEach(contactRequestSchema, body, 'create contacts'), query.overwrite ?? false),
  ),
  route(operations.listContactFields, (ctx) => listContactFields(ctx)),
  route(operations.createContactFields, (ctx, { body }) => createContactFields(ctx, body)),
  route(operations.createContactV2, async (ctx, { body }) => created(await createContactV2(ctx, body))),
  route(operations.getContactV2, (ctx, { params }) => getContactV2(ctx, params.contactID)),
  route(operations.updateContactV2, (ctx, { params, body }) => updateContactV2(ctx, params.contactID, body)),
  route(operations.deleteContactV2, (ctx, { params }) => (deleteContactV2(ctx, params.contactID), 'ok')),
  route(operations.bulkUpsertContactsV2, (ctx, { body }) => bulkContactsV2(ctx, parseEach(bulkContactV2EntrySchema, body.contacts, 'create or update contacts'))),
  route(operations.bulkDeleteContactsV2, (ctx, { body }) => (bulkDeleteContactsV2(ctx, body.contact_channels[0]!.channel_ids), 'ok')),
  route(operations.addContactChannel, (ctx, { params, body }) => addContactChannel(ctx, params.contactID, body)),
  route(operations.updateContactChannel, (ctx, { params, body }) => updateContactChannel(ctx, params.contactID, body)),
  route(operations.listContactChannels, (ctx, { params }) => listContactChannels(ctx, params.contactID)),
  route(operations.getContactChannel, (ctx, { params }) => getContactChannel(ctx, params.contactID, params.channelType)),
  route(operations.deleteContactChannel, (ctx, { params }) => (deleteContactChannel(ctx, params.contactID, params.channelType), 'ok')),
  route(operations.listContactsV2, (ctx, { body }) => listContactsV2(ctx, body)),
  route(operations.searchContactsV2, (ctx, { body }) => searchContactsV2(ctx, body)),
]
