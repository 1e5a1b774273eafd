// Recognising credentials in plain configuration, offline, without ever returning the credential itself.
// Every function answers with a kind ("GitHub token", "AWS access key id"...) that a message can name.

/** Value formats that are credentials wherever they appear (searched inside the value). */
const credentialValueFormats: { kind: string; re: RegExp }[] = [
    { kind: "AWS access key id", re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
    { kind: "GitHub token", re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/ },
    { kind: "GitHub fine-grained token", re: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/ },
    { kind: "GitLab token", re: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
    { kind: "Slack token", re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
    { kind: "npm token", re: /\bnpm_[A-Za-z0-9]{36}\b/ },
    // After gitleaks rules stripe-access-token, sonar-api-token, slack-webhook-url, gcp-api-key (fixed
    // patterns, no nested quantifiers: linear time).
    { kind: "Stripe secret key", re: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b/ },
    { kind: "SonarQube token", re: /\bsq[upa]_[a-f0-9]{40}\b/ },
    { kind: "Slack webhook URL", re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,}/ },
    { kind: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
    { kind: "private key", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
];

/** `scheme://user:password@host` or `scheme://token@host` with a token-looking user part. */
const urlWithPassword = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]+@[^\s]/i;

/** An AWS secret access key has this shape; alone it is too generic, so it counts only beside an access key id. */
const awsSecretAccessKeyShape = /^[A-Za-z0-9/+]{40}$/;

/** The kind of credential whose format this value contains, or undefined. */
export function credentialFormatIn(value: unknown): string | undefined {
    if (typeof value !== "string" || value.length < 8) return undefined;
    for (const f of credentialValueFormats) {
        if (f.re.test(value)) return f.kind;
    }
    return undefined;
}

/** True when the value holds a URL with credentials in its user-info part (https://user:pass@host). */
export function hasUrlWithEmbeddedCredentials(value: unknown): boolean {
    return typeof value === "string" && urlWithPassword.test(value);
}

/** True when the string has the shape of an AWS secret access key (only meaningful beside an access key id). */
export function looksLikeAwsSecretAccessKey(value: unknown): boolean {
    return typeof value === "string" && awsSecretAccessKeyShape.test(value) && /[a-z]/.test(value) && /[A-Z0-9]/.test(value);
}

/** True when the value is an AWS access key id. */
export function isAwsAccessKeyId(value: unknown): boolean {
    return typeof value === "string" && /^(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}$/.test(value.trim());
}

/** Splits `GITHUB_TOKEN`, `githubToken`, `github-token`, `api.key` into lower-case words. */
export function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map(w => w.toLowerCase());
}

/** Words that make a name a credential. */
const credentialWords = new Set([
    "password", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "tokens", "credential",
    "credentials", "creds", "apikey", "oauthtoken", "privatekey", "pat",
]);
/** Two-word credential names: api key, private key, access key, client secret, ssh key, signing key... */
const credentialWordPairs = [
    ["api", "key"], ["private", "key"], ["secret", "key"], ["access", "key"], ["ssh", "key"], ["signing", "key"],
    ["auth", "key"], ["encryption", "key"], ["master", "key"],
];
/** Credential words recognised at the end of a name written without separators. */
const gluedCredentialWords = ["password", "passwd", "passphrase", "secret", "token", "apikey", "credentials", "credential", "privatekey"];
/** Names that are AWS credentials whatever their last word says. */
const awsCredentialNames = new Set(["aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token"]);
/**
 * A last word that makes the name a reference to, or a property of, a credential rather than the
 * credential itself: SECRET_ARN, TOKEN_URL, PASSWORD_PARAMETER_NAME, GITHUB_TOKEN_SECRET_ID, TOKEN_TTL.
 */
const referenceSuffixes = new Set([
    "arn", "name", "id", "ids", "path", "param", "parameter", "url", "uri", "endpoint", "file", "filename",
    "location", "ref", "reference", "length", "len", "ttl", "expiry", "expires", "expiration", "lifetime",
    "type", "header", "region", "bucket", "enabled", "disabled", "required", "policy", "rotation", "version",
    "field", "env", "var", "variable", "prefix", "suffix", "dir", "directory", "store", "provider", "scope",
    "scopes", "audience", "issuer", "duration", "timeout", "count", "hash", "format", "mode",
]);

/**
 * Why a variable or configuration key name looks like it holds a credential (the matching words), or
 * undefined when it does not or when it names a reference to one (SECRET_ARN, PASSWORD_PARAMETER_NAME).
 * `extraWords` adds organisation-specific credential words.
 */
export function credentialName(name: unknown, extraWords: string[] = []): string | undefined {
    if (typeof name !== "string" || !name) return undefined;
    if (awsCredentialNames.has(name.toLowerCase())) return name;
    const words = nameWords(name);
    if (!words.length) return undefined;
    if (referenceSuffixes.has(words[words.length - 1])) return undefined;
    const extra = new Set(extraWords.map(w => w.toLowerCase()));
    for (const w of words) {
        if (credentialWords.has(w) || extra.has(w)) return w;
    }
    // Names written without separators (DBPASSWORD, APITOKEN, githubtoken): a last word that ends in an
    // unambiguous credential word (not pass/pwd/pat: BYPASS, COMPAT).
    const last = words[words.length - 1];
    const glued = gluedCredentialWords.find(w => last.length > w.length && last.endsWith(w));
    if (glued) return glued;
    for (let i = 0; i + 1 < words.length; i++) {
        if (credentialWordPairs.some(([a, b]) => words[i] === a && words[i + 1] === b)) return `${words[i]} ${words[i + 1]}`;
    }
    return undefined;
}

/** A value that points to a credential kept elsewhere (an ARN of a secret or parameter), not a credential. */
export function isCredentialReference(value: unknown): boolean {
    return typeof value === "string" && /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value.trim());
}

/**
 * True when a value of a credential-looking name is a setting, not a credential: a boolean
 * (`ENABLE_SECRET_SCAN=true`), or a number when the credential word does not end the name
 * (`COVERAGE_PASS_THRESHOLD=80`, `TOKEN_EXPIRY_SECONDS=3600`: the name says something about a credential).
 * A number under a name that ends in the credential word (`DB_PASSWORD=12345678`) stays a credential.
 */
export function isSettingValue(name: unknown, value: unknown): boolean {
    if (typeof value === "boolean") return true;
    const v = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined;
    if (v === undefined || v === "") return false;
    if (/^(?:true|false|yes|no|on|off|enabled|disabled)$/i.test(v)) return true;
    if (!/^-?\d{1,12}(?:\.\d{1,6})?$/.test(v) || typeof name !== "string") return false;
    const words = nameWords(name);
    const last = words[words.length - 1] ?? "";
    return !credentialWords.has(last) && !gluedCredentialWords.some(w => last.endsWith(w));
}
