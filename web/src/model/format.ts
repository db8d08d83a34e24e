/**
 * Durations as kubectl prints ages (`HumanDuration`): two units at most, the larger first, and
 * coarser as the duration grows — 45s, 3m20s, 12m, 5h3m, 3d4h, 45d, 2y30d.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  }
  if (minutes < 180) {
    return `${minutes}m`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  }
  if (hours < 48) {
    return `${hours}h`;
  }
  const days = Math.floor(hours / 24);
  if (days < 8) {
    return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  }
  if (days < 365 * 2) {
    return `${days}d`;
  }
  const years = Math.floor(days / 365);
  return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
}

/** The age of something created at `since` (epoch ms), or `<unknown>` as kubectl says. */
export function formatAge(since: number | null | undefined, now: number): string {
  return since === null || since === undefined ? '<unknown>' : formatDuration(now - since);
}
