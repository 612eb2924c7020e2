import { describe, expect, it } from 'vitest';
import { isNetworkPath, parseMounts } from '../../src/main/library/network';
import { ProgressBar } from '../../src/main/progress-bar';
import type { ScanProgress } from '../../src/shared/api';

const MOUNTS = parseMounts(
  [
    '/dev/sda1 / ext4 rw,relatime 0 0',
    'nas:/volume1/video /mnt/nas nfs4 rw,relatime 0 0',
    '//nas/films /mnt/smb\\040films cifs rw 0 0',
    '/dev/sdb1 /mnt/nas/usb ext4 rw 0 0',
    'user@host:/media /home/me/remote fuse.sshfs rw 0 0',
  ].join('\n'),
);

describe('telling a network share from a local disk', () => {
  it('reads /proc/mounts, octal-escaped spaces included', () => {
    expect(MOUNTS.map((m) => [m.mountPoint, m.fsType])).toEqual([
      ['/', 'ext4'],
      ['/mnt/nas', 'nfs4'],
      ['/mnt/smb films', 'cifs'],
      ['/mnt/nas/usb', 'ext4'],
      ['/home/me/remote', 'fuse.sshfs'],
    ]);
  });

  it('goes by the deepest mount that holds the path', () => {
    expect(isNetworkPath('/mnt/nas/Films', MOUNTS)).toBe(true);
    expect(isNetworkPath('/mnt/nas', MOUNTS)).toBe(true);
    expect(isNetworkPath('/mnt/smb films/Kids', MOUNTS)).toBe(true);
    expect(isNetworkPath('/home/me/remote/tv', MOUNTS)).toBe(true);
    // A USB disk mounted inside the share's folder is local.
    expect(isNetworkPath('/mnt/nas/usb/Films', MOUNTS)).toBe(false);
    // A sibling whose name starts like the mount point is not under it.
    expect(isNetworkPath('/mnt/nas2/Films', MOUNTS)).toBe(false);
    expect(isNetworkPath('/home/me/Videos', MOUNTS)).toBe(false);
  });

  it('takes UNC paths (\\\\server\\share on Windows, //server/share) as shares without looking at mounts', () => {
    expect(isNetworkPath('\\\\NAS\\Films', [])).toBe(true);
    expect(isNetworkPath('//nas/films', [])).toBe(true);
    expect(isNetworkPath('C:\\Films', [])).toBe(false);
  });
});

describe('the CLI progress bar', () => {
  const progress = (p: Partial<ScanProgress>): ScanProgress => ({
    scanId: 's', libraryId: 'l', phase: 'walking', found: 0, identified: 0, probed: 0, toProbe: 0, failed: 0,
    added: 0, updated: 0, removed: 0, etaSeconds: null, message: null, ...p,
  });

  it('draws phase one, then the probe with its ETA, on one line, and at most ten times a second', () => {
    const written: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    bar.update(progress({ found: 200, identified: 50 }));
    bar.update(progress({ found: 200, identified: 60 })); // within 100 ms: skipped
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r\[#{8} {22}\]  25% found 200 identified 50 failed 0 {3}$/);
    bar.update(progress({ phase: 'done', found: 200, identified: 200, probed: 200, toProbe: 200, failed: 3 }));
    expect(written[1]).toMatch(/100% found 200 identified 200 failed 3/);
    const probing = new ProgressBar({ write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    probing.update(progress({ phase: 'probing', found: 200, identified: 200, probed: 100, toProbe: 400, etaSeconds: 12 }));
    expect(written[2]).toMatch(/ 25% probing 100\/400 failed 0 ETA 12s/);
    probing.done();
    expect(written[3]).toBe('\n');
  });
});
