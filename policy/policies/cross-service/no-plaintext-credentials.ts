import type { ProjectArgs } from "@pulumi/aws/codebuild";
import type { PipelineArgs, WebhookArgs } from "@pulumi/aws/codepipeline";
import { awsTypes } from "../../lib/aws-types";
import { describeAction, equalsIgnoreCase, pipelineActions } from "../../lib/codepipeline-actions";
import {
    credentialFormatIn, credentialName, hasUrlWithEmbeddedCredentials, isAwsAccessKeyId, isCredentialReference, isSettingValue,
    looksLikeAwsSecretAccessKey,
} from "../../lib/credential-detection";
import { resourcePolicy } from "../../lib/policy";
import { stringListSetting } from "../../lib/policy-config";
import { PropertyPath } from "../../lib/property-paths";
import { asList, isPlainObject, isUnknown } from "../../lib/unknowns";

const pipelineType = awsTypes.codepipeline.Pipeline;
const projectType = awsTypes.codebuild.Project;
const pipelineWebhookType = awsTypes.codepipeline.Webhook;

interface Config {
    allowedVariableNames: string[];
    additionalCredentialWords: string[];
}

/** Action configuration keys that hold a credential by definition (GitHub v1's OAuthToken and its kin). */
const credentialConfigurationKeys = new Set(["oauthtoken", "token", "password", "secret", "secrettoken", "personalaccesstoken", "apikey", "accesstoken"]);

/** Where findings and undecided places go (the policy's check). */
interface Sink { report(message: string): void; undecided(path: PropertyPath): void }
type Path = PropertyPath;

/** One environment variable as CodeBuild sees it, wherever it was declared. */
interface EnvVar { name: unknown; value: unknown; type: unknown; where: string; path: Path }

/**
 * Checks PLAINTEXT environment variables (CodeBuild `environment.environmentVariables` or a CodeBuild
 * action's `EnvironmentVariables` JSON), recording the values the decision needs but are unknown.
 */
function checkEnvironmentVariables(vars: EnvVar[], owner: string, config: Config, out: Sink): void {
    const report = (m: string) => out.report(m);
    const allowed = new Set((config.allowedVariableNames ?? []).map(n => String(n).toLowerCase()));
    const hasAccessKeyId = vars.some(v => isAwsAccessKeyId(v.value) || (typeof v.name === "string" && v.name.toUpperCase() === "AWS_ACCESS_KEY_ID"));
    for (const v of vars) {
        if (typeof v.name === "string" && allowed.has(v.name.toLowerCase())) continue;
        if (isUnknown(v.type)) {
            if (credentialName(v.name, config.additionalCredentialWords) || isUnknown(v.name)) out.undecided([...v.path, "type"]);
            continue;
        }
        const type = v.type === undefined || v.type === null ? "PLAINTEXT" : v.type;
        if (!equalsIgnoreCase(type, "PLAINTEXT")) continue; // PARAMETER_STORE / SECRETS_MANAGER hold a reference
        if (isUnknown(v.name)) {
            out.undecided([...v.path, "name"]);
            continue;
        }
        const name = typeof v.name === "string" ? v.name : "";
        const empty = v.value === undefined || v.value === null || v.value === "";
        const byName = credentialName(name, config.additionalCredentialWords);
        if (byName && isUnknown(v.value)) {
            // Not known yet: it may be a credential or the ARN of a secret (a reference); only the SDK's advisory can say.
            out.undecided([...v.path, "value"]);
            continue;
        }
        // A boolean, or a number under a name that only mentions a credential (COVERAGE_PASS_THRESHOLD=80), is a setting.
        if (byName && !empty && !isCredentialReference(v.value) && !isSettingValue(name, v.value)) {
            report(`${owner} ${v.where} '${name}' looks like a credential ("${byName}") and is PLAINTEXT: set its type to "SECRETS_MANAGER" ` +
                "(or \"PARAMETER_STORE\") and its value to the secret's name or ARN, and rotate the credential.");
            continue;
        }
        const format = credentialFormatIn(v.value);
        if (format) {
            report(`${owner} ${v.where} '${name}' holds a ${format} in PLAINTEXT: move it to Secrets Manager, set the variable's type to "SECRETS_MANAGER" ` +
                "with the secret's name as value, and rotate the credential.");
            continue;
        }
        if (hasUrlWithEmbeddedCredentials(v.value)) {
            report(`${owner} ${v.where} '${name}' holds a URL with embedded credentials in PLAINTEXT: remove the user:password part ` +
                "and pass the credential through a SECRETS_MANAGER variable.");
            continue;
        }
        if (hasAccessKeyId && looksLikeAwsSecretAccessKey(v.value)) {
            report(`${owner} ${v.where} '${name}' holds what looks like an AWS secret access key beside an access key id, in PLAINTEXT: ` +
                "use the build's service role instead of keys, or a SECRETS_MANAGER variable.");
        }
    }
}

