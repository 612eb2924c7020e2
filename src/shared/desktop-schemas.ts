// Checks at the shell's boundaries: IPC arguments from the page, and the messages between the shell
// and the server process. Kept apart from desktop.ts so the sandboxed preload never loads zod.
import { z } from 'zod';

import { isOpenableExternal } from './desktop';

export const booleanArg = z.boolean();

export const externalUrlArg = z.string().max(2048).refine(isOpenableExternal, 'a link to a trailer site or a provider page');

export const serverMessage = z.discriminatedUnion('type', [z.object({ type: z.literal('stop') })]);
export type ShellToServer = z.infer<typeof serverMessage>;

export const serverReport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/) }),
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }),
]);
export type ServerToShell = z.infer<typeof serverReport>;
