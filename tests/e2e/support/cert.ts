import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARXIV_HOSTS } from './constants.ts';

export interface KeyAndCert {
  /** PEM private key. */
  key: string;
  /** PEM self-signed certificate. */
  cert: string;
}

export interface CertOptions {
  /** DNS names for subjectAltName; default: the arXiv hosts plus localhost. */
  hosts?: readonly string[];
  /** openssl binary; default $OPENSSL or "openssl" from PATH (Debian: /usr/bin/openssl). */
  openssl?: string;
  /** Validity in days; default 2. */
  days?: number;
}

let cached: KeyAndCert | undefined;

/**
 * Make a throwaway self-signed certificate (ECDSA P-256, a few ms) for the
 * arXiv hosts, 127.0.0.1 and localhost, with the system openssl in a temp dir
 * that is removed again. The browser is started with
 * --ignore-certificate-errors, so trust does not matter, but the names are
 * right so the certificate would also verify if it were trusted.
 *
 * Without options, one certificate per process is made and reused.
 */
export function createSelfSignedCert(opts: CertOptions = {}): KeyAndCert {
  const useCache = opts.hosts === undefined && opts.days === undefined && opts.openssl === undefined;
  if (useCache && cached) return cached;

  const hosts = opts.hosts ?? [...ARXIV_HOSTS, 'localhost'];
  const openssl = opts.openssl ?? process.env.OPENSSL ?? 'openssl';
  const dir = mkdtempSync(path.join(tmpdir(), 'paper-atlas-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    const confFile = path.join(dir, 'openssl.cnf');
    const san = [...hosts.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
    // A minimal config of our own, so a missing/odd system openssl.cnf cannot interfere.
    writeFileSync(
      confFile,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        `CN = ${hosts[0] ?? 'localhost'}`,
        'O = Paper Atlas e2e tests',
        '[ext]',
        `subjectAltName = ${san}`,
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature',
        'extendedKeyUsage = serverAuth',
        '',
      ].join('\n'),
    );
    try {
      execFileSync(
        openssl,
        [
          'req', '-x509', '-new', '-nodes',
          '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
          '-keyout', keyFile, '-out', certFile,
          '-days', String(opts.days ?? 2),
          '-config', confFile,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, OPENSSL_CONF: confFile } },
      );
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
      if (e.code === 'ENOENT') {
        throw new Error(`openssl not found ("${openssl}"). Install it (Debian/Ubuntu: apt-get install -y openssl) or set $OPENSSL.`);
      }
      throw new Error(`openssl failed to make the test certificate: ${e.stderr?.toString() ?? e.message}`);
    }
    const result = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
    if (useCache) cached = result;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
