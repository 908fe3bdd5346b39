// A self-signed certificate for 127.0.0.1, made once per test process with openssl: kubectl
// (client-go) sends a kubeconfig's credentials only over TLS, so a fake API server that must
// tell one ServiceAccount from another (RBAC, test/fake-apiserver/rbac.ts) speaks HTTPS.
// Kubeconfigs for it set insecure-skip-tls-verify, as the tests' kubeconfigs always have.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let made: { readonly key: string; readonly cert: string } | null = null;

export function testCertificate(): { readonly key: string; readonly cert: string } {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'ivol-fake-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore', timeout: 20_000 });
    made = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
