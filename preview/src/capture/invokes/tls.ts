import * as crypto from "crypto";
import { Answer, Inputs, fakePem, hexFrom, str } from "./context";

/**
 * The tls provider's data sources. getPublicKey derives the real public key when the private key
 * parses (it is computed locally, as the provider does); getCertificate cannot fetch a server's
 * chain offline, so for a URL it answers a chain in the provider's order (root first) whose root
 * for EKS OIDC issuers carries the real thumbprint IAM expects. Given PEM content, it reads it.
 */

/** Thumbprint of the root CA behind every `oidc.eks.<region>.amazonaws.com` issuer. */
const eksOidcRootThumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

interface CertificateInfo {
    certPem: string; isCa: boolean; issuer: string; maxPathLength: number; notAfter: string; notBefore: string;
    publicKeyAlgorithm: string; serialNumber: string; sha1Fingerprint: string; signatureAlgorithm: string; subject: string; version: number;
}

/** Node prints distinguished names one attribute per line, most general first; the provider prints them comma-joined, most specific first. */
function dn(text: string): string {
    return text.split("\n").filter(Boolean).reverse().join(",");
}

function readCertificates(content: string): CertificateInfo[] {
    const blocks = content.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const out: CertificateInfo[] = [];
    for (const pem of blocks) {
        try {
            const x = new crypto.X509Certificate(pem);
            out.push({
                certPem: `${pem}\n`, isCa: x.ca, issuer: dn(x.issuer), subject: dn(x.subject), maxPathLength: -1,
                notBefore: new Date(x.validFrom).toISOString().replace(/\.000Z$/, "Z"), notAfter: new Date(x.validTo).toISOString().replace(/\.000Z$/, "Z"),
                publicKeyAlgorithm: (x.publicKey.asymmetricKeyType ?? "rsa").toUpperCase().replace("EC", "ECDSA"),
                serialNumber: BigInt(`0x${x.serialNumber}`).toString(), sha1Fingerprint: x.fingerprint.replace(/:/g, "").toLowerCase(),
                signatureAlgorithm: "SHA256-RSA", version: 3,
            });
        } catch {
            // Not a certificate node can read; the provider would fail, the preview skips it.
        }
    }
    return out;
}

function inventedChain(url: string): CertificateInfo[] {
    const host = /^(?:[a-z]+:\/\/)?([^/:?#]+)/i.exec(url)?.[1] ?? "example.com";
    const eks = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com$/.test(host);
    const cert = (subject: string, issuer: string, isCa: boolean, n: number): CertificateInfo => ({
        certPem: fakePem("CERTIFICATE", `tls-cert|${host}|${n}`), isCa, issuer, subject, maxPathLength: isCa ? 0 : -1,
        notBefore: "2025-06-01T00:00:00Z", notAfter: isCa ? "2037-12-31T01:00:00Z" : "2026-07-01T23:59:59Z",
        publicKeyAlgorithm: "RSA", serialNumber: BigInt(`0x${hexFrom(`serial|${host}|${n}`, 30)}`).toString(),
        sha1Fingerprint: eks && n === 0 ? eksOidcRootThumbprint : hexFrom(`sha1|${host}|${n}`, 40), signatureAlgorithm: "SHA256-RSA", version: 3,
    });
    const root = eks ? "CN=Starfield Services Root Certificate Authority - G2,O=Starfield Technologies\\, Inc.,L=Scottsdale,ST=Arizona,C=US" : "CN=Amazon Root CA 1,O=Amazon,C=US";
    const intermediate = "CN=Amazon RSA 2048 M02,O=Amazon,C=US";
    return [cert(root, root, true, 0), cert(intermediate, root, true, 1), cert(`CN=${host.replace(/^[^.]+/, "*")}`, intermediate, false, 2)];
}

function sshString(b: Buffer): Buffer {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
}

/** An unsigned big-endian integer as SSH's mpint (a leading zero when the high bit is set). */
function mpint(b: Buffer): Buffer {
    return sshString(b[0] & 0x80 ? Buffer.concat([Buffer.alloc(1), b]) : b);
}

/** The OpenSSH wire blob of a public key (RFC 4253, 5656, 8709). */
function sshBlob(key: crypto.KeyObject): { algorithm: string; type: string; blob: Buffer } | undefined {
    const jwk = key.export({ format: "jwk" }) as Record<string, string>;
    const b = (s: string) => Buffer.from(s, "base64url");
    if (jwk.kty === "RSA") return { algorithm: "RSA", type: "ssh-rsa", blob: Buffer.concat([sshString(Buffer.from("ssh-rsa")), mpint(b(jwk.e)), mpint(b(jwk.n))]) };
    if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return { algorithm: "ED25519", type: "ssh-ed25519", blob: Buffer.concat([sshString(Buffer.from("ssh-ed25519")), sshString(b(jwk.x))]) };
    const curve = ({ "P-256": "nistp256", "P-384": "nistp384", "P-521": "nistp521" } as Record<string, string>)[jwk.crv];
    if (jwk.kty === "EC" && curve) {
        const type = `ecdsa-sha2-${curve}`;
        return { algorithm: "ECDSA", type, blob: Buffer.concat([sshString(Buffer.from(type)), sshString(Buffer.from(curve)), sshString(Buffer.concat([Buffer.from([4]), b(jwk.x), b(jwk.y)]))]) };
    }
    return undefined;
}

function publicKey(i: Inputs) {
    const pem = str(i.privateKeyPem) ?? str(i.privateKeyOpenssh);
    let derived: { algorithm: string; type: string; blob: Buffer; pem: string } | undefined;
    try {
        const key = crypto.createPublicKey(pem ?? "");
        const ssh = sshBlob(key);
        if (ssh) derived = { ...ssh, pem: key.export({ type: "spki", format: "pem" }).toString() };
    } catch {
        // Not a key node can read (e.g. an invented one): invent a consistent public key below.
    }
    const seed = `tls-public-key|${pem ?? ""}`;
    const blob = derived?.blob ?? Buffer.concat([sshString(Buffer.from("ssh-rsa")), mpint(Buffer.from("010001", "hex")), mpint(Buffer.from(hexFrom(seed, 512), "hex"))]);
    const md5 = crypto.createHash("md5").update(blob).digest("hex").replace(/(..)(?!$)/g, "$1:");
    return {
        id: crypto.createHash("sha1").update(blob).digest("hex"), algorithm: derived?.algorithm ?? "RSA",
        publicKeyPem: derived?.pem ?? fakePem("PUBLIC KEY", seed, 294), publicKeyOpenssh: `${derived?.type ?? "ssh-rsa"} ${blob.toString("base64")}\n`,
        publicKeyFingerprintMd5: md5, publicKeyFingerprintSha256: `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
    };
}

export const tlsAnswers: Record<string, Answer> = {
    "tls:index/getCertificate:getCertificate": (i: Inputs) => {
        const content = str(i.content);
        const certificates = content ? readCertificates(content) : inventedChain(str(i.url) ?? "");
        const id = crypto.createHash("sha1").update(certificates.map(c => c.sha1Fingerprint).join(",")).digest("hex");
        return { id, certificates };
    },
    "tls:index/getPublicKey:getPublicKey": publicKey,
};
