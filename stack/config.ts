// Reads and validates the stack's Pulumi config before any resource is created. A missing or malformed
// value stops the program with one Error that names the key and the values it accepts.
import * as pulumi from "@pulumi/pulumi";

export const environments = ["dev", "staging", "prod"] as const;
export type Environment = typeof environments[number];
export const sourceProviders = ["codestar", "s3"] as const;
export type SourceProvider = typeof sourceProviders[number];

export interface StackConfig {
    /** `dev`, `staging` or `prod`; also the `Environment` tag. */
    environment: Environment;
    /** Lower-case prefix of every physical name (default `payments`). */
    namePrefix: string;
    /** `${namePrefix}-${environment}`: the prefix that IAM and bucket policies are scoped to. */
    resourcePrefix: string;
    region: string;
    sourceProvider: SourceProvider;
    /** `owner/name` of the repository (codestar source only). */
    repository?: string;
    branch: string;
    /** An existing CodeStar/CodeConnections connection; unset = the stack creates one (PENDING). */
    connectionArn?: string;
    approvalRequired: boolean;
    notificationEmail?: string;
    vpcCidr: string;
    owner: string;
    dataClassification: string;
}

/**
 * Thrown for any config problem; the message names the key and what it accepts. A RunError, so the
 * CLI prints the message alone, without a stack trace (sdk/nodejs/cmd/run/run.ts).
 */
export class ConfigError extends pulumi.RunError {
    constructor(key: string, problem: string, allowed: string) {
        super(`Invalid stack config '${key}': ${problem}. Allowed: ${allowed}. Set it with 'pulumi config set ${key} <value>'.`);
        this.name = "ConfigError";
    }
}

const patterns = {
    namePrefix: /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/,
    region: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    repository: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
    branch: /^(?!\/)(?!.*\/\/)(?!.*\.\.)(?!.*\/$)[A-Za-z0-9._\/-]{1,100}$/,
    connectionArn: /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/,
    email: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/,
    cidr: /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/,
    tagValue: /^[\w .:/=+@-]{1,128}$/,
};

/** The config reader the program uses; tests can pass a plain map instead. */
export type ConfigSource = (key: string) => string | undefined;

function fromPulumi(): ConfigSource {
    const project = new pulumi.Config();
    const aws = new pulumi.Config("aws");
    return key => key === "aws:region" ? aws.get("region") : project.get(key);
}

function oneOf<T extends string>(key: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
    if (value === undefined || value === "") {
        if (fallback !== undefined) return fallback;
        throw new ConfigError(key, "missing (required)", allowed.join(" | "));
    }
    if (!(allowed as readonly string[]).includes(value)) {
        throw new ConfigError(key, `'${value}' is not one of the allowed values`, allowed.join(" | "));
    }
    return value as T;
}

function matching(key: string, value: string | undefined, pattern: RegExp, allowed: string, fallback?: string): string | undefined {
    if (value === undefined || value === "") return fallback;
    if (!pattern.test(value)) {
        throw new ConfigError(key, `'${value}' is malformed`, allowed);
    }
    return value;
}

/** Validates an IPv4 CIDR with a prefix between /16 and /24 and no host bits set. */
function vpcCidr(value: string | undefined): string {
    const key = "vpcCidr";
    const allowed = "an IPv4 network in CIDR notation with a prefix from /16 to /24, e.g. 10.20.0.0/16";
    const v = value === undefined || value === "" ? "10.20.0.0/16" : value;
    const m = patterns.cidr.exec(v);
    const octets = m ? m.slice(1, 5).map(Number) : [];
    const bits = m ? Number(m[5]) : NaN;
    if (!m || octets.some(o => o > 255) || bits < 16 || bits > 24) {
        throw new ConfigError(key, `'${v}' is malformed`, allowed);
    }
    const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const hostMask = bits === 32 ? 0 : (0xffffffff >>> bits);
    if ((addr & hostMask) !== 0) {
        throw new ConfigError(key, `'${v}' has host bits set`, allowed);
    }
    return v;
}

function bool(key: string, value: string | undefined, fallback: boolean): boolean {
    if (value === undefined || value === "") return fallback;
    if (value === "true") return true;
    if (value === "false") return false;
    throw new ConfigError(key, `'${value}' is not a boolean`, "true | false");
}

/**
 * Reads every key, validates it, and returns the typed config. Throws one ConfigError on the first
 * missing or malformed value (in the order the keys are documented in the README).
 */
export function loadConfig(get: ConfigSource = fromPulumi()): StackConfig {
    const environment = oneOf("environment", get("environment"), environments);
    const namePrefix = matching("namePrefix", get("namePrefix"), patterns.namePrefix,
        "3 to 16 characters: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit", "payments")!;
    const region = matching("aws:region", get("aws:region"), patterns.region, "an AWS region name such as eu-west-1");
    if (!region) {
        throw new ConfigError("aws:region", "missing (required)", "an AWS region name such as eu-west-1");
    }
    const sourceProvider = oneOf("sourceProvider", get("sourceProvider"), sourceProviders, "s3");
    const repository = matching("repository", get("repository"), patterns.repository, "'owner/name' of the source repository, e.g. example-org/payments-service");
    const branch = matching("branch", get("branch"), patterns.branch, "a git branch name of letters, digits, '.', '_', '-' and '/'", "main")!;
    const connectionArn = matching("connectionArn", get("connectionArn"), patterns.connectionArn,
        "the ARN of an existing connection, arn:aws:codestar-connections:<region>:<account>:connection/<uuid> (or codeconnections)");
    if (sourceProvider === "codestar" && !repository) {
        throw new ConfigError("repository", "missing (required when sourceProvider is codestar)", "'owner/name' of the source repository, e.g. example-org/payments-service");
    }
    if (sourceProvider === "s3" && connectionArn) {
        throw new ConfigError("connectionArn", "only used when sourceProvider is codestar", "unset, or set sourceProvider to codestar");
    }
    const approvalRequired = bool("approvalRequired", get("approvalRequired"), environment === "prod");
    const notificationEmail = matching("notificationEmail", get("notificationEmail"), patterns.email, "an e-mail address such as payments-oncall@example.com");
    const cidr = vpcCidr(get("vpcCidr"));
    const owner = matching("owner", get("owner"), patterns.tagValue, "a tag value of 1 to 128 letters, digits, spaces and _ . : / = + - @", "payments-platform")!;
    const dataClassification = matching("dataClassification", get("dataClassification"), patterns.tagValue,
        "a tag value of 1 to 128 letters, digits, spaces and _ . : / = + - @", "pci-cardholder-data")!;
    return {
        environment, namePrefix, resourcePrefix: `${namePrefix}-${environment}`, region, sourceProvider,
        repository, branch, connectionArn, approvalRequired, notificationEmail, vpcCidr: cidr, owner, dataClassification,
    };
}
