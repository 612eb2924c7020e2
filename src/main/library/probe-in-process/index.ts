// In-process probe of MP4/MOV and Matroska/WebM headers; anything it cannot read with certainty is left to ffprobe.
import type { ProbeResult } from '../../db/library-store';
import { ByteReader } from './byte-reader';
import { looksLikeMatroska, probeMatroska } from './mkv';
import { looksLikeMp4, probeMp4 } from './mp4';

/** ProbeResult from the file's headers, or null when the container or something in it is not one we read with certainty (then the caller runs ffprobe). Never throws. */
export function probeInProcess(path: string): ProbeResult | null {
  let reader: ByteReader | undefined;
  try {
    reader = ByteReader.open(path);
    const head = reader.readUpTo(0, 16);
    if (looksLikeMatroska(head)) return probeMatroska(reader);
    if (looksLikeMp4(head)) return probeMp4(reader);
    return null;
  } catch {
    // Bails, read errors and malformed data alike: ffprobe is the authority for anything we did not fully understand.
    return null;
  } finally {
    try {
      reader?.close();
    } catch {
      // Closing a read-only descriptor cannot lose data.
    }
  }
}
