import assert from 'node:assert/strict';

import { readRateLimitReset } from '../../../lib/http/read-rate-limit-reset';

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0);

describe('readRateLimitReset', () => {
  it('reads X-RateLimit-Reset in microseconds since the epoch, as Dynatrace sends it', () => {
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': String((NOW + 1500) * 1000) }, NOW), NOW + 1500);
  });

  it('rounds a microsecond reset up so the wait never ends early', () => {
    assert.equal(
      readRateLimitReset({ 'x-ratelimit-reset': String((NOW + 1500) * 1000 + 1) }, NOW),
      NOW + 1501,
    );
  });

  it('reads X-RateLimit-Reset in milliseconds and in seconds since the epoch', () => {
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': String(NOW + 2000) }, NOW), NOW + 2000);
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': String(NOW / 1000 + 3) }, NOW), NOW + 3000);
  });

  it('reads a small X-RateLimit-Reset as seconds from now', () => {
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': '7' }, NOW), NOW + 7000);
  });

  it('reads Retry-After in seconds, fractional ones included', () => {
    assert.equal(readRateLimitReset({ 'retry-after': '120' }, NOW), NOW + 120_000);
    assert.equal(readRateLimitReset({ 'retry-after': '1.5' }, NOW), NOW + 1500);
  });

  it('reads Retry-After as an HTTP date', () => {
    const at = new Date(NOW + 30_000).toUTCString();
    assert.equal(readRateLimitReset({ 'retry-after': at }, NOW), NOW + 30_000);
  });

  it('takes the later of the two headers when both are present', () => {
    const headers = { 'x-ratelimit-reset': String((NOW + 1000) * 1000), 'retry-after': '4' };
    assert.equal(readRateLimitReset(headers, NOW), NOW + 4000);
  });

  it('returns undefined when there is no usable hint', () => {
    assert.equal(readRateLimitReset({}, NOW), undefined);
    assert.equal(readRateLimitReset({ 'retry-after': 'soon', 'x-ratelimit-reset': '-5' }, NOW), undefined);
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': '' }, NOW), undefined);
  });

  it('returns a reset in the past as it is, leaving the caller to treat it as "now"', () => {
    assert.equal(readRateLimitReset({ 'x-ratelimit-reset': String((NOW - 5000) * 1000) }, NOW), NOW - 5000);
  });
});
