// Tells a network share from a local disk, so shares are polled (and left to sleep) instead of watched.
import { readFileSync } from 'node:fs';

const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'afpfs', 'sshfs', 'fuse.sshfs', 'davfs', 'fuse.rclone', '9p', 'ncpfs']);

export interface MountEntry {
  mountPoint: string;
  fsType: string;
}

export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    // /proc/mounts escapes spaces and tabs in paths as octal.
    const mountPoint = (fields[1] as string).replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    out.push({ mountPoint, fsType: fields[2] as string });
  }
  return out;
}

export function isNetworkPath(path: string, mounts?: MountEntry[]): boolean {
  if (path.startsWith('\\\\') || path.startsWith('//')) return true;
  let list = mounts;
  if (!list) {
    try {
      list = parseMounts(readFileSync('/proc/mounts', 'utf8'));
    } catch {
      return false;
    }
  }
  let best: MountEntry | undefined;
  for (const m of list) {
    const under = path === m.mountPoint || path.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`);
    if (under && (!best || m.mountPoint.length > best.mountPoint.length)) best = m;
  }
  return best ? NETWORK_FS.has(best.fsType) : false;
}
