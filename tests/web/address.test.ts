import { describe, expect, it } from 'vitest';
import { addressRefusal, isAllowedHost, parseAllowHosts } from '../../src/web/address.ts';

describe('addressRefusal', () => {
  it('refuses loopback, private, link-local, metadata and unspecified IPv4 addresses', () => {
    const refused = {
      '127.0.0.1': 'loopback',
      '127.255.0.9': 'loopback',
      '10.20.30.40': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'link-local (cloud metadata)',
      '0.0.0.0': 'this-network',
      '100.100.100.200': 'shared (carrier-grade NAT)',
      '224.0.0.251': 'multicast',
    };
    for (const [address, why] of Object.entries(refused)) expect(addressRefusal(address)).toBe(why);
  });

  it('refuses the IPv6 equivalents, IPv4 inside IPv6 included', () => {
    expect(addressRefusal('::1')).toBe('loopback');
    expect(addressRefusal('::')).toBe('unspecified');
    expect(addressRefusal('fc00::1')).toBe('unique local (private)');
    expect(addressRefusal('fd12:3456::7')).toBe('unique local (private)');
    expect(addressRefusal('fe80::1%eth0')).toBe('link-local');
    expect(addressRefusal('::ffff:127.0.0.1')).toBe('loopback');
    expect(addressRefusal('[::ffff:7f00:1]')).toBe('loopback');
    expect(addressRefusal('::ffff:a9fe:a9fe')).toBe('link-local (cloud metadata)');
    expect(addressRefusal('64:ff9b::10.0.0.1')).toBe('private');
  });

  it('refuses translated, NAT64, 6to4 and Teredo forms as the IPv4 address they embed', () => {
    const refused = {
      '::ffff:0:127.0.0.1': 'loopback',
      '[::ffff:0:7f00:1]': 'loopback',
      '::ffff:0:a9fe:a9fe': 'link-local (cloud metadata)',
      '64:ff9b:1::192.168.0.1': 'private',
      '2002:7f00:1::': 'loopback',
      '2002:a00:1::1': 'private',
      '2002:a9fe:a9fe:1::': 'link-local (cloud metadata)',
      // Teredo: the client's address is the last 32 bits inverted (127.0.0.1 -> 80ff:fffe).
      '2001:0:4136:e378:8000:63bf:80ff:fffe': 'loopback',
    };
    for (const [address, why] of Object.entries(refused)) expect(addressRefusal(address), address).toBe(why);
  });

  it('lets public addresses through', () => {
    for (const address of [
      '93.184.215.14',
      '172.32.0.1',
      '8.8.8.8',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '::ffff:0:8.8.8.8',
      '2002:808:808::1',
    ])
      expect(addressRefusal(address)).toBeUndefined();
  });
});

describe('KB_URL_ALLOW_HOSTS', () => {
  it('matches a host with any port, or a host with its port only', () => {
    const allow = parseAllowHosts(' intranet.local , 127.0.0.1:8080,,');
    expect(allow).toEqual(['intranet.local', '127.0.0.1:8080']);
    expect(isAllowedHost(new URL('https://Intranet.LOCAL:9443/x'), allow)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:8080/'), allow)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:8081/'), allow)).toBe(false);
    expect(isAllowedHost(new URL('http://127.0.0.1/'), allow)).toBe(false);
  });
});
