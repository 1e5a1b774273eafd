import { Answer, Inputs, InvokeContext, fakePem, fixedDate, hexFrom, regionOf, str, upperId, uuidFrom } from "./context";
import { tagsOf } from "./aws-network";
import { awsManagedPolicyPath } from "./aws-managed-policy-paths";

/**
 * Keys, identities, secrets and registry credentials. The distinction programs branch on is kept:
 * `alias/aws/<service>` names the AWS-managed key of that service (keyManager AWS), any other alias a
 * customer key; AWS-managed IAM policies live under `arn:aws:iam::aws:policy/`; an ECR token decodes
 * to `AWS:<password>` as docker login expects.
 */

/** Services with an AWS-managed key, so getKey on such a key's id can tell it is AWS-managed. */
const managedKeyServices = ["s3", "ebs", "rds", "lambda", "secretsmanager", "ssm", "sns", "sqs", "dynamodb", "logs", "backup", "elasticfilesystem", "kinesis", "redshift", "acm", "ecr", "es", "glue", "codecommit", "xray"];

function managedKeyId(c: InvokeContext, r: string, service: string): string {
    return uuidFrom(`aws-managed-key|${c.account}|${r}|${service}`);
}

function customerKeyId(c: InvokeContext, r: string, alias: string): string {
    return uuidFrom(`customer-key|${c.account}|${r}|${alias}`);
}

function keyDescription(service: string | undefined): string {
    if (!service) return "";
    if (service === "s3") return "Default key that protects my S3 objects when no other key is defined";
    if (service === "ebs") return "Default master key that protects my EBS volumes when no other key is defined";
    return `Default master key that protects my ${service.toUpperCase()} resources when no other key is defined`;
}

function alias(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const name = str(i.name) ?? "alias/offline";
    const service = /^alias\/aws\/(.+)$/.exec(name)?.[1];
    const keyId = service ? managedKeyId(c, r, service) : customerKeyId(c, r, name);
    return {
        id: `arn:aws:kms:${r}:${c.account}:${name}`, arn: `arn:aws:kms:${r}:${c.account}:${name}`, name, region: r,
        targetKeyId: keyId, targetKeyArn: `arn:aws:kms:${r}:${c.account}:key/${keyId}`,
    };
}

/** getKey accepts a key id, key ARN, alias name or alias ARN. */
function key(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const ref = str(i.keyId) ?? "";
    const aliasName = /(?:^|:)(alias\/.+)$/.exec(ref)?.[1];
    let service = aliasName ? /^alias\/aws\/(.+)$/.exec(aliasName)?.[1] : undefined;
    let keyId: string;
    if (aliasName) {
        keyId = service ? managedKeyId(c, r, service) : customerKeyId(c, r, aliasName);
    } else {
        keyId = /key\/([0-9a-f-]{36}|mrk-[0-9a-f]{32})$/.exec(ref)?.[1] ?? (ref || uuidFrom(`key|${r}`));
        service = managedKeyServices.find(s => managedKeyId(c, r, s) === keyId);
    }
    return {
        id: keyId, keyId, arn: `arn:aws:kms:${r}:${c.account}:key/${keyId}`, awsAccountId: c.account, region: r,
        keyManager: service ? "AWS" : "CUSTOMER", description: keyDescription(service), enabled: true, keyState: "Enabled",
        keySpec: "SYMMETRIC_DEFAULT", customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", origin: "AWS_KMS",
        multiRegion: false, multiRegionConfigurations: [], xksKeyConfigurations: [], creationDate: fixedDate,
        deletionDate: "", validTo: "", expirationModel: "", cloudHsmClusterId: "", customKeyStoreId: "", pendingDeletionWindowInDays: 0,
    };
}

/** The service a role is for, by its name, for a plausible trust policy. */
function trustedService(name: string): string | undefined {
    const table: [RegExp, string][] = [[/lambda/i, "lambda.amazonaws.com"], [/ecs|task/i, "ecs-tasks.amazonaws.com"], [/eks|cluster/i, "eks.amazonaws.com"], [/ec2|instance|node/i, "ec2.amazonaws.com"]];
    return table.find(([re]) => re.test(name))?.[1];
}

function role(i: Inputs, c: InvokeContext) {
    const name = str(i.name) ?? "offline-role";
    const linked = /^AWSServiceRoleFor(.+)$/.exec(name);
    const path = linked ? `/aws-service-role/${linked[1].toLowerCase()}.amazonaws.com/` : "/";
    const service = linked ? `${linked[1].toLowerCase()}.amazonaws.com` : trustedService(name);
    const principal = service ? { Service: service } : { AWS: `arn:aws:iam::${c.account}:root` };
    return {
        id: name, name, arn: `arn:aws:iam::${c.account}:role${path}${name}`, path, uniqueId: upperId("AROA", `role|${name}`),
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] }),
        createDate: fixedDate, description: "", maxSessionDuration: 3600, permissionsBoundary: "", roleLastUseds: [], tags: {},
    };
}

/** AWS-managed policies that live under `service-role/`, not the root path. */

