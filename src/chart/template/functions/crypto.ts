// Sprig's key, certificate and password functions: genPrivateKey, the certificate generators
// (genCA, genSelfSignedCert, genSignedCert, each also WithKey, and buildCustomCert), bcrypt,
// htpasswd, derivePassword, encryptAES and decryptAES. Keys, signatures, hashes and ciphers come
// from node:crypto, bcrypt from bcryptjs; node:crypto cannot build a certificate, so the
// TBSCertificate is written here in DER (asn1.ts) with the fields and extensions Go's
// x509.CreateCertificate writes for Sprig's templates, and signed with node:crypto's sign.

import {
  type KeyObject,
  X509Certificate,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
} from 'node:crypto';
import { isIP } from 'node:net';
import bcryptjs from 'bcryptjs';
import { formatValue } from '../../../go/fmt.js';
import { GoInt, GoStruct, type GoValue, type Val, numberOf } from '../../../go/values.js';
import * as der from './asn1.js';
import { b64decode } from './encoding.js';
import { type FuncTable, FuncError, fn } from './types.js';

// ── PEM ─────────────────────────────────────────────────────────────────────────────────────

/** encoding/pem's EncodeToMemory: base64 in lines of 64 between BEGIN and END lines. */
function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.map((l) => l + '\n').join('')}-----END ${label}-----\n`;
}

/** encoding/pem's Decode: the first block of a text, or undefined when it holds none. */
function decodePem(text: string): { label: string; body: Buffer } | undefined {
  const m = /-----BEGIN ([^\r\n]*?)-----\r?\n((?:[^-][^\r\n]*\r?\n)*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  // Header lines ("Proc-Type: …") carry a colon; the body is what follows them.
  const lines = m[2]!.split(/\r?\n/).filter((l) => l !== '' && !l.includes(':'));
  const joined = lines.join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined)) return undefined;
  return { label: m[1]!, body: Buffer.from(joined, 'base64') };
}

// ── Keys ────────────────────────────────────────────────────────────────────────────────────

const OID = {
  rsaSignatureSha256: '1.2.840.113549.1.1.11',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
  ed25519: '1.3.101.112',
  dsa: '1.2.840.10040.4.1',
  commonName: '2.5.4.3',
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** The numbers of a DSA key, as Sprig's DSAKeyFormat holds them. */
interface DsaNumbers {
  p: bigint;
  q: bigint;
  g: bigint;
  y: bigint;
  x: bigint;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** p, q, g and x from a DSA key's PKCS#8 encoding; y = g^x mod p. */
function dsaNumbers(key: KeyObject): DsaNumbers {
  const info = der.children(der.readElement(key.export({ format: 'der', type: 'pkcs8' })));
  const [p, q, g] = der.children(der.children(info[1]!)[1]!).map(der.readInteger) as [bigint, bigint, bigint];
  const x = der.readInteger(der.readElement(info[2]!.contents));
  return { p, q, g, y: modPow(g, x, p), x };
}

/** A DSA private key from its numbers (node:crypto reads DSA keys as PKCS#8 only). */
function dsaKey(k: DsaNumbers): KeyObject {
  const params = der.sequence(der.integer(k.p), der.integer(k.q), der.integer(k.g));
  const pkcs8 = der.sequence(der.integer(0n), der.sequence(der.oid(OID.dsa), params), der.octetString(der.integer(k.x)));
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/** Sprig's pemBlockForKey: PKCS#1 for RSA, SEC 1 for ECDSA, its own ASN.1 for DSA, PKCS#8 otherwise. */
function keyPem(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ format: 'pem', type: 'pkcs1' }) as string;
    case 'ec':
      return key.export({ format: 'pem', type: 'sec1' }) as string;
    case 'dsa': {
      const k = dsaNumbers(key);
      return pem('DSA PRIVATE KEY', der.sequence(...[0n, k.p, k.q, k.g, k.y, k.x].map(der.integer)));
    }
    default:
      return key.export({ format: 'pem', type: 'pkcs8' }) as string;
  }
}

function generatePrivateKey(type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return keyPem(generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey);
    case 'dsa':
      return keyPem(generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey);
    case 'ecdsa':
      return keyPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'ed25519':
      return keyPem(generateKeyPairSync('ed25519').privateKey);
    default:
      return `Unknown type ${type}`;
  }
}

/** The reason a key could not be read, in the words Sprig's parsePrivateKeyPEM wraps. */
class KeyError extends Error {}

function readKey(body: Buffer, type: 'pkcs1' | 'sec1' | 'pkcs8', what: string): KeyObject {
  try {
    return createPrivateKey({ key: body, format: 'der', type });
  } catch {
    throw new KeyError(`${what}: x509: malformed private key`);
  }
}

/** Sprig's parsePrivateKeyPEM: the key of the first PEM block, by the block's label. */
function parsePrivateKeyPem(text: string): KeyObject {
  const block = decodePem(text);
  if (!block) throw new KeyError('no PEM data in input');
  if (block.label === 'PRIVATE KEY') return readKey(block.body, 'pkcs8', 'decoding PEM as PKCS#8');
  if (!block.label.endsWith(' PRIVATE KEY')) throw new KeyError(`no private key data in PEM block of type ${block.label}`);
  switch (block.label.slice(0, -' PRIVATE KEY'.length)) {
    case 'RSA':
      return readKey(block.body, 'pkcs1', 'parsing RSA private key from PEM');
    case 'EC':
      return readKey(block.body, 'sec1', 'parsing EC private key from PEM');
    case 'DSA':
      try {
        const [, p, q, g, y, x] = der.children(der.readElement(block.body)).map(der.readInteger) as bigint[];
        return dsaKey({ p: p!, q: q!, g: g!, y: y!, x: x! });
      } catch {
        throw new KeyError('parsing DSA private key from PEM: asn1: structure error');
      }
    default:
      throw new KeyError(`invalid private key type ${block.label}`);
  }
}

// ── Certificates ────────────────────────────────────────────────────────────────────────────

/** Sprig's certificate struct: the certificate and its key, both PEM. */
export function certificate(cert: string, key: string): GoStruct {
  return new GoStruct('sprig.certificate', new Map<string, GoValue>([
    ['Cert', cert],
    ['Key', key],
  ]));
}

/** The certificate a template passes back (a CA for genSignedCert). */
function certificateParts(v: Val): { cert: string; key: string } {
  const s = v as GoStruct;
  return { cert: s.fields.get('Cert') as string, key: s.fields.get('Key') as string };
}

/** The 16 bytes of an IPv6 address written in any of its textual forms (node:net validated it). */
function ipv6Bytes(text: string): Buffer {
  let s = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    tail.push(...dotted[1]!.split('.').map(Number));
    s = s.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(rest);
  const words = rest === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const out = Buffer.alloc(16);
  words.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  if (tail.length) Buffer.from(tail).copy(out, 12);
  return out;
}

/** net.ParseIP, then the bytes x509 writes: 4 for IPv4 (also IPv4-mapped IPv6), else 16. */
function ipBytes(text: string): Buffer | undefined {
  if (text.includes('%')) return undefined;
  const family = isIP(text);
  if (family === 4) return Buffer.from(text.split('.').map(Number));
  if (family !== 6) return undefined;
  const b = ipv6Bytes(text);
  const mapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return mapped ? b.subarray(12) : b;
}

function stringList(list: Val, describe: (item: GoValue) => string): string[] {
  if (list === null || list === undefined) return [];
  return (list as GoValue[]).map((item) => {
    if (typeof item !== 'string') throw new FuncError(describe(item));
    return item;
  });
}

/** What Sprig's getBaseCertTemplate takes from its arguments. */
interface Request {
  cn: string;
  ips: Buffer[];
  dnsNames: string[];
  days: number;
  isCA: boolean;
}

function request(cn: Val, ips: Val, dns: Val, days: Val, isCA: boolean): Request {
  const ipTexts = stringList(ips, (item) => `error parsing ip: ${formatValue(item)} is not a string`);
  const ipAddresses = ipTexts.map((text) => {
    const bytes = ipBytes(text);
    if (!bytes) throw new FuncError(`error parsing ip: ${text}`);
    return bytes;
  });
  const dnsNames = stringList(dns, (item) => `error processing alternate dns name: ${formatValue(item)} is not a string`);
  return { cn: cn as string, ips: ipAddresses, dnsNames, days: numberOf(days as GoInt), isCA };
}

/** A Name holding only a common name, as pkix.Name writes one (nothing when it is empty). */
function subjectName(cn: string): Buffer {
  if (cn === '') return der.sequence();
  return der.sequence(der.set(der.sequence(der.oid(OID.commonName), der.goString(cn))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(id), ...(critical ? [der.booleanTrue()] : []), der.octetString(value));
}

/** x509's KeyUsage bits (digitalSignature is bit 0) as a BIT STRING without trailing zero bits. */
function keyUsage(bits: number[]): Buffer {
  const bytes = Buffer.alloc(2);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  const used = bytes[1] ? bytes : bytes.subarray(0, 1);
  const last = Math.max(...bits);
  return der.bitString(used, last + 1);
}

const DIGITAL_SIGNATURE = 0;
const KEY_ENCIPHERMENT = 2;
const CERT_SIGN = 5;

/** The signature algorithm Go picks for a signing key: its AlgorithmIdentifier and digest. */
function signatureAlgorithm(key: KeyObject): { id: Buffer; digest: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { id: der.sequence(der.oid(OID.rsaSignatureSha256), der.nullValue()), digest: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { id: der.sequence(der.oid(OID.ecdsaSha384)), digest: 'sha384' };
      if (curve === 'secp521r1') return { id: der.sequence(der.oid(OID.ecdsaSha512)), digest: 'sha512' };
      return { id: der.sequence(der.oid(OID.ecdsaSha256)), digest: 'sha256' };
    }
    case 'ed25519':
      return { id: der.sequence(der.oid(OID.ed25519)), digest: null };
    default:
      // crypto/dsa keys are not a crypto.Signer.
      throw new FuncError('error creating certificate: x509: certificate private key does not implement crypto.Signer');
  }
}

/** What a new certificate takes from its issuer. */
interface Issuer {
  name: Buffer;
  keyId?: Buffer;
  key: KeyObject;
}

/** The subject key identifier of RFC 5280's first method: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
  const bits = der.children(der.readElement(spki))[1]!.contents.subarray(1);
  return createHash('sha1').update(bits).digest();
}

/** Sprig's getCertAndKey: the certificate of `req` for `key`, signed by `issuer` (itself when absent). */
function issue(req: Request, key: KeyObject, issuer?: Issuer): GoStruct {
  const signer = issuer?.key ?? key;
  const algorithm = signatureAlgorithm(signer);
  if (key.asymmetricKeyType === 'dsa') throw new FuncError('error creating certificate: x509: unsupported public key type: *dsa.PublicKey');
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const subject = subjectName(req.cn);
  const issuerName = issuer?.name ?? subject;
  const notBefore = new Date();
  const notAfter = new Date(notBefore.getTime() + req.days * 86_400_000);
  const extensions = [
    extension(OID.keyUsage, true, keyUsage(req.isCA ? [DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, CERT_SIGN] : [DIGITAL_SIGNATURE, KEY_ENCIPHERMENT])),
    extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
    extension(OID.basicConstraints, true, req.isCA ? der.sequence(der.booleanTrue()) : der.sequence()),
  ];
  // Go gives a CA a subject key identifier, and names the issuer's where the issuer is another.
  if (req.isCA) extensions.push(extension(OID.subjectKeyId, false, der.octetString(keyIdentifier(spki))));
  if (issuer?.keyId && !issuerName.equals(subject)) {
    extensions.push(extension(OID.authorityKeyId, false, der.sequence(der.tlv(0x80, issuer.keyId))));
  }
  if (req.dnsNames.length > 0 || req.ips.length > 0) {
    const names = [...req.dnsNames.map((n) => der.tlv(0x82, Buffer.from(n, 'utf8'))), ...req.ips.map((ip) => der.tlv(0x87, ip))];
    // With no subject, the alternative names are the certificate's only names: critical.
    extensions.push(extension(OID.subjectAltName, req.cn === '', der.sequence(...names)));
  }
  const tbs = der.sequence(
    der.explicit(0, der.integer(2n)),
    der.integer(BigInt('0x' + randomBytes(16).toString('hex'))),
    algorithm.id,
    issuerName,
    der.sequence(der.certificateTime(notBefore), der.certificateTime(notAfter)),
    subject,
    spki,
    der.explicit(3, der.sequence(...extensions)),
  );
  const signature = sign(algorithm.digest, tbs, signer);
  const cert = der.sequence(tbs, algorithm.id, der.bitString(signature));
  return certificate(pem('CERTIFICATE', cert), keyPem(key));
}

/** The issuer a CA certificate makes: its subject, its key identifier and its key. */
function issuerOf(ca: { cert: string; key: string }): Issuer {
  const block = decodePem(ca.cert);
  if (!block) throw new FuncError('unable to decode certificate');
  let name: Buffer;
  let keyId: Buffer | undefined;
  try {
    new X509Certificate(block.body);
    const tbs = der.children(der.children(der.readElement(block.body))[0]!);
    // [0] version, serial, signature, issuer, validity, subject, spki, … [3] extensions
    const offset = tbs[0]!.tag === 0xa0 ? 1 : 0;
    name = tbs[offset + 4]!.raw;
    const extensions = tbs.find((e) => e.tag === 0xa3);
    for (const ext of extensions ? der.children(der.children(extensions)[0]!) : []) {
      const [id, ...rest] = der.children(ext);
      if (der.readOid(id!) === OID.subjectKeyId) keyId = der.readElement(rest[rest.length - 1]!.contents).contents;
    }
  } catch {
    throw new FuncError('error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate');
  }
  let key: KeyObject;
  try {
    key = parsePrivateKeyPem(ca.key);
  } catch (e) {
    throw new FuncError(`error parsing private key: ${(e as Error).message}`);
  }
  return { name, ...(keyId ? { keyId } : {}), key };
}

/** The key a WithKey variant is given. */
function givenKey(text: Val): KeyObject {
  try {
    return parsePrivateKeyPem(text as string);
  } catch (e) {
    throw new FuncError(`parsing private key: ${(e as Error).message}`);
  }
}

const newRsaKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function buildCustomCert(b64cert: string, b64key: string): GoStruct {
  const cert = b64decode(b64cert);
  if (typeof cert === 'string') throw new FuncError('unable to decode base64 certificate');
  const key = b64decode(b64key);
  if (typeof key === 'string') throw new FuncError('unable to decode base64 private key');
  const block = decodePem(cert.toString('latin1'));
  if (!block) throw new FuncError('unable to decode certificate');
  try {
    new X509Certificate(block.body);
  } catch {
    throw new FuncError('error parsing certificate: decodedCert.Bytes: x509: malformed certificate');
  }
  try {
    parsePrivateKeyPem(key.toString('latin1'));
  } catch (e) {
    throw new FuncError(`error parsing private key: ${(e as Error).message}`);
  }
  return certificate(cert.toString('utf8'), key.toString('utf8'));
}

// ── Passwords ───────────────────────────────────────────────────────────────────────────────

const BCRYPT_DEFAULT_COST = 10;

/** x/crypto/bcrypt's GenerateFromPassword at its default cost, written as "$2a$" as Go writes it. */
function bcrypt(password: string): string {
  if (Buffer.byteLength(password, 'utf8') > 72) {
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  }
  const salt = bcryptjs.genSaltSync(BCRYPT_DEFAULT_COST).replace(/^\$2b\$/, '$2a$');
  return bcryptjs.hashSync(password, salt);
}

/** The Master Password algorithm's templates, by password type, and its character classes. */
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv', 'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno',
    'CvccnoCvccCvcv', 'CvccCvccnoCvcv', 'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno',
    'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const PASSWORD_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const MASTER_PASSWORD_SCOPE = 'com.lyndir.masterpassword';

/** A byte string prefixed with its length as a big-endian uint32. */
function lengthPrefixed(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/**
 * The master keys of the last few (password, user) pairs. The key does not depend on the site,
 * counter or template, and scrypt at Master Password's cost takes about a second: a template
 * deriving passwords for several sites (or a range over them) computes each key once.
 */
const masterKeys = new Map<string, Buffer>();
const MASTER_KEYS_KEPT = 8;

function masterKey(password: string, user: string): Buffer {
  const id = JSON.stringify([password, user]);
  let key = masterKeys.get(id);
  if (key === undefined) {
    const scope = Buffer.from(MASTER_PASSWORD_SCOPE, 'utf8');
    key = scryptSync(Buffer.from(password, 'utf8'), Buffer.concat([scope, lengthPrefixed(user)]), 64, {
      N: 32768,
      r: 8,
      p: 2,
      maxmem: 128 * 1024 * 1024,
    });
    if (masterKeys.size >= MASTER_KEYS_KEPT) masterKeys.delete(masterKeys.keys().next().value!);
    masterKeys.set(id, key);
  }
  return key;
}

/** Master Password (v3 of the algorithm, as Sprig implements it): scrypt key, HMAC seed, template. */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const scope = Buffer.from(MASTER_PASSWORD_SCOPE, 'utf8');
  const key = masterKey(password, user);
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  const seed = createHmac('sha256', key).update(Buffer.concat([scope, lengthPrefixed(site), counterBytes])).digest();
  const template = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const chars = PASSWORD_CHARACTERS[template[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

// ── AES ─────────────────────────────────────────────────────────────────────────────────────

const AES_BLOCK = 16;

/** Sprig's AES key: the password's bytes in 32, zero-padded or cut. */
function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** AES-256-CBC with PKCS#7 padding, a random IV in front, base64. */
function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = randomBytes(AES_BLOCK);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Sprig's decryptAES, which trusts its input: short or ragged input panics as Go does. */
function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = b64decode(crypt64);
  if (typeof crypt === 'string') throw new FuncError(crypt);
  // DecodeString allocates DecodedLen of the text: the capacity Go's message names.
  const capacity = Math.floor(crypt64.length / 4) * 3;
  if (crypt.length < AES_BLOCK) throw new FuncError(`runtime error: slice bounds out of range [:${AES_BLOCK}] with capacity ${capacity}`);
  const body = crypt.subarray(AES_BLOCK);
  if (body.length % AES_BLOCK !== 0) throw new FuncError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new FuncError('runtime error: index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, AES_BLOCK));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  // The last byte says how much padding to drop, unchecked.
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new FuncError(`runtime error: slice bounds out of range [:${end}]`);
  return plain.subarray(0, end).toString('utf8');
}

// ── The table ───────────────────────────────────────────────────────────────────────────────

const str = (v: Val) => v as string;

export const cryptoFunctions: FuncTable = {
  genPrivateKey: fn(['string'], ([type]) => generatePrivateKey(str(type))),
  genCA: fn(['string', 'int'], ([cn, days]) => issue(request(cn, null, null, days, true), newRsaKey())),
  genCAWithKey: fn(['string', 'int', 'string'], ([cn, days, key]) => {
    const k = givenKey(key);
    return issue(request(cn, null, null, days, true), k);
  }),
  genSelfSignedCert: fn(['string', 'list', 'list', 'int'], ([cn, ips, dns, days]) => issue(request(cn, ips, dns, days, false), newRsaKey())),
  genSelfSignedCertWithKey: fn(['string', 'list', 'list', 'int', 'string'], ([cn, ips, dns, days, key]) => {
    const k = givenKey(key);
    return issue(request(cn, ips, dns, days, false), k);
  }),
  genSignedCert: fn(['string', 'list', 'list', 'int', 'certificate'], ([cn, ips, dns, days, ca]) => {
    const key = newRsaKey();
    const issuer = issuerOf(certificateParts(ca));
    return issue(request(cn, ips, dns, days, false), key, issuer);
  }),
  genSignedCertWithKey: fn(['string', 'list', 'list', 'int', 'certificate', 'string'], ([cn, ips, dns, days, ca, key]) => {
    const k = givenKey(key);
    const issuer = issuerOf(certificateParts(ca));
    return issue(request(cn, ips, dns, days, false), k, issuer);
  }),
  buildCustomCert: fn(['string', 'string'], ([cert, key]) => buildCustomCert(str(cert), str(key))),
  bcrypt: fn(['string'], ([s]) => bcrypt(str(s))),
  htpasswd: fn(['string', 'string'], ([user, password]) =>
    str(user).includes(':') ? `invalid username: ${str(user)}` : `${str(user)}:${bcrypt(str(password))}`,
  ),
  derivePassword: fn(['uint32', 'string', 'string', 'string', 'string'], ([counter, type, password, user, site]) =>
    derivePassword(numberOf(counter as GoInt), str(type), str(password), str(user), str(site)),
  ),
  encryptAES: fn(['string', 'string'], ([password, text]) => encryptAES(str(password), str(text))),
  decryptAES: fn(['string', 'string'], ([password, crypt]) => decryptAES(str(password), str(crypt))),
};
