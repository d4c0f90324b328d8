import { parsePostmasterPid } from './postgres';

describe('postmaster.pid', () => {
  it('gives the pid on the first line (the file Postgres writes while it runs)', () => {
    expect(parsePostmasterPid('4242\n/var/lib/pg/data\n1733230000\n55432\n\n127.0.0.1\n  1234567         0\nready   \n')).toBe(4242);
  });

  it('gives nothing for a file that is empty, truncated or not a pid', () => {
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('0\n')).toBeUndefined();
    expect(parsePostmasterPid('12ab\n')).toBeUndefined();
  });
});
