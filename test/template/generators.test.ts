// The template functions whose output differs on every render: not comparable with Helm byte
// for byte, so each is checked for what makes its output valid: random strings, the clock, keys
// and certificates (they parse, chain and match their keys), bcrypt hashes (they verify), AES
// (it round-trips, and reads what Helm wrote); derivePassword is checked on published vectors.

import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { children, readElement, readInteger } from '../../src/chart/template/functions/asn1.js';
import { makeTemplateRoot, renderTpl } from '../../src/chart/template/index.js';

const root = makeTemplateRoot({}, { name: 'my-release', namespace: 'default' });

function out(template: string): string {
  const r = renderTpl(template, root);
  if ('error' in r) throw new Error(r.error.message);
  return r.output;
}

/**
 * One key of each type genPrivateKey makes, generated on first use and shared by the tests of
 * this file: an RSA-4096 key or DSA parameters take seconds each, and what the tests prove of a
 * key (its PEM block, that it parses, that certificates made with it verify) holds for any one.
 */
const generatedKeys = new Map<string, string>();
function privateKey(type: string): string {
  let pem = generatedKeys.get(type);
  if (pem === undefined) {
    pem = out(`{{ genPrivateKey "${type}" }}`);
    generatedKeys.set(type, pem);
  }
  return pem;
}

/** A PEM text as a Go raw string literal, to hand a generated key to a template. */
const rawLiteral = (text: string) => '`' + text + '`';

