import { describe, expect, it } from 'vitest';
import { normaliseLanguage, parseSeasonFolder, sortKey } from '../../src/main/library/naming';

describe('season folders', () => {
  it.each<[string, number]>([
    ['Season 1', 1], ['Season 01', 1], ['season 1', 1], ['SEASON 10', 10], ['Season.2', 2], ['Season_3', 3], ['Season-4', 4],
    ['Season1', 1], ['Season 00', 0], ['Season 0', 0], ['Season 2011', 2011], ['Season 1 (2005)', 1], ['Season 02 [1080p]', 2],
    ['Season 3 - The Final Chapter', 3], ['S01', 1], ['S1', 1], ['s02', 2], ['S01 (2010)', 1], ['Series 2', 2], ['Specials', 0],
    ['specials', 0], ['Special', 0], ['Staffel 1', 1], ['1. Staffel', 1], ['Saison 2', 2], ['Temporada 3', 3], ['2ª Temporada', 2],
    ['Stagione 4', 4], ['Seizoen 5', 5], ['Sezon 6', 6], ['Säsong 7', 7], ['Sæson 8', 8], ['Sesong 9', 9], ['Kausi 2', 2],
    ['Сезон 1', 1], ['сезон 3', 3], ['1 сезон', 1], ['シーズン1', 1], ['シーズン 2', 2], ['시즌 1', 1], ['시즌2', 2], ['第1季', 1],
    ['第一季', 1], ['第十二季', 12], ['第2期', 2], ['Season One', 1], ['Season Twelve', 12], ['1st Season', 1], ['2. évad', 2],
  ])('%s → season %d', (name, season) => {
    expect(parseSeasonFolder(name)).toBe(season);
  });

  it.each([
    'Doctor Who (2005)', 'Season of the Witch (2011)', 'Series 7 The Contenders (2001)', 'S01E01', 'Seasons', 'Extras', 'Trailers',
    'The 100', '24', '1923', 'Sample', '', '   ', 'Staffel', 'Season', 'S1m0ne (2002)', 'Seasonal Recipes',
  ])('%s is not a season folder', (name) => {
    expect(parseSeasonFolder(name)).toBeNull();
  });
});

describe('language tags fold to ISO 639-2/B', () => {
  it.each<[string, string]>([
    ['en', 'eng'], ['eng', 'eng'], ['English', 'eng'], ['english', 'eng'], ['EN', 'eng'], ['en-US', 'eng'], ['en_GB', 'eng'],
    ['fr', 'fre'], ['fre', 'fre'], ['fra', 'fre'], ['French', 'fre'], ['Français', 'fre'], ['fr-CA', 'fre'],
    ['de', 'ger'], ['ger', 'ger'], ['deu', 'ger'], ['Deutsch', 'ger'], ['German', 'ger'],
    ['es', 'spa'], ['spa', 'spa'], ['Español', 'spa'], ['es-419', 'spa'], ['Castellano', 'spa'], ['Latino', 'spa'],
    ['pt', 'por'], ['pt-BR', 'por'], ['por', 'por'], ['Português', 'por'], ['Portuguese (Brazil)', 'por'], ['pob', 'por'],
    ['it', 'ita'], ['Italiano', 'ita'], ['nl', 'dut'], ['nld', 'dut'], ['Dutch', 'dut'], ['sv', 'swe'], ['Svenska', 'swe'],
    ['da', 'dan'], ['no', 'nor'], ['nb', 'nor'], ['Norsk', 'nor'], ['fi', 'fin'], ['Suomi', 'fin'], ['is', 'ice'],
    ['pl', 'pol'], ['Polski', 'pol'], ['cs', 'cze'], ['ces', 'cze'], ['sk', 'slo'], ['hu', 'hun'], ['Magyar', 'hun'],
    ['ro', 'rum'], ['ron', 'rum'], ['bg', 'bul'], ['ru', 'rus'], ['Русский', 'rus'], ['uk', 'ukr'], ['hr', 'hrv'],
    ['sr', 'srp'], ['sr-Latn', 'srp'], ['sl', 'slv'], ['el', 'gre'], ['ell', 'gre'], ['Greek', 'gre'], ['tr', 'tur'],
    ['Türkçe', 'tur'], ['he', 'heb'], ['iw', 'heb'], ['ar', 'ara'], ['العربية', 'ara'], ['fa', 'per'], ['Farsi', 'per'],
    ['hi', 'hin'], ['Hindi', 'hin'], ['bn', 'ben'], ['ta', 'tam'], ['te', 'tel'], ['ja', 'jpn'], ['jpn', 'jpn'],
    ['Japanese', 'jpn'], ['日本語', 'jpn'], ['zh', 'chi'], ['zho', 'chi'], ['zh-Hant', 'chi'], ['zh-TW', 'chi'],
    ['Chinese', 'chi'], ['Mandarin', 'chi'], ['ko', 'kor'], ['Korean', 'kor'], ['한국어', 'kor'], ['th', 'tha'],
    ['vi', 'vie'], ['id', 'ind'], ['ms', 'may'], ['fil', 'fil'], ['ca', 'cat'], ['eu', 'baq'], ['gl', 'glg'],
    ['et', 'est'], ['lv', 'lav'], ['lt', 'lit'], ['cy', 'wel'], ['ka', 'geo'], ['hy', 'arm'], ['sq', 'alb'], ['mk', 'mac'],
  ])('%s → %s', (tag, code) => {
    expect(normaliseLanguage(tag)).toBe(code);
  });

  it.each(['', 'x', 'und', 'mul', 'zxx', 'forced', 'sdh', 'Commentary', '1080p', 'en-Commentary', 'Klingon', 'xx', '12'])(
    '%s is not a language',
    (tag) => {
      expect(normaliseLanguage(tag)).toBeNull();
    },
  );
});

describe('sort keys', () => {
  it.each<[string, string]>([
    ['The Matrix', 'matrix'],
    ['A Beautiful Mind', 'beautiful mind'],
    ['An American Werewolf in London', 'american werewolf in london'],
    ['Das Boot', 'boot'],
    ['Der Untergang', 'untergang'],
    ['Die Welle', 'welle'],
    ['Le Samouraï', 'samourai'],
    ['La Haine', 'haine'],
    ['Les Misérables', 'miserables'],
    ["L'Avventura", 'avventura'],
    ['El Laberinto del Fauno', 'laberinto del fauno'],
    ['Los Olvidados', 'olvidados'],
    ['Il Postino', 'postino'],
    ['The', 'the'],
    ['A', 'a'],
    ['A.I. Artificial Intelligence', 'a i artificial intelligence'],
    ['Die Hard', 'die hard'],
    ['Alien 2', 'alien 00000002'],
    ['Ocean\'s Eleven', 'ocean s eleven'],
    ['千と千尋の神隠し', '千と千尋の神隠し'],
  ])('%s → %s', (title, key) => {
    expect(sortKey(title)).toBe(key);
  });

  it('orders numbers by value and ignores articles', () => {
    const titles = ['Alien 10', 'The Alien 3', 'Alien 2', 'Alien', 'Aliens', 'Éclair', 'Echo'];
    const sorted = [...titles].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    expect(sorted).toEqual(['Alien', 'Alien 2', 'The Alien 3', 'Alien 10', 'Aliens', 'Echo', 'Éclair']);
  });

  it('never returns an empty key for a non-empty title', () => {
    for (const t of ['!!!', '—', '   ', '🙂']) expect(sortKey(t).length).toBeGreaterThan(0);
  });
});
