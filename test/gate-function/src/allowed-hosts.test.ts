import assert from 'node:assert/strict';

import {
  formatAllowedHosts,
  isAllowedHost,
  parseAllowedHosts,
} from '../../../gate-function/src/allowed-hosts';

describe('parseAllowedHosts and isAllowedHost', () => {
  const patterns = parseAllowedHosts(' raw.githubusercontent.com , *.blob.core.windows.net,,Example.COM. ');

  it('matches exact hosts case-insensitively and without a trailing dot', () => {
    assert.equal(isAllowedHost('raw.githubusercontent.com', patterns), true);
    assert.equal(isAllowedHost('example.com', patterns), true);
    assert.equal(isAllowedHost('EXAMPLE.com.', patterns), true);
    assert.equal(isAllowedHost('githubusercontent.com', patterns), false);
    assert.equal(isAllowedHost('raw.githubusercontent.com.evil.org', patterns), false);
  });

  it('matches every subdomain of a wildcard but not the domain itself or a look-alike', () => {
    assert.equal(isAllowedHost('acct.blob.core.windows.net', patterns), true);
    assert.equal(isAllowedHost('a.b.blob.core.windows.net', patterns), true);
    assert.equal(isAllowedHost('blob.core.windows.net', patterns), false);
    assert.equal(isAllowedHost('evilblob.core.windows.net', patterns), false);
  });

  it('compares internationalised names in their punycode form', () => {
    assert.equal(
      isAllowedHost(new URL('https://bücher.example/').hostname, parseAllowedHosts('bücher.example')),
      true,
    );
  });

  it('renders the list for messages', () => {
    assert.equal(
      formatAllowedHosts(patterns),
      'raw.githubusercontent.com, *.blob.core.windows.net, example.com',
    );
  });

  it('refuses URLs, ports, bare wildcards and top-level wildcards, naming the entry', () => {
    assert.throws(
      () => parseAllowedHosts('https://example.com'),
      /"https:\/\/example\.com" is not a host name/,
    );
    assert.throws(() => parseAllowedHosts('example.com:8443'), /"example\.com:8443" is not a host name/);
    assert.throws(() => parseAllowedHosts('*'), /"\*" is not supported/);
    assert.throws(() => parseAllowedHosts('*.com'), /every host of a top-level domain/);
    assert.throws(() => parseAllowedHosts('a*.example.com'), /whole subdomains/);
  });

  it('accepts IP literals, which the address check still judges', () => {
    assert.equal(isAllowedHost('[::1]', parseAllowedHosts('[::1]')), true);
    assert.equal(isAllowedHost('203.0.113.7', parseAllowedHosts('203.0.113.7')), true);
  });
});
