/** "3 d", "5 h", "just now": how long a card has been in its stage. */
export function since(date: string | Date, now = Date.now()): string {
  const ms = now - new Date(date).getTime();
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 48) return `${Math.floor(hours / 24)} d`;
  if (hours >= 1) return `${hours} h`;
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 1 ? `${minutes} min` : 'just now';
}

export function isOverdue(card: { nextActionAt: string | Date | null }, now = Date.now()): boolean {
  return !!card.nextActionAt && new Date(card.nextActionAt).getTime() < now;
}