describe('random generators', () => {
  it('randAlphaNum, randAlpha, randNumeric and randAscii draw the requested count from their alphabets', () => {
    expect(out('{{ randAlphaNum 64 }}')).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(out('{{ randAlpha 64 }}')).toMatch(/^[A-Za-z]{64}$/);
    expect(out('{{ randNumeric 64 }}')).toMatch(/^[0-9]{64}$/);
    expect(out('{{ randAscii 64 }}')).toMatch(/^[\x20-\x7e]{64}$/);
    // A negative count is Sprig's swallowed error: nothing.
    expect(out('{{ randAlphaNum -3 }}|{{ randAlpha 0 }}')).toBe('|');
  });

  it('two draws differ (a cryptographic source, not a fixed seed)', () => {
    expect(out('{{ randAlphaNum 32 }}')).not.toBe(out('{{ randAlphaNum 32 }}'));
    expect(out('{{ uuidv4 }}')).not.toBe(out('{{ uuidv4 }}'));
  });

  it('uuidv4 is a version-4 RFC 4122 UUID', () => {
    expect(out('{{ uuidv4 }}')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('randBytes is base64 of that many bytes', () => {
    expect(Buffer.from(out('{{ randBytes 24 }}'), 'base64')).toHaveLength(24);
  });

  it('randInt stays in [min, max) and fails as math/rand does on an empty range', () => {
    for (let i = 0; i < 50; i++) {
      const n = Number(out('{{ randInt -2 3 }}'));
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThan(3);
    }
    expect(renderTpl('{{ randInt 3 3 }}', root)).toMatchObject({ error: { message: expect.stringContaining('invalid argument to Intn') } });
  });

  it('shuffle keeps the characters', () => {
    expect([...out('{{ shuffle "héllo wörld" }}')].sort()).toEqual([...'héllo wörld'].sort());
  });
});

describe('now', () => {
  it('is a time.Time of this moment', () => {
    expect(out('{{ now | typeOf }}')).toBe('time.Time');
    const year = Number(out('{{ now | date "2006" }}'));
    expect(Math.abs(year - new Date().getFullYear())).toBeLessThanOrEqual(1);
    const epoch = Number(out('{{ now | unixEpoch }}'));
    expect(Math.abs(epoch - Date.now() / 1000)).toBeLessThan(60);
  });
});

describe('ago', () => {
  it('is the time since a moment, rounded to seconds', () => {
    expect(out('{{ ago (now | dateModify "-90s") }}')).toMatch(/^1m3[01]s$/);
  });
});

/** A template's output read as JSON: certificates leave the template through toJson. */
function json<T>(template: string): T {
  return JSON.parse(out(template)) as T;
}

interface Cert {
  Cert: string;
  Key: string;
}

const DAY = 86_400_000;

describe('genPrivateKey', () => {
  it('writes each key type in the PEM block Sprig writes, a key node:crypto reads', () => {
    const labels: Record<string, string> = { rsa: 'RSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY', dsa: 'DSA PRIVATE KEY' };
    const texts: Record<string, string> = {};
    for (const [type, label] of Object.entries(labels)) {
      const text = privateKey(type);
      texts[type] = text;
      expect(text.startsWith(`-----BEGIN ${label}-----\n`), type).toBe(true);
      expect(text.endsWith(`-----END ${label}-----\n`), type).toBe(true);
      if (type !== 'dsa') {
        const key = createPrivateKey(text);
        expect(key.asymmetricKeyType).toBe(type === 'ecdsa' ? 'ec' : type);
      }
    }
    expect(createPrivateKey(texts['rsa']!).asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(createPrivateKey(texts['ecdsa']!).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('writes DSA keys as the sequence version, p, q, g, y, x, with y = g^x mod p', () => {
    const body = Buffer.from(privateKey('dsa').split('\n').filter((l) => !l.startsWith('-----')).join(''), 'base64');
    const [version, p, q, g, y, x] = children(readElement(body)).map(readInteger) as bigint[];
    expect(version).toBe(0n);
    expect(p!.toString(2)).toHaveLength(2048);
    expect(q!.toString(2)).toHaveLength(256);
    let power = 1n;
    let base = g!;
    for (let e = x!; e > 0n; e >>= 1n) {
      if (e & 1n) power = (power * base) % p!;
      base = (base * base) % p!;
    }
    expect(power).toBe(y);
  });

  it('names an unknown type as Sprig does', () => {
    expect(out('{{ genPrivateKey "x25519" }}')).toBe('Unknown type x25519');
  });
});

describe('certificates', () => {
  it('genCA makes a self-signed CA valid for the days asked, its key matching', () => {
    const before = Date.now();
    const ca = json<Cert>('{{ genCA "my-ca" 365 | toJson }}');
    const cert = new X509Certificate(ca.Cert);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=my-ca');
    expect(cert.issuer).toBe('CN=my-ca');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(ca.Key))).toBe(true);
    expect(ca.Key.startsWith('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const from = Date.parse(cert.validFrom);
    expect(Math.abs(from - before)).toBeLessThan(DAY);
    expect(Date.parse(cert.validTo) - from).toBe(365 * DAY);
    // Extended key usage: server and client authentication.
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });

  it('genSignedCert chains to the CA it is given, with the names and addresses asked', () => {
    const pair = json<{ ca: Cert; leaf: Cert }>(
      '{{ $ca := genCA "the-ca" 30 }}{{ $leaf := genSignedCert "web" (list "10.0.0.1" "::1" "::ffff:192.0.2.1") (list "web.example" "*.web.example") 7 $ca }}{{ dict "ca" $ca "leaf" $leaf | toJson }}',
    );
    const ca = new X509Certificate(pair.ca.Cert);
    const leaf = new X509Certificate(pair.leaf.Cert);
    expect(leaf.ca).toBe(false);
    expect(leaf.subject).toBe('CN=web');
    expect(leaf.issuer).toBe('CN=the-ca');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.verify(leaf.publicKey)).toBe(false);
    expect(leaf.checkPrivateKey(createPrivateKey(pair.leaf.Key))).toBe(true);
    expect(leaf.subjectAltName).toBe('DNS:web.example, DNS:*.web.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.0.2.1');
    expect(leaf.checkHost('web.example')).toBe('web.example');
    expect(leaf.checkIP('10.0.0.1')).toBe('10.0.0.1');
    expect(Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)).toBe(7 * DAY);
  });

  it('genSelfSignedCert signs itself and is no CA', () => {
    const c = json<Cert>('{{ genSelfSignedCert "self" nil (list "self.example") 1 | toJson }}');
    const cert = new X509Certificate(c.Cert);
    expect(cert.ca).toBe(false);
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:self.example');
    expect(cert.checkPrivateKey(createPrivateKey(c.Key))).toBe(true);
  });

  it('the WithKey variants use the key they are given, of any type Sprig signs with', () => {
    for (const type of ['rsa', 'ecdsa', 'ed25519']) {
      const r = json<{ key: string; ca: Cert; self: Cert; leaf: Cert }>(
        `{{ $key := ${rawLiteral(privateKey(type))} }}{{ $ca := genCAWithKey "ca" 3 $key }}{{ $self := genSelfSignedCertWithKey "s" (list "127.0.0.1") nil 3 $key }}{{ $leaf := genSignedCertWithKey "l" nil (list "l.example") 3 $ca $key }}{{ dict "key" $key "ca" $ca "self" $self "leaf" $leaf | toJson }}`,
      );
      const key = createPrivateKey(r.key);
      const ca = new X509Certificate(r.ca.Cert);
      for (const c of [r.ca, r.self, r.leaf]) {
        expect(c.Key, type).toBe(r.key);
        expect(new X509Certificate(c.Cert).checkPrivateKey(key), type).toBe(true);
      }
      expect(new X509Certificate(r.leaf.Cert).verify(ca.publicKey), type).toBe(true);
      expect(new X509Certificate(r.self.Cert).verify(createPublicKey(key)), type).toBe(true);
    }
  });

  it('an empty common name leaves the subject empty', () => {
    const cert = new X509Certificate(json<Cert>('{{ genSelfSignedCert "" nil (list "only.example") 1 | toJson }}').Cert);
    expect(cert.subject ?? '').toBe('');
    expect(cert.subjectAltName).toBe('DNS:only.example');
  });

  it('refuses what Sprig refuses, with its messages', () => {
    const fails = (template: string, message: string) =>
      expect(renderTpl(template, root)).toMatchObject({ error: { message: expect.stringContaining(message) } });
    fails('{{ genSelfSignedCert "x" (list "not-an-ip") nil 1 }}', 'error calling genSelfSignedCert: error parsing ip: not-an-ip');
    fails('{{ genSelfSignedCert "x" (list 1) nil 1 }}', 'error parsing ip: 1 is not a string');
    fails('{{ genSelfSignedCert "x" nil (list 2) 1 }}', 'error processing alternate dns name: 2 is not a string');
    fails('{{ genCAWithKey "x" 1 "no pem" }}', 'error calling genCAWithKey: parsing private key: no PEM data in input');
    fails('{{ $ca := genCA "x" 1 }}{{ genCAWithKey "x" 1 $ca.Cert }}', 'parsing private key: no private key data in PEM block of type CERTIFICATE');
    fails(`{{ genCAWithKey "x" 1 ${rawLiteral(privateKey('dsa'))} }}`, 'error creating certificate: x509: certificate private key does not implement crypto.Signer');
    fails('{{ genSignedCert "x" nil nil 1 (dict) }}', 'wrong type for value; expected sprig.certificate; got map[string]interface {}');
    fails('{{ genSelfSignedCert "x" (splitList "," "a") nil 1 }}', 'wrong type for value; expected []interface {}; got []string');
  });

  it('buildCustomCert takes base64 PEM and gives it back as a certificate the generators accept', () => {
    const ca = json<Cert>('{{ genCA "custom" 2 | toJson }}');
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const built = json<Cert>(`{{ buildCustomCert "${b64(ca.Cert)}" "${b64(ca.Key)}" | toJson }}`);
    expect(built).toEqual(ca);
    const leaf = json<Cert>(`{{ $ca := buildCustomCert "${b64(ca.Cert)}" "${b64(ca.Key)}" }}{{ genSignedCert "leaf" nil nil 1 $ca | toJson }}`);
    expect(new X509Certificate(leaf.Cert).verify(new X509Certificate(ca.Cert).publicKey)).toBe(true);
  });
});

describe('passwords', () => {
  it('bcrypt hashes verify, at Go\'s default cost under its $2a$ prefix, salted afresh each time', () => {
    const hash = out('{{ bcrypt "correct horse" }}');
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptjs.compareSync('correct horse', hash)).toBe(true);
    expect(bcryptjs.compareSync('wrong horse', hash)).toBe(false);
    expect(out('{{ bcrypt "correct horse" }}')).not.toBe(hash);
  });

  it('the bcrypt implementation agrees with published OpenBSD vectors', () => {
    // From the test vectors distributed with OpenBSD's and John the Ripper's bcrypt.
    expect(bcryptjs.hashSync('U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.')).toBe('$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW');
    expect(bcryptjs.hashSync('U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.')).toBe('$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK');
    expect(bcryptjs.hashSync('', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.')).toBe('$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy');
  });

  it('htpasswd writes user:bcrypt, and refuses a user with a colon', () => {
    const line = out('{{ htpasswd "alice" "s3cret" }}');
    const [user, hash] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)];
    expect(user).toBe('alice');
    expect(bcryptjs.compareSync('s3cret', hash)).toBe(true);
    expect(out('{{ htpasswd "a:b" "x" }}')).toBe('invalid username: a:b');
  });

  it('derivePassword gives Sprig\'s published results and Master Password\'s', () => {
    // Sprig's crypto_test.go.
    const sprig: [string, string][] = [
      ['1 "long"', 'ZedaFaxcZaso9*'],
      ['2 "long"', 'Fovi2@JifpTupx'],
      ['1 "maximum"', 'pf4zS1LjCg&LjhsZ7T2~'],
      ['1 "medium"', 'ZedJuz8$'],
      ['1 "basic"', 'pIS54PLs'],
      ['1 "short"', 'Zed5'],
      ['1 "pin"', '6685'],
    ];
    for (const [args, want] of sprig) expect(out(`{{ derivePassword ${args} "password" "user" "example.com" }}`)).toBe(want);
    // Master Password's reference vector (algorithm v3).
    expect(out('{{ derivePassword 1 "long" "banana colored duckling" "Robert Lee Mitchell" "masterpasswordapp.com" }}')).toBe('Jejr5[RepuSosp');
  });
});

describe('AES', () => {
  it('encryptAES is random-IV AES-256-CBC that decryptAES reverses', () => {
    const texts = ['text', 'exactly sixteen!', 'héllo wörld, and some more to pass a block'];
    for (const text of texts) {
      const crypt = out(`{{ encryptAES "pw" "${text}" }}`);
      expect(Buffer.from(crypt, 'base64').length % 16).toBe(0);
      expect(Buffer.from(crypt, 'base64').length).toBeGreaterThan(16);
      expect(out(`{{ encryptAES "pw" "${text}" }}`)).not.toBe(crypt);
      expect(out(`{{ decryptAES "pw" "${crypt}" }}`)).toBe(text);
    }
    expect(out('{{ encryptAES "pw" "" }}')).toBe('');
  });

  it('decrypts what Helm encrypted, and a wrong key does not give the text back', () => {
    // `{{ encryptAES "secret" "text" }}` rendered once by helm template (v4.1.4).
    const fromHelm = 'reQIDla3dlKTAirYBK1/TDLqnexN5tLdF0/M+0cWp28=';
    expect(out(`{{ decryptAES "secret" "${fromHelm}" }}`)).toBe('text');
    const wrong = renderTpl(`{{ decryptAES "not the secret" "${fromHelm}" }}`, root);
    if ('output' in wrong) expect(wrong.output).not.toBe('text');
    else expect(wrong.error.message).toContain('error calling decryptAES: runtime error: slice bounds out of range');
  });
});
