import { canMove, statusFromLots } from './tender-lifecycle';

describe('tender lifecycle', () => {
  it('allows the documented path and refuses shortcuts', () => {
    expect(canMove('DRAFT', 'OPEN')).toBe(true);
    expect(canMove('OPEN', 'CLOSED')).toBe(true);
    expect(canMove('OPEN', 'EVALUATION')).toBe(false);
    expect(canMove('DRAFT', 'CLOSED')).toBe(false);
    expect(canMove('CONTRACTED', 'CANCELLED')).toBe(false);
  });

  it('derives the tender status from its lots', () => {
    expect(statusFromLots(['AWARDED', 'OPEN'])).toBeNull();
    expect(statusFromLots(['AWARDED', 'UNSUCCESSFUL'])).toBe('AWARDED');
    expect(statusFromLots(['UNSUCCESSFUL', 'UNSUCCESSFUL'])).toBe('UNSUCCESSFUL');
    expect(statusFromLots(['CONTRACTED', 'UNSUCCESSFUL'])).toBe('CONTRACTED');
    expect(statusFromLots(['CONTRACTED', 'AWARDED'])).toBe('AWARDED');
  });
});