/** Scans a free-text value (URL, buildspec, configuration value) for credential formats and URL credentials. */
function checkText(value: unknown, owner: string, property: string, report: (message: string) => void): void {
    if (typeof value !== "string" || isUnknown(value)) return;
    const format = credentialFormatIn(value);
    if (format) {
        report(`${owner} ${property} contains a ${format}: remove it from ${property}, keep it in Secrets Manager and rotate it.`);
    } else if (hasUrlWithEmbeddedCredentials(value)) {
        report(`${owner} ${property} contains a URL with embedded credentials: remove the user:password part from ${property} ` +
            "and authenticate through a CodeStar connection or a source credential.");
    }
}

function envVarsOfCodeBuildAction(json: unknown, actionLabel: string): EnvVar[] | undefined {
    if (typeof json !== "string" || isUnknown(json)) return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        return undefined;
    }
    return asList(parsed).filter(isPlainObject).map((e, k) => ({
        name: e.name, value: e.value, type: e.type, where: `${actionLabel}.configuration.EnvironmentVariables[${k}]`,
        path: [] as Path,
    }));
}

/**
 * CodePipeline V2 pipeline-level variables: a `defaultValue` sits in plain text in the pipeline definition
 * and in every execution's variables (CodePipeline has no secret variable type). Verdict: a finding when the
 * variable's name is a credential name and its default is neither a reference (a secret's ARN) nor a setting
 * (a boolean or number, see isSettingValue), or when the default holds a credential format or a URL with
 * credentials; undecided when a credential-named default is not known yet.
 */
function checkPipelineVariables(variables: unknown, owner: string, config: Config, out: Sink): void {
    if (isUnknown(variables)) { out.undecided(["variables"]); return; }
    if (!Array.isArray(variables)) return;
    const allowed = new Set((config.allowedVariableNames ?? []).map(n => String(n).toLowerCase()));
    variables.forEach((v, i) => {
        if (!isPlainObject(v)) return;
        const name = typeof v.name === "string" ? v.name : "";
        if (allowed.has(name.toLowerCase())) return;
        const value = v.defaultValue;
        if (value === undefined || value === null || value === "") return;
        const byName = credentialName(name, config.additionalCredentialWords);
        if (isUnknown(value)) { if (byName) out.undecided(["variables", i, "defaultValue"]); return; }
        const where = `${owner} variables[${i}] '${name}'`;
        const fix = "pipeline variables are plain text in the pipeline and its executions: keep the credential in Secrets Manager " +
            "and read it in the build (a CodeBuild SECRETS_MANAGER environment variable), and rotate it.";
        if (byName && !isCredentialReference(value) && !isSettingValue(name, value)) {
            out.report(`${where} looks like a credential ("${byName}") and has a plain-text defaultValue: ${fix}`);
        } else if (credentialFormatIn(value)) {
            out.report(`${where} defaultValue holds a ${credentialFormatIn(value)}: ${fix}`);
        } else if (hasUrlWithEmbeddedCredentials(value)) {
            out.report(`${where} defaultValue holds a URL with embedded credentials: ${fix}`);
        }
    });
}

function checkPipeline(props: Record<string, any>, name: string, config: Config, out: Sink): void {
    const owner = `Pipeline '${name}'`;
    const report = (m: string) => out.report(m);
    const { actions, unknownPaths } = pipelineActions(props);
    unknownPaths.forEach(p => out.undecided(p));
    checkPipelineVariables(props.variables, owner, config, out);
    for (const a of actions) {
        const configuration = a.action.configuration;
        if (isUnknown(configuration)) {
            out.undecided([...a.path, "configuration"]);
            continue;
        }
        if (!isPlainObject(configuration)) continue;
        for (const [key, value] of Object.entries(configuration)) {
            const property = `${a.label}.configuration.${key}`;
            if (value === undefined || value === null || value === "") continue;
            if (credentialConfigurationKeys.has(key.toLowerCase())) {
                // The key holds a credential whatever its value (known or not): CodePipeline keeps it in the pipeline definition.
                report(`${owner} ${describeAction(a)} has a credential in plain configuration: remove ${property}` +
                    (equalsIgnoreCase(a.action.provider, "GitHub") ? " and move the source to a CodeStarSourceConnection action" : " and use a connection or Secrets Manager") +
                    ", then revoke the token.");
                continue;
            }
            if (key.toLowerCase() === "environmentvariables") {
                const vars = envVarsOfCodeBuildAction(value, a.label);
                if (vars) {
                    // Values inside a known JSON string are known (a string with an unknown piece is unknown as a whole).
                    checkEnvironmentVariables(vars, `${owner} ${describeAction(a)}`, config, { report, undecided: () => undefined });
                    continue;
                }
            }
            checkText(value, `${owner} ${describeAction(a)}`, property, report);
        }
    }
}

