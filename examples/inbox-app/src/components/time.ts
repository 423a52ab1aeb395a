/** "just now", "5 min", "3 h", "2 d", or a date: how long before `now` something happened. */
export function ago(timestamp: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(timestamp)) / 1000))
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)} d`
  return new Date(timestamp).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })
}

/** A phone number as people read it: +1 (415) 555-0123. */
export function formatPhone(target: string): string {
  const match = /^1(\d{3})(\d{3})(\d{4})$/.exec(target)
  return match ? `+1 (${match[1]}) ${match[2]}-${match[3]}` : target
}
