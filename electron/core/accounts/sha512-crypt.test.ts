import { describe, expect, it } from 'vitest';
import { ShadowHash } from '../../../shared/model/cluster';
import { hashPassword, sha512Crypt } from './sha512-crypt';

// The test vectors of the specification (https://www.akkadia.org/drepper/SHA-crypt.txt), each
// also checked against glibc's crypt(3) on this machine.
const VECTORS: Array<[string, string, number | undefined, string]> = [
  [
    'saltstring',
    'Hello world!',
    undefined,
    '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
  ],
  [
    'saltstringsaltstring',
    'Hello world!',
    10000,
    '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
  ],
  [
    'toolongsaltstring',
    'This is just a test',
    5000,
    '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0',
  ],
  [
    'anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    1400,
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    'short',
    'we have a short salt string but not a short password',
    77777,
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
  [
    'asaltof16chars..',
    'a short string',
    123456,
    '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1',
  ],
  [
    'roundstoolow',
    'the minimum number is still observed',
    10,
    '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.',
  ],
];

describe('sha512Crypt', () => {
  it.each(VECTORS)('matches the specification for salt %s', (salt, password, rounds, want) => {
    expect(sha512Crypt(password, salt, rounds)).toBe(want);
  });

  it('makes a shadow hash with a fresh salt each time', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(ShadowHash.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b);
    const salt = a.split('$')[2]!;
    expect(sha512Crypt('correct horse', salt)).toBe(a);
  });
});