function policy(i: Inputs, c: InvokeContext) {
    const arn0 = str(i.arn);
    const name = str(i.name) ?? arn0?.split("/").pop() ?? "offline-policy";
    // By name, IAM's GetPolicy needs an ARN: the provider lists policies (AWS managed ones included) and
    // matches the name, so a name AWS manages answers with AWS's ARN and path (service-role/, job-function/, ...).
    const managedPath = arn0 ? undefined : awsManagedPolicyPath(name);
    const awsManaged = arn0 ? arn0.includes(":iam::aws:policy/") : managedPath !== undefined;
    const path = arn0 ? `/${arn0.split(":policy/")[1]?.split("/").slice(0, -1).join("/") ?? ""}/`.replace("//", "/") : managedPath ?? str(i.pathPrefix) ?? "/";
    const arn = arn0 ?? `arn:aws:iam::${awsManaged ? "aws" : c.account}:policy${path}${name}`;
    const service = name === "AdministratorAccess" ? "*" : (/(S3|EC2|DynamoDB|SQS|SNS|Lambda|ECS|EKS|ECR|CloudWatch|SSM|RDS|KMS)/.exec(name)?.[1] ?? "iam").toLowerCase();
    const actions = service === "*" ? "*" : /ReadOnly/.test(name) ? [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`] : `${service}:*`;
    return {
        id: arn, arn, name, path, description: "", policyId: upperId("ANPA", `policy|${arn}`), attachmentCount: 1, tags: {},
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }),
    };
}

function user(i: Inputs, c: InvokeContext) {
    const name = str(i.userName) ?? "offline-user";
    return { id: upperId("AIDA", `user|${name}`), userId: upperId("AIDA", `user|${name}`), userName: name, arn: `arn:aws:iam::${c.account}:user/${name}`, path: "/", permissionsBoundary: "", tags: {} };
}

/** A secret's ARN ends in its name and a six-character suffix AWS adds; the name is recovered from an ARN. */
function secretRef(ref: string | undefined, c: InvokeContext, r: string): { name: string; arn: string } {
    const fromArn = ref && /^arn:aws[a-z-]*:secretsmanager:[^:]*:\d*:secret:(.+)-[A-Za-z0-9]{6}$/.exec(ref);
    if (fromArn) return { name: fromArn[1], arn: ref };
    const name = ref ?? "offline-secret";
    return { name, arn: `arn:aws:secretsmanager:${r}:${c.account}:secret:${name}-${hexFrom(`secret|${name}`, 6)}` };
}

function secret(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const { name, arn } = secretRef(str(i.arn) ?? str(i.name), c, r);
    return { id: arn, arn, name, region: r, description: "", kmsKeyId: "", policy: "", createdDate: fixedDate, lastChangedDate: fixedDate, tags: tagsOf(i), type: "" };
}

function secretVersion(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const { name, arn } = secretRef(str(i.secretId), c, r);
    const stage = str(i.versionStage) ?? "AWSCURRENT";
    const versionId = str(i.versionId) ?? uuidFrom(`secret-version|${arn}|${stage}`);
    return {
        id: `${arn}|${stage}`, arn, secretArn: arn, secretId: str(i.secretId) ?? name, versionId, versionStage: stage, versionStages: [stage],
        // Most secrets hold JSON (credentials), and programs JSON.parse them; a JSON object survives either use.
        secretString: JSON.stringify({ username: "offline", password: hexFrom(`secret-value|${arn}`, 24) }),
        secretBinary: "", createdDate: fixedDate, region: r,
    };
}

function certificate(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const domain = str(i.domain) ?? "example.com";
    const arn = `arn:aws:acm:${r}:${c.account}:certificate/${uuidFrom(`acm|${r}|${domain}`)}`;
    return {
        id: arn, arn, domain, region: r, status: "ISSUED", tags: tagsOf(i),
        certificate: fakePem("CERTIFICATE", `acm-cert|${arn}`), certificateChain: fakePem("CERTIFICATE", `acm-chain|${r}`),
    };
}

function ecrToken(i: Inputs, c: InvokeContext, requiredRegistry: boolean) {
    const r = regionOf(i, c);
    const registry = str(i.registryId) ?? c.account;
    const password = Buffer.from(hexFrom(`ecr-token|${registry}|${r}`, 192), "hex").toString("base64");
    return {
        id: requiredRegistry ? registry : r, registryId: registry, region: r, userName: "AWS", password,
        authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"),
        proxyEndpoint: `https://${registry}.dkr.ecr.${r}.amazonaws.com`, expiresAt: "2026-01-01T12:00:00Z",
    };
}

export const identityAnswers: Record<string, Answer> = {

    "aws:kms/getAlias:getAlias": alias,
    "aws:kms/getKey:getKey": key,
    "aws:iam/getRole:getRole": role,
    "aws:iam/getPolicy:getPolicy": policy,
    "aws:iam/getUser:getUser": user,
    "aws:secretsmanager/getSecret:getSecret": secret,
    "aws:secretsmanager/getSecretVersion:getSecretVersion": secretVersion,
    "aws:acm/getCertificate:getCertificate": certificate,
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (i, c) => ecrToken(i, c, false),
    "aws:ecr/getCredentials:getCredentials": (i, c) => ecrToken(i, c, true),
};
