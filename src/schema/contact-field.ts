import { z } from 'zod'
import { idSchema } from './common.js'

/** A custom contact field definition; contacts' `custom` maps its id (as a string) to a value. */
export const contactFieldSchema = z.object({ id: idSchema, title: z.string() })
export type ContactField = z.infer<typeof contactFieldSchema>
