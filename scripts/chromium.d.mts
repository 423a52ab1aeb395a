/** Types of scripts/chromium.mjs, for playwright.config.ts. */
export type FoundChromium = { source: string; executablePath: string | undefined }
export function findChromium(): FoundChromium | undefined
export function ensureChromium(): FoundChromium
