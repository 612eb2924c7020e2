// The Settings screen's calls: settings, themes, folders (listing and completion), the ffmpeg test and
// the About facts. Built on the one request function of client.ts, so errors read the same everywhere.
import type { Id, LibrariesResponse, Library, AddLibraryBody } from '../../shared/api';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { ThemesResponse } from '../../shared/theme';
import type { FfmpegTestResult, FsDirsResponse, SystemInfo, UpdateLibraryBody } from '../../shared/settings-api';
import { request } from './client';

const enc = encodeURIComponent;

export function getSettings(): Promise<Settings> {
  return request<Settings>('/settings');
}

export function putSettings(patch: SettingsPatch): Promise<Settings> {
  return request<Settings>('/settings', { method: 'PUT', body: patch });
}

export function getThemes(): Promise<ThemesResponse> {
  return request<ThemesResponse>('/themes');
}

export function getLibraries(): Promise<LibrariesResponse> {
  return request<LibrariesResponse>('/libraries');
}

export function createLibrary(body: AddLibraryBody): Promise<Library> {
  return request<Library>('/libraries', { method: 'POST', body });
}

export function updateLibrary(id: Id, body: UpdateLibraryBody): Promise<Library> {
  return request<Library>(`/libraries/${enc(id)}`, { method: 'PATCH', body });
}

export function deleteLibrary(id: Id): Promise<void> {
  return request<void>(`/libraries/${enc(id)}`, { method: 'DELETE' });
}

export function rescanLibrary(id: Id): Promise<{ scanId: Id }> {
  return request<{ scanId: Id }>(`/libraries/${enc(id)}/scan`, { method: 'POST', body: {} });
}

export function listDirs(path: string, signal?: AbortSignal): Promise<FsDirsResponse> {
  return request<FsDirsResponse>(`/fs/dirs?path=${enc(path)}`, { signal });
}

export function testFfmpeg(path: string): Promise<FfmpegTestResult> {
  return request<FfmpegTestResult>('/system/ffmpeg-test', { method: 'POST', body: { path } });
}

export function getSystemInfo(): Promise<SystemInfo> {
  return request<SystemInfo>('/system');
}
