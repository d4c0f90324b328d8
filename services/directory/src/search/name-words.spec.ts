import { nameWords } from './supplier-search.service';

describe('nameWords: the words of a typed text, split as name_search_text splits names', () => {
  it('lowers as Unicode and cuts at anything not a letter or a digit', () => {
    expect(nameWords("FORGES de l'Isère–Alpes 3D")).toEqual(['forges', 'de', 'l', 'isère', 'alpes', '3d']);
  });

  it('keeps each word once, and nothing of punctuation alone', () => {
    expect(nameWords('méca méca')).toEqual(['méca']);
    expect(nameWords(' -- ')).toEqual([]);
  });

  it('never yields a LIKE wildcard or escape, since the words go into LIKE patterns unescaped', () => {
    expect(nameWords('50% _off_ a\\b').join('')).not.toMatch(/[%_\\]/);
  });
});
