import assert from 'node:assert/strict';

import { isPublicAddress } from '../../../gate-function/src/is-public-address';

describe('isPublicAddress', () => {
  it('accepts globally routable addresses', () => {
    for (const address of [
      '20.50.2.1',
      '8.8.8.8',
      '2606:4700::6810:84e5',
      '[2a00:1450:4001:82b::200e]',
      '::ffff:8.8.8.8',
    ]) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });

  it('refuses loopback, private, link-local, unique-local, metadata and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '198.51.100.7',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      'ff02::1',
      '2001:db8::1',
      '[::1]',
    ]) {
      assert.equal(isPublicAddress(address), false, address);
    }
  });

  it('judges IPv4-mapped, IPv4-compatible and NAT64 addresses by the IPv4 address they carry', () => {
    assert.equal(isPublicAddress('::ffff:127.0.0.1'), false);
    assert.equal(isPublicAddress('::ffff:7f00:1'), false);
    assert.equal(isPublicAddress('::ffff:169.254.169.254'), false);
    assert.equal(isPublicAddress('::10.0.0.1'), false);
    assert.equal(isPublicAddress('64:ff9b::10.0.0.1'), false);
    assert.equal(isPublicAddress('64:ff9b::808:808'), true);
  });

  it('refuses what is not an IP address', () => {
    assert.equal(isPublicAddress('example.com'), false);
    assert.equal(isPublicAddress(''), false);
  });
});
