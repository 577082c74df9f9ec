import { describe, expect, it } from 'vitest';
import { parseAimScan } from './aim';

describe('parseAimScan', () => {
  it.each([
    [']E04006381333931', 'ean-13', '4006381333931'],
    [']E40123456', 'ean-8', '0123456'],
    [']E00012345678905', 'upc-a', '0012345678905'],
    [']C1010950110153000', 'gs1-128', '010950110153000'],
    [']C0ABC-1', 'code-128', 'ABC-1'],
    [']Q1https://x.test', 'qr', 'https://x.test'],
    [']d2010950110153', 'gs1-data-matrix', '010950110153'],
  ])('reads %s as %s', (input, symbology, data) => {
    const scan = parseAimScan(input);
    expect(scan.symbology).toBe(symbology);
    expect(scan.data).toBe(data);
    expect(scan.aimId).toBe(input.slice(0, 3));
  });

  it('leaves data without an AIM id untouched', () => {
    expect(parseAimScan('4006381333931')).toEqual({ data: '4006381333931', symbology: 'unknown' });
  });
});
