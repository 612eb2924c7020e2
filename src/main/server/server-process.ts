// Entry of the media server when the desktop shell runs it as an Electron utilityProcess.
// Plain Node code: it talks to the shell only through the parent port Electron gives it.
import { startMediaServer } from './media-server';
import { mediaTools } from '../media-tools/tools';
import { defaultDataDir, rendererDir } from '../paths';
import { serverMessage, type ShellToServer } from '../../shared/desktop-schemas';
import pkg from '../../../package.json';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

async function run(): Promise<void> {
  const dataDir = process.env.MEDIA_CENTRE_DATA ?? defaultDataDir();
  try {
    const server = await startMediaServer({ dataDir, tools: mediaTools(), rendererDir: rendererDir(), version: pkg.version });
    await server.services.startupScans();
    parentPort?.postMessage({ type: 'ready', url: server.url });
    parentPort?.on('message', (e) => {
      const parsed = serverMessage.safeParse(e.data);
      if (!parsed.success) return;
      const msg: ShellToServer = parsed.data;
      if (msg.type === 'stop') void server.close().then(() => process.exit(0));
    });
    const stop = (): void => void server.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (e) {
    parentPort?.postMessage({ type: 'failed', message: (e as Error).message });
    process.exit(1);
  }
}

void run();
