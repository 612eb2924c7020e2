// The typed desktop bridge (window.desktop) and the messages between the shell and the server process.
import { z } from 'zod';

/** What the preload exposes to the renderer. Optional there: a plain browser has none of it. */
export interface DesktopApi {
  version: string;
  pickFolders(): Promise<string[]>;
  setFullScreen(on: boolean): Promise<void>;
  keepAwake(on: boolean): Promise<void>;
}

export const IPC = {
  pickFolders: 'desktop:pick-folders',
  setFullScreen: 'desktop:set-full-screen',
  keepAwake: 'desktop:keep-awake',
} as const;

export const booleanArg = z.boolean();

export const serverMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('stop') })]);
export type ShellToServer = z.infer<typeof serverMessage>;

export const serverReport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/) }),
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }),
]);
export type ServerToShell = z.infer<typeof serverReport>;
