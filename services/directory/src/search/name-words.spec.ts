import { nameWords } from './supplier-search.service';

describe('nameWords: the words of a typed text, split as name_search_text splits names', () => {
  it('lowers as Unicode, folds accents and cuts at anything not a letter or a digit', () => {
    expect(nameWords("FORGES de l'Isère–Alpes 3D")).toEqual(['forges', 'de', 'l', 'isere', 'alpes', '3d']);
    expect(nameWords('MÉCA Çà')).toEqual(['meca', 'ca']);
    // The same name composed and decomposed (e + combining acute) gives the same word.
    expect(nameWords('Me\u0301canique')).toEqual(nameWords('Mécanique'));
  });

  it('keeps each word once, and nothing of punctuation alone', () => {
    expect(nameWords('méca meca MÉCA')).toEqual(['meca']);
    expect(nameWords(' -- ')).toEqual([]);
  });

  it('never yields a LIKE wildcard or escape, since the words go into LIKE patterns unescaped', () => {
    expect(nameWords('50% _off_ a\\b').join('')).not.toMatch(/[%_\\]/);
  });
});
