// The models of the player's menus (audio, subtitles, settings, version), built from the session
// and the choices made. Pure, so the labels and what is checked are unit-tested; the control bar
// only draws them.
import type { AudioTrack, MediaFile, SubtitleTrack } from '../../shared/api';
import { QUALITY_CAPS } from '../../shared/settings';
import { channelLabel, codecLabel, languageName } from '../lib/format';
import { fileLabel } from '../lib/media-info';
import { PLAYBACK_SPEEDS, SUBTITLE_BACKGROUNDS, SUBTITLE_SIZES, type DevicePreferences } from './preferences';

export interface MenuChoice {
  value: string;
  label: string;
  detail?: string;
}

export interface MenuSection {
  id: string;
  title?: string;
  /** Short choices side by side (speeds, sizes) rather than one per line. */
  inline?: boolean;
  choices: readonly MenuChoice[];
  selected: string | null;
}

export interface ControlMenu {
  id: string;
  label: string;
  /** What is chosen now, shown on the menu's button. */
  value: string;
  sections: readonly MenuSection[];
}

export const SUBTITLES_OFF = 'off';

export function audioLabel(track: AudioTrack, position: number): string {
  const language = languageName(track.language);
  const name = language ?? track.title ?? `Track ${position + 1}`;
  const format = [codecLabel(track.codec), channelLabel(track.channels)].filter(Boolean).join(' ');
  const extra = language && track.title && !track.title.toLowerCase().includes(language.toLowerCase()) ? ` · ${track.title}` : '';
  return `${name} · ${format}${extra}`;
}

export function subtitleLabel(track: SubtitleTrack, position: number): string {
  const name = languageName(track.language) ?? track.title ?? `Subtitles ${position + 1}`;
  const flags: string[] = [];
  if (track.isForced) flags.push('forced');
  if (track.kind === 'picture') flags.push('burned in');
  return flags.length > 0 ? `${name} (${flags.join(', ')})` : name;
}

const SIZE_LABELS: Record<DevicePreferences['subtitleSize'], string> = { small: 'Small', medium: 'Medium', large: 'Large' };
const BACKGROUND_LABELS: Record<DevicePreferences['subtitleBackground'], string> = { none: 'None', shadow: 'Outline', box: 'Dark box' };
const CAP_LABELS: Record<string, string> = { original: 'Original', '2160p': '4K', '1080p': '1080p', '720p': '720p', '480p': '480p' };

export interface MenuState {
  audioTracks: readonly AudioTrack[];
  audioStream: number | null;
  subtitleTracks: readonly SubtitleTrack[];
  subtitleStream: number | null;
  speed: number;
  qualityCap: string;
  prefs: DevicePreferences;
  /** The versions of the title; a picker shows when there are two or more. */
  versions: readonly MediaFile[];
  fileId: string;
}

export function speedLabel(speed: number): string {
  return speed === 1 ? 'Normal' : `${speed}×`;
}

export function buildMenus(state: MenuState): ControlMenu[] {
  const menus: ControlMenu[] = [];
  if (state.audioTracks.length > 1) {
    const current = state.audioTracks.find((t) => t.stream === state.audioStream) ?? state.audioTracks.find((t) => t.selected) ?? state.audioTracks[0]!;
    menus.push({
      id: 'audio',
      label: 'Audio',
      value: languageName(current.language) ?? current.title ?? 'Track',
      sections: [
        {
          id: 'audio',
          choices: state.audioTracks.map((track, i) => ({ value: String(track.stream), label: audioLabel(track, i) })),
          selected: String(current.stream),
        },
      ],
    });
  }
  if (state.subtitleTracks.length > 0) {
    const current = state.subtitleTracks.find((t) => t.stream === state.subtitleStream) ?? null;
    const index = current ? state.subtitleTracks.indexOf(current) : -1;
    menus.push({
      id: 'subtitles',
      label: 'Subtitles',
      value: current ? subtitleLabel(current, index) : 'Off',
      sections: [
        {
          id: 'subtitles',
          choices: [
            { value: SUBTITLES_OFF, label: 'Off' },
            ...state.subtitleTracks.map((track, i) => ({
              value: String(track.stream),
              label: subtitleLabel(track, i),
              ...(track.title && languageName(track.language) ? { detail: track.title } : {}),
            })),
          ],
          selected: current ? String(current.stream) : SUBTITLES_OFF,
        },
      ],
    });
  }
  menus.push({
    id: 'settings',
    label: 'Settings',
    // Only a speed other than normal is worth showing on the bar.
    value: state.speed === 1 ? '' : speedLabel(state.speed),
    sections: [
      { id: 'speed', title: 'Speed', inline: true, choices: PLAYBACK_SPEEDS.map((s) => ({ value: String(s), label: speedLabel(s) })), selected: String(state.speed) },
      {
        id: 'quality',
        title: 'Quality when converting',
        inline: true,
        choices: QUALITY_CAPS.map((cap) => ({ value: cap, label: CAP_LABELS[cap] ?? cap })),
        selected: state.qualityCap,
      },
      { id: 'subtitle-size', title: 'Subtitle size', inline: true, choices: SUBTITLE_SIZES.map((s) => ({ value: s, label: SIZE_LABELS[s] })), selected: state.prefs.subtitleSize },
      {
        id: 'subtitle-background',
        title: 'Subtitle background',
        inline: true,
        choices: SUBTITLE_BACKGROUNDS.map((b) => ({ value: b, label: BACKGROUND_LABELS[b] })),
        selected: state.prefs.subtitleBackground,
      },
    ],
  });
  const versions = state.versions.filter((f) => !f.missing && (f.part === null || f.part <= 1));
  if (versions.length > 1) {
    const current = versions.find((f) => f.id === state.fileId) ?? versions[0]!;
    menus.push({
      id: 'version',
      label: 'Version',
      value: fileLabel(current),
      sections: [{ id: 'version', choices: versions.map((f) => ({ value: f.id, label: fileLabel(f) })), selected: current.id }],
    });
  }
  return menus;
}
