// Public entry point of the NFO reader: the parser, its error and the result types.
export { parseNfo } from './parse-nfo';
export { NFO_MAX_BYTES, NfoError } from './types';
export type { Nfo, NfoArt, NfoCommon, NfoEpisode, NfoErrorCode, NfoPerson, NfoRating, NfoUniqueIds } from './types';
