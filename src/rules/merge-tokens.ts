import type { ContactRecord } from '../store/records.js'
import type { MockContext } from './context.js'

/**
 * Fills a template's merge tokens for one recipient: `{{first_name}}`, `{{last_name}}`, `{{display_name}}`,
 * `{{phone}}`, `{{email}}`, and `{{<custom field title>}}` (case-insensitive).
 * @note A known token with no value for this recipient becomes empty; a token that names nothing known is left
 * as written, so that a typo shows in the sent text instead of vanishing.
 */
export function fillMergeTokens(ctx: MockContext, text: string, contact: ContactRecord | undefined): string {
  // Most texts have no token: they are sent as written, without reading the contact fields.
  if (!text.includes('{{')) return text
  const fields = new Map(ctx.store.tables.contactField.values().map((field) => [field.title.toLowerCase(), String(field.id)]))
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (token, rawName: string) => {
    const name = rawName.toLowerCase()
    switch (name) {
      case 'first_name':
      case 'first':
        return contact?.first ?? ''
      case 'last_name':
      case 'last':
        return contact?.last ?? ''
      case 'display_name':
      case 'name':
        return contact?.display_name ?? ''
      case 'phone':
        return contact?.phone ?? ''
      case 'email':
        return contact?.email ?? ''
    }
    const fieldId = fields.get(name)
    if (fieldId === undefined) return token
    return contact?.custom[fieldId] ?? ''
  })
}
