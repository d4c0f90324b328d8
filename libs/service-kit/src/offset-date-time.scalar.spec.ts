import { validateSync, IsDate } from 'class-validator';
import { IsAfter } from './is-after.validator';
import { parseOffsetDateTime } from './offset-date-time.scalar';

describe('DateTime with a mandatory offset', () => {
  it('reads an offset or Z exactly', () => {
    expect(parseOffsetDateTime('2027-10-30T10:00:00+02:00').toISOString()).toBe('2027-10-30T08:00:00.000Z');
    expect(parseOffsetDateTime('2027-10-30T08:00:00Z').toISOString()).toBe('2027-10-30T08:00:00.000Z');
    expect(parseOffsetDateTime('2027-10-30T08:00:00.250-01:30').toISOString()).toBe('2027-10-30T09:30:00.250Z');
  });

  it('refuses a date-time without an offset, saying so, instead of reading it as UTC', () => {
    expect(() => parseOffsetDateTime('2027-10-30T10:00:00')).toThrow(/has no offset/);
    expect(() => parseOffsetDateTime('2027-10-30T10:00')).toThrow(/has no offset/);
  });

  it('refuses what is not a date-time, or a day that does not exist', () => {
    expect(() => parseOffsetDateTime('tomorrow')).toThrow(/not an RFC 3339/);
    expect(() => parseOffsetDateTime('2027-02-30T10:00:00Z')).toThrow(/not a valid date/);
    expect(() => parseOffsetDateTime(1700000000000)).toThrow(/must be a string/);
  });
});

describe('IsAfter', () => {
  class Window {
    @IsDate() startsAt: Date;
    @IsDate() @IsAfter('startsAt') endsAt: Date;
  }
  const window = (startsAt: string, endsAt: string) => Object.assign(new Window(), { startsAt: new Date(startsAt), endsAt: new Date(endsAt) });

  it('refuses a reversed or empty window, naming the field', () => {
    const errors = validateSync(window('2027-01-01T10:00:00Z', '2027-01-01T09:00:00Z'));
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])).toEqual([['endsAt', ['must be after startsAt']]]);
    expect(validateSync(window('2027-01-01T10:00:00Z', '2027-01-01T10:00:00Z'))).toHaveLength(1);
  });

  it('accepts a window in order (positive control)', () => {
    expect(validateSync(window('2027-01-01T10:00:00Z', '2027-01-01T11:00:00Z'))).toEqual([]);
  });
});