function checkProject(props: Record<string, any>, name: string, config: Config, out: Sink): void {
    const owner = `CodeBuild project '${name}'`;
    const report = (m: string) => out.report(m);
    const env = props.environment;
    if (isUnknown(env)) {
        out.undecided(["environment"]);
    } else if (isPlainObject(env)) {
        const list = env.environmentVariables;
        if (isUnknown(list)) {
            out.undecided(["environment", "environmentVariables"]);
        } else {
            const vars: EnvVar[] = [];
            asList(list).forEach((e, i) => {
                const path = ["environment", "environmentVariables", i];
                if (isUnknown(e)) {
                    out.undecided(path);
                } else if (isPlainObject(e)) {
                    vars.push({ name: e.name, value: e.value, type: e.type, where: `environment.environmentVariables[${i}]`, path });
                }
            });
            checkEnvironmentVariables(vars, owner, config, out);
        }
    }
    const sources: [unknown, string][] = [[props.source, "source"]];
    if (!isUnknown(props.secondarySources)) {
        asList(props.secondarySources).forEach((s, i) => sources.push([s, `secondarySources[${i}]`]));
    }
    for (const [source, label] of sources) {
        if (!isPlainObject(source)) continue;
        checkText(source.location, owner, `${label}.location`, report);
        checkText(source.buildspec, owner, `${label}.buildspec`, report);
        const inline = buildspecVariables(source.buildspec);
        checkEnvironmentVariables(inline.map(v => ({ name: v.name, value: v.value, type: "PLAINTEXT", where: `${label}.buildspec env.variables`, path: [label, "buildspec"] })), owner, config, out);
    }
}

/**
 * The `env.variables` of an inline buildspec (YAML in `source.buildspec`): plain text in the project
 * definition and the build's environment, so judged as PLAINTEXT variables. A line scanner for the block
 * style buildspecs use (`env:` / `  variables:` / `    NAME: value`), linear in the text; flow-style maps
 * and a buildspec file name (no newline) are not read.
 */
function buildspecVariables(buildspec: unknown): { name: string; value: string }[] {
    if (typeof buildspec !== "string" || isUnknown(buildspec) || !buildspec.includes("\n")) return [];
    const out: { name: string; value: string }[] = [];
    let inEnv = false, inVars = -1;
    for (const raw of buildspec.split("\n")) {
        const line = raw.trimEnd();
        if (!line.trim() || line.trim().startsWith("#")) continue;
        const indent = line.length - line.trimStart().length;
        if (indent === 0) { inEnv = /^env\s*:\s*$/.test(line); inVars = -1; continue; }
        if (!inEnv) continue;
        if (inVars >= 0 && indent > inVars) {
            const m = /^\s*["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*:\s*(.*)$/.exec(line);
            if (m) out.push({ name: m[1], value: m[2].replace(/^(["'])(.*)\1$/, "$2") });
            continue;
        }
        inVars = /^\s*variables\s*:\s*$/.test(line) ? indent : -1;
    }
    return out;
}

function checkWebhook(props: Record<string, any>, name: string, report: (message: string) => void): void {
    const auth = props.authenticationConfiguration;
    if (!isPlainObject(auth)) return;
    const token = auth.secretToken;
    const format = credentialFormatIn(token);
    if (format || isAwsAccessKeyId(token)) {
        report(`CodePipeline webhook '${name}' authenticationConfiguration.secretToken is a ${format ?? "AWS access key id"}: ` +
            "a webhook secret must be a random value of its own (e.g. from random.RandomPassword, kept as a Pulumi secret); revoke that credential.");
    }
}

export default resourcePolicy<Config, PipelineArgs & ProjectArgs & WebhookArgs>({
    name: "no-plaintext-credentials",
    description: "No credential in plain pipeline or build configuration: CodePipeline action configuration (OAuthToken and kin, credential formats, URLs with user:password), " +
        "CodeBuild PLAINTEXT environment variables whose name or value is a credential, source URLs or buildspecs with embedded credentials, and webhook secrets that are " +
        "themselves credentials. Limitation: the Pulumi SDK unwraps secrets before a policy sees them, so no policy can tell a Pulumi secret from a literal; " +
        "a webhook's secretToken is therefore only checked for credential formats, not for being a Pulumi secret.",
    severity: "critical",
    pci: "8.3.2, 3.3.2",
    securityHub: ["CodeBuild.1", "CodeBuild.2"],
    resourceTypes: [pipelineType, projectType, pipelineWebhookType],
    remediationSteps: "Keep credentials in AWS Secrets Manager (or SSM SecureString) and reference them: CodeBuild environment variables of type `SECRETS_MANAGER`/`PARAMETER_STORE`, " +
        "CodeStar connections instead of OAuth tokens, source credentials instead of user:password URLs, and `pulumi config set --secret` for values a program needs. " +
        "Then revoke and rotate every credential that was in plain configuration (it is in the state and in history).",
    config: {
        properties: {
            allowedVariableNames: stringListSetting("Environment variable names (case-insensitive) that look like credentials but are not (e.g. `TOKEN_AUDIENCE_HINT`).", []),
            additionalCredentialWords: stringListSetting("Extra words that make a variable name a credential (e.g. `apitoken`, `bearer`).", []),
        },
    },
    validate: c => {
        if (c.type === pipelineType) {
            checkPipeline(c.props, c.name, c.config, c);
        } else if (c.type === projectType) {
            checkProject(c.props, c.name, c.config, c);
        } else {
            checkWebhook(c.props, c.name, m => c.report(m));
        }
    },
});
