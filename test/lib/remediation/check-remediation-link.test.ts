import assert from 'node:assert/strict';
import { checkRemediationLink } from '../../../lib/remediation';

const allowed = ['tower.example.com', 'awx.example.com:8443', '*.runbooks.example.net', '127.0.0.1'];
const self = 'https://selfheal.azurewebsites.net/api/selfheal';

describe('checkRemediationLink', () => {
  const cases: readonly { name: string; link: string; expected: string }[] = [
    {
      name: 'allows an https link on an allowed host',
      link: 'https://tower.example.com/api/v2/job_templates/1/launch/',
      expected: 'allowed',
    },
    {
      name: 'allows any port of a host listed without one',
      link: 'https://tower.example.com:9443/launch',
      expected: 'allowed',
    },
    {
      name: 'allows the listed port of a host listed with one',
      link: 'https://awx.example.com:8443/launch',
      expected: 'allowed',
    },
    {
      name: 'allows a subdomain of a wildcard entry',
      link: 'https://eu.runbooks.example.net/hook',
      expected: 'allowed',
    },
    {
      name: 'allows plain http to an allowed loopback host (tests)',
      link: 'http://127.0.0.1:4000/hook',
      expected: 'allowed',
    },
    {
      name: 'recognises a link to this function by its path',
      link: 'https://custom.domain.example/api/selfheal/',
      expected: 'this-function',
    },
    {
      name: 'recognises this function by its URL, with a function key',
      link: `${self}?code=abc`,
      expected: 'this-function',
    },
    {
      name: 'rejects a host that is not listed',
      link: 'https://evil.example.net/launch',
      expected:
        'rejected: the remediation action link points to evil.example.net, which is not an allowed remediation host (REMEDIATION_ALLOWED_HOSTS: tower.example.com, awx.example.com:8443, *.runbooks.example.net, 127.0.0.1)',
    },
    {
      name: 'rejects another port of a host listed with a port',
      link: 'https://awx.example.com/launch',
      expected:
        'rejected: the remediation action link points to awx.example.com, which is not an allowed remediation host (REMEDIATION_ALLOWED_HOSTS: tower.example.com, awx.example.com:8443, *.runbooks.example.net, 127.0.0.1)',
    },
    {
      name: 'rejects the bare domain of a wildcard entry',
      link: 'https://runbooks.example.net/hook',
      expected:
        'rejected: the remediation action link points to runbooks.example.net, which is not an allowed remediation host (REMEDIATION_ALLOWED_HOSTS: tower.example.com, awx.example.com:8443, *.runbooks.example.net, 127.0.0.1)',
    },
    {
      name: 'rejects a look-alike host that merely ends with an allowed name',
      link: 'https://eviltower.example.com/launch',
      expected:
        'rejected: the remediation action link points to eviltower.example.com, which is not an allowed remediation host (REMEDIATION_ALLOWED_HOSTS: tower.example.com, awx.example.com:8443, *.runbooks.example.net, 127.0.0.1)',
    },
    {
      name: 'rejects plain http to a remote host, without showing the query string',
      link: 'http://tower.example.com/launch?token=s3cr3t',
      expected:
        'rejected: the remediation action link http://tower.example.com/launch does not use https (plain http is accepted only for loopback hosts)',
    },
    {
      name: 'rejects credentials in the link',
      link: 'https://user:pass@tower.example.com/launch',
      expected: 'rejected: the remediation action link https://tower.example.com/launch contains credentials',
    },
    {
      name: 'rejects text that is not a URL',
      link: 'run the playbook',
      expected: 'rejected: the remediation action link "run the playbook" is not an absolute URL',
    },
  ];
  for (const { name, link, expected } of cases) {
    it(name, () => {
      const check = checkRemediationLink(link, allowed, self);
      assert.equal(check.kind === 'rejected' ? `rejected: ${check.reason}` : check.kind, expected);
    });
  }

  it('says when no host is allowed at all', () => {
    const check = checkRemediationLink('https://tower.example.com/x', [], undefined);
    assert.equal(
      check.kind === 'rejected' && check.reason.endsWith('(REMEDIATION_ALLOWED_HOSTS is empty)'),
      true,
    );
  });
});
