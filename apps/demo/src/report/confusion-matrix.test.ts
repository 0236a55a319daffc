import { describe, expect, it } from 'vitest';
import { confusionMatrix, confusionMatrixSvg } from './confusion-matrix.js';

describe('confusionMatrix', () => {
  it('counts [actual][predicted]', () => {
    // pairs (actual, predicted): (0,0) (0,1) (1,1) (2,1) (2,2) (2,2)
    expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 1, 2, 2], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 1, 2],
    ]);
  });

  it('rejects mismatched lengths', () => {
    expect(() => confusionMatrix([0], [0, 1], 2)).toThrow('1 actual labels but 2 predictions');
  });

  it('renders every count and class name', () => {
    const svg = confusionMatrixSvg(
      [
        [5, 1],
        [2, 7],
      ],
      ['Coat', 'Bag'],
    );
    for (const text of ['>5<', '>1<', '>2<', '>7<', '>Coat<', '>Bag<']) expect(svg).toContain(text);
  });

  it('draws its title once, or none where the page titles it', () => {
    const titled = confusionMatrixSvg([[1]], ['Coat']);
    expect(titled.match(/Confusion matrix/g)).toHaveLength(1);
    expect(confusionMatrixSvg([[1]], ['Coat'], '')).not.toContain('font-weight="bold"');
  });
});
