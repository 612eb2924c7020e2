// When to offer "Resume" instead of "Play": the position must be worth returning to.
import type { UserData } from '../../shared/api';

/** Less than this in, starting over costs nothing. */
const MIN_RESUME_SECONDS = 60;
/** Past this share of the runtime the credits are rolling: start over instead. */
const MAX_RESUME_FRACTION = 0.95;

export function resumePosition(userData: UserData | null | undefined, runtimeSeconds: number | null): number | null {
  if (!userData || userData.played) return null;
  const position = userData.positionSeconds;
  if (!Number.isFinite(position) || position < MIN_RESUME_SECONDS) return null;
  if (runtimeSeconds && runtimeSeconds > 0 && position >= runtimeSeconds * MAX_RESUME_FRACTION) return null;
  return position;
}
