// What the playback integration tests ask the server: a session for Chromium's formats, and the segment
// list of the VOD playlist it answers with.
import type { ClientCapabilities, PlaybackSession } from '../../src/shared/api';
import type { TestServer } from './test-server';

/** What Chromium's MSE takes, as the player's capability module reports it on Linux without proprietary codecs. */
export const CHROMIUM_CAPS: ClientCapabilities = { containers: ['mp4', 'webm'], videoCodecs: ['h264', 'vp9', 'av1'], audioCodecs: ['aac', 'mp3', 'opus', 'flac'], hls: true };

/** POST /api/v1/playback with Chromium's capabilities (overridden by `caps`); anything but a 201 throws with the answer. */
export async function play(client: TestServer, body: Record<string, unknown>, caps: Partial<ClientCapabilities> = {}): Promise<PlaybackSession> {
  const res = await client.api('/playback', { method: 'POST', body: { capabilities: { ...CHROMIUM_CAPS, ...caps }, ...body } });
  if (res.status !== 201) throw new Error(`POST /playback answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as PlaybackSession;
}

/** Each segment's #EXTINF duration and the URI under it, in playlist order. */
export function playlistOf(text: string): { durations: number[]; names: string[] } {
  const lines = text.split('\n');
  const durations: number[] = [];
  const names: string[] = [];
  lines.forEach((l, i) => {
    const m = /^#EXTINF:([\d.]+),/.exec(l);
    if (m) {
      durations.push(Number(m[1]));
      names.push(lines[i + 1]!);
    }
  });
  return { durations, names };
}
