// Hardware encoder detection through the real bundled ffmpeg: every kind gets an answer with its reason,
// and on a machine without a GPU none is called usable (transcodes then use libx264).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { detectHardwareEncoders, HARDWARE_KINDS } from '../../src/main/playback/encoders';
import { mediaTools } from '../../src/main/media-tools/tools';

describe('detectHardwareEncoders', () => {
  it('answers for every kind, with why a kind cannot be used', async () => {
    const found = await detectHardwareEncoders(mediaTools().ffmpeg, 'linux');
    expect(found.map((f) => f.kind)).toEqual([...HARDWARE_KINDS]);
    for (const f of found) expect(f.detail.length).toBeGreaterThan(5);
    expect(found.find((f) => f.kind === 'videotoolbox')!.detail).toContain('not available on linux');
    // The bundled build names no NVENC encoder.
    expect(found.find((f) => f.kind === 'nvenc')!.detail).toMatch(/no h264_nvenc|NVIDIA/);
    if (!existsSync('/dev/dri')) expect(found.find((f) => f.kind === 'vaapi')!.detail).toContain('no GPU render device');
  }, 30_000);

  it('on macOS only VideoToolbox is worth trying', async () => {
    const found = await detectHardwareEncoders(mediaTools().ffmpeg, 'darwin');
    expect(found.filter((f) => !f.detail.startsWith('not available on darwin')).map((f) => f.kind)).toEqual(['videotoolbox']);
  });
});
