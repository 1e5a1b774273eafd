import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { InvokeContext, LookupNotFound, answerInvoke, defaultInvokeContext, handWrittenTokens, notFoundTokens, renderPolicyDocument } from "../../preview/src/capture/invokes";

const region = "us-west-2";
const account = "123456789012";
const repoRoot = path.resolve(__dirname, "..", "..");
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function ctx(): InvokeContext {
    return defaultInvokeContext(region, repoRoot);
}

function ask(token: string, inputs: Record<string, any> = {}, c: InvokeContext = ctx()): Record<string, any> {
    const answer = answerInvoke(token, inputs, c);
    assert.ok(!c.unanswered.has(token), `${token} was not answered`);
    return answer;
}

function filters(spec: Record<string, string[]>) {
    return Object.entries(spec).map(([name, values]) => ({ name, values }));
}

/** Every undefined inside an answer, and every unknown that leaked into it, by path. */
function holes(v: unknown, at = "$"): string[] {
    if (v === undefined) return [at];
    if (v === unknown) return [`${at} (unknown)`];
    if (Array.isArray(v)) return v.flatMap((e, i) => holes(e, `${at}[${i}]`));
    if (v && typeof v === "object") return Object.entries(v).flatMap(([k, e]) => holes(e, `${at}.${k}`));
    return [];
}

const ec2IdOf = (prefix: string) => new RegExp(`^${prefix}-[0-9a-f]{17}$`);
const keyArn = new RegExp(`^arn:aws:kms:${region}:${account}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);

interface Case { token: string; inputs?: Record<string, any>; check: (a: Record<string, any>) => void }

const cases: Case[] = [
    { token: "aws:index/getCallerIdentity:getCallerIdentity", check: a => { assert.strictEqual(a.accountId, account); assert.match(a.arn, /^arn:aws:iam::123456789012:/); } },
    { token: "aws:index/getRegion:getRegion", check: a => { assert.strictEqual(a.region, region); assert.strictEqual(a.name, region); assert.strictEqual(a.description, "US West (Oregon)"); } },
    { token: "aws:index/getRegions:getRegions", check: a => { assert.ok(a.names.includes(region)); assert.ok(!a.names.includes("af-south-1")); } },
    { token: "aws:index/getPartition:getPartition", check: a => { assert.strictEqual(a.partition, "aws"); assert.strictEqual(a.dnsSuffix, "amazonaws.com"); } },
    { token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { state: "available", excludeNames: ["us-west-2c"] }, check: a => {
        assert.deepStrictEqual(a.names, ["us-west-2a", "us-west-2b"]);
        assert.deepStrictEqual(a.zoneIds, ["usw2-az1", "usw2-az2"]);
    } },
    { token: "aws:index/getArn:getArn", inputs: { arn: "arn:aws:s3:::my-bucket/key" }, check: a => { assert.strictEqual(a.service, "s3"); assert.strictEqual(a.resource, "my-bucket/key"); } },
    { token: "aws:iam/getPolicyDocument:getPolicyDocument", inputs: { statements: [{ actions: ["s3:GetObject"], resources: ["*"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }] }, check: a => {
        const doc = JSON.parse(a.json);
        assert.strictEqual(doc.Statement[0].Effect, "Allow");
        assert.strictEqual(doc.Statement[0].Action, "s3:GetObject");
        assert.deepStrictEqual(doc.Statement[0].Principal, { Service: "lambda.amazonaws.com" });
        assert.strictEqual(a.minifiedJson, JSON.stringify(doc));
    } },
    { token: "aws:iam/getSessionContext:getSessionContext", inputs: { arn: `arn:aws:sts::${account}:assumed-role/deployer/ci-session` }, check: a => {
        assert.strictEqual(a.issuerArn, `arn:aws:iam::${account}:role/deployer`);
        assert.strictEqual(a.issuerName, "deployer");
        assert.strictEqual(a.sessionName, "ci-session");
    } },
    { token: "aws:organizations/getOrganization:getOrganization", check: a => {
        assert.match(a.roots[0].id, /^r-[0-9a-z]{4}$/);
        assert.match(a.id, /^o-[0-9a-z]{10}$/);
        assert.strictEqual(a.masterAccountId, account);
        assert.ok(a.masterAccountArn.startsWith(`arn:aws:organizations::${account}:account/${a.id}/`));
        assert.strictEqual(a.accounts[0].id, account);
    } },
    { token: "aws:elb/getServiceAccount:getServiceAccount", check: a => { assert.strictEqual(a.id, "797873946194"); assert.strictEqual(a.arn, "arn:aws:iam::797873946194:root"); } },
    { token: "aws:ec2/getAmi:getAmi", inputs: { mostRecent: true, owners: ["amazon"], filters: filters({ name: ["amzn2-ami-hvm-*-x86_64-gp2"], "virtualization-type": ["hvm"] }) }, check: a => {
        assert.match(a.id, ec2IdOf("ami"));
        assert.strictEqual(a.imageId, a.id);
        assert.match(a.name, /^amzn2-ami-hvm-[0-9.]+-x86_64-gp2$/);
        assert.strictEqual(a.architecture, "x86_64");
        assert.strictEqual(a.rootDeviceName, "/dev/xvda");
        assert.strictEqual(a.ownerId, "137112412989");
        assert.strictEqual(a.blockDeviceMappings[0].deviceName, a.rootDeviceName);
        assert.strictEqual(a.mostRecent, true);
    } },
    { token: "aws:ec2/getAmi:getAmi", inputs: { owners: ["099720109477"], filters: filters({ name: ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*"] }) }, check: a => {
        assert.match(a.id, ec2IdOf("ami"));
        assert.strictEqual(a.architecture, "arm64");
        assert.strictEqual(a.rootDeviceName, "/dev/sda1");
        assert.strictEqual(a.ownerId, "099720109477");
    } },
    // A pattern made to backtrack is not run in the preview's process: the answer comes at once, with a name of its own.
    { token: "aws:ec2/getAmi:getAmi", inputs: { owners: ["self"], nameRegex: "^(a+)+$" + "a".repeat(40) + "!" }, check: a => { assert.strictEqual(typeof a.name, "string"); assert.match(a.id, ec2IdOf("ami")); } },
    { token: "aws:ec2/getAmi:getAmi", inputs: { owners: ["self"], nameRegex: "^app-\\d+$" }, check: a => { assert.match(a.name, /^app-\d+$/); assert.strictEqual(a.ownerId, account); } },
    { token: "aws:ec2/getAmiIds:getAmiIds", inputs: { owners: ["amazon"], filters: filters({ name: ["al2023-ami-*"] }) }, check: a => {
        assert.ok(a.ids.length >= 1);
        for (const id of a.ids) assert.match(id, ec2IdOf("ami"));
    } },
    { token: "aws:ecr/getAuthorizationToken:getAuthorizationToken", check: a => {
        assert.strictEqual(a.userName, "AWS");
        assert.strictEqual(Buffer.from(a.authorizationToken, "base64").toString(), `AWS:${a.password}`);
        assert.strictEqual(a.proxyEndpoint, `https://${account}.dkr.ecr.${region}.amazonaws.com`);
        assert.ok(!Number.isNaN(Date.parse(a.expiresAt)));
    } },
    { token: "aws:ecr/getCredentials:getCredentials", inputs: { registryId: account }, check: a => {
        const [user, password] = Buffer.from(a.authorizationToken, "base64").toString().split(":");
        assert.strictEqual(user, "AWS");
        assert.ok(password.length > 20);
    } },
    { token: "aws:kms/getAlias:getAlias", inputs: { name: "alias/aws/s3" }, check: a => {
        assert.match(a.targetKeyArn, keyArn);
        assert.strictEqual(a.targetKeyArn, `arn:aws:kms:${region}:${account}:key/${a.targetKeyId}`);
        assert.strictEqual(a.arn, `arn:aws:kms:${region}:${account}:alias/aws/s3`);
        assert.strictEqual(ask("aws:kms/getKey:getKey", { keyId: a.targetKeyId }).keyManager, "AWS");
        assert.strictEqual(ask("aws:kms/getKey:getKey", { keyId: "alias/aws/s3" }).keyId, a.targetKeyId);
    } },
    { token: "aws:kms/getAlias:getAlias", inputs: { name: "alias/app" }, check: a => {
        assert.match(a.targetKeyArn, keyArn);
        assert.notStrictEqual(a.targetKeyId, ask("aws:kms/getAlias:getAlias", { name: "alias/aws/s3" }).targetKeyId);
        assert.strictEqual(ask("aws:kms/getKey:getKey", { keyId: a.targetKeyArn }).keyManager, "CUSTOMER");
    } },
    { token: "aws:kms/getKey:getKey", inputs: { keyId: "alias/aws/ebs" }, check: a => { assert.match(a.arn, keyArn); assert.strictEqual(a.keyManager, "AWS"); assert.strictEqual(a.enabled, true); } },
    { token: "aws:ssm/getParameter:getParameter", inputs: { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }, check: a => {
        assert.match(a.value, ec2IdOf("ami"));
        assert.strictEqual(a.type, "String");
        assert.strictEqual(a.arn, `arn:aws:ssm:${region}::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`);
    } },
    { token: "aws:ssm/getParameter:getParameter", inputs: { name: "/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id" }, check: a => assert.match(a.value, ec2IdOf("ami")) },
    { token: "aws:ssm/getParameter:getParameter", inputs: { name: "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended" }, check: a => assert.match(JSON.parse(a.value).image_id, ec2IdOf("ami")) },
    { token: "aws:ssm/getParameter:getParameter", inputs: { name: "/app/db/password" }, check: a => { assert.strictEqual(a.type, "SecureString"); assert.ok(a.value.length > 0); } },
    { token: "aws:ssm/getParameter:getParameter", inputs: { name: "/app/network/vpc-id" }, check: a => { assert.strictEqual(a.type, "String"); assert.match(a.value, ec2IdOf("vpc")); } },
    { token: "aws:ec2/getVpc:getVpc", inputs: { default: true }, check: a => {
        assert.match(a.id, ec2IdOf("vpc"));
        assert.strictEqual(a.default, true);
        assert.strictEqual(a.cidrBlock, "172.31.0.0/16");
        assert.strictEqual(a.arn, `arn:aws:ec2:${region}:${account}:vpc/${a.id}`);
    } },
    { token: "aws:ec2/getVpc:getVpc", inputs: { tags: { Name: "main" } }, check: a => { assert.strictEqual(a.default, false); assert.deepStrictEqual(a.tags, { Name: "main" }); } },
    { token: "aws:ec2/getSubnets:getSubnets", check: a => {
        assert.ok(a.ids.length >= 2);
        for (const id of a.ids) assert.match(id, ec2IdOf("subnet"));
        assert.deepStrictEqual(a.ids.slice(0, 2), [a.ids[0], a.ids[1]]);
    } },
    { token: "aws:ec2/getSubnetIds:getSubnetIds", inputs: { vpcId: "vpc-0123456789abcdef0" }, check: a => { assert.ok(a.ids.length >= 2); assert.strictEqual(a.vpcId, "vpc-0123456789abcdef0"); } },
    { token: "aws:ec2/getSubnet:getSubnet", inputs: { availabilityZone: "us-west-2b", defaultForAz: true }, check: a => {
        assert.match(a.id, ec2IdOf("subnet"));
        assert.strictEqual(a.availabilityZone, "us-west-2b");
        assert.strictEqual(a.vpcId, ask("aws:ec2/getVpc:getVpc", { default: true }).id);
        assert.match(a.cidrBlock, /^172\.31\.\d+\.0\/20$/);
    } },
    { token: "aws:ec2/getSecurityGroup:getSecurityGroup", inputs: { name: "default" }, check: a => { assert.match(a.id, ec2IdOf("sg")); assert.match(a.vpcId, ec2IdOf("vpc")); } },
    { token: "aws:ec2/getSecurityGroups:getSecurityGroups", inputs: { filters: filters({ "group-name": ["web", "db"] }) }, check: a => {
        assert.strictEqual(a.ids.length, 2);
        for (const id of a.ids) assert.match(id, ec2IdOf("sg"));
        assert.strictEqual(a.arns.length, 2);
    } },
    { token: "aws:ec2/getInternetGateway:getInternetGateway", inputs: { filters: filters({ "attachment.vpc-id": ["vpc-0aaaaaaaaaaaaaaaa"] }) }, check: a => {
        assert.match(a.internetGatewayId, ec2IdOf("igw"));
        assert.strictEqual(a.attachments[0].vpcId, "vpc-0aaaaaaaaaaaaaaaa");
    } },
    { token: "awsx:ec2:getDefaultVpc", check: a => {
        assert.strictEqual(a.vpcId, ask("aws:ec2/getVpc:getVpc", { default: true }).id);
        assert.deepStrictEqual(a.publicSubnetIds, ask("aws:ec2/getSubnets:getSubnets").ids);
        assert.deepStrictEqual(a.privateSubnetIds, []);
    } },
    { token: "aws:route53/getZone:getZone", inputs: { name: "example.com.", privateZone: false }, check: a => {
        assert.strictEqual(a.name, "example.com");
        assert.match(a.zoneId, /^Z[0-9A-Z]{13}$/);
        assert.strictEqual(a.id, a.zoneId);
        assert.strictEqual(a.nameServers.length, 4);
    } },
    { token: "aws:acm/getCertificate:getCertificate", inputs: { domain: "example.com", statuses: ["ISSUED"] }, check: a => {
        assert.match(a.arn, new RegExp(`^arn:aws:acm:${region}:${account}:certificate/[0-9a-f-]{36}$`));
        assert.strictEqual(a.status, "ISSUED");
        assert.deepStrictEqual(a.statuses, ["ISSUED"]);
    } },
    { token: "aws:iam/getRole:getRole", inputs: { name: "lambda-exec" }, check: a => {
        assert.strictEqual(a.arn, `arn:aws:iam::${account}:role/lambda-exec`);
        assert.strictEqual(JSON.parse(a.assumeRolePolicy).Statement[0].Principal.Service, "lambda.amazonaws.com");
        assert.match(a.uniqueId, /^AROA[0-9A-F]{17}$/);
    } },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AWSLambdaBasicExecutionRole" }, check: a => {
        assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        assert.ok(JSON.parse(a.policy).Statement.length > 0);
    } },
    // By name: AWS managed policies answer with AWS's ARN and path (from the generated list of every AWS managed policy).
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AmazonS3FullAccess" }, check: a => { assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/AmazonS3FullAccess"); assert.strictEqual(a.path, "/"); } },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AWSCodeBuildDeveloperAccess" }, check: a => assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/AWSCodeBuildDeveloperAccess") },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "ViewOnlyAccess" }, check: a => { assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"); assert.strictEqual(a.path, "/job-function/"); } },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AWSOpsWorksCMServiceRole" }, check: a => assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/service-role/AWSOpsWorksCMServiceRole") },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AmazonECSServiceRolePolicy" }, check: a => assert.strictEqual(a.arn, "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy") },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { name: "AWSDeployPolicy" }, check: a => assert.strictEqual(a.arn, `arn:aws:iam::${account}:policy/AWSDeployPolicy`) },
    { token: "aws:iam/getPolicy:getPolicy", inputs: { arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, check: a => { assert.strictEqual(a.name, "ReadOnlyAccess"); assert.strictEqual(a.path, "/"); } },
    { token: "aws:iam/getUser:getUser", inputs: { userName: "alice" }, check: a => { assert.strictEqual(a.arn, `arn:aws:iam::${account}:user/alice`); assert.match(a.userId, /^AIDA/); } },
    { token: "aws:s3/getBucket:getBucket", inputs: { bucket: "logs" }, check: a => {
        assert.strictEqual(a.arn, "arn:aws:s3:::logs");
        assert.strictEqual(a.bucketRegionalDomainName, `logs.s3.${region}.amazonaws.com`);
        assert.strictEqual(a.hostedZoneId, "Z3BJ6K6RIION7M");
    } },
    { token: "aws:secretsmanager/getSecret:getSecret", inputs: { name: "db-creds" }, check: a => assert.match(a.arn, new RegExp(`^arn:aws:secretsmanager:${region}:${account}:secret:db-creds-[0-9a-zA-Z]{6}$`)) },
    { token: "aws:secretsmanager/getSecretVersion:getSecretVersion", inputs: { secretId: "db-creds" }, check: a => {
        assert.strictEqual(typeof JSON.parse(a.secretString).password, "string");
        assert.deepStrictEqual(a.versionStages, ["AWSCURRENT"]);
        assert.strictEqual(a.arn, ask("aws:secretsmanager/getSecret:getSecret", { name: "db-creds" }).arn);
    } },
    { token: "aws:eks/getCluster:getCluster", inputs: { name: "prod" }, check: a => {
        assert.strictEqual(a.arn, `arn:aws:eks:${region}:${account}:cluster/prod`);
        assert.match(a.identities[0].oidcs[0].issuer, new RegExp(`^https://oidc\\.eks\\.${region}\\.amazonaws\\.com/id/[0-9A-F]{32}$`));
        assert.match(Buffer.from(a.certificateAuthorities[0].data, "base64").toString(), /^-----BEGIN CERTIFICATE-----/);
        assert.ok(a.vpcConfig.subnetIds.length > 0);
        assert.match(a.endpoint, /^https:\/\//);
    } },
    { token: "aws:eks/getClusterAuth:getClusterAuth", inputs: { name: "prod" }, check: a => assert.match(a.token, /^k8s-aws-v1\./) },
    { token: "aws:eks/getAddonVersion:getAddonVersion", inputs: { addonName: "coredns", kubernetesVersion: "1.30" }, check: a => assert.match(a.version, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/) },
    { token: "aws:cloudfront/getCachePolicy:getCachePolicy", inputs: { name: "Managed-CachingOptimized" }, check: a => { assert.strictEqual(a.id, "658327ea-f89d-4fab-a63d-7e88639e58f6"); assert.strictEqual(a.defaultTtl, 86400); } },
    { token: "aws:cloudfront/getCachePolicy:getCachePolicy", inputs: { name: "Managed-CachingDisabled" }, check: a => { assert.strictEqual(a.id, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); assert.strictEqual(a.maxTtl, 0); } },
    { token: "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy", inputs: { name: "Managed-CORS-S3Origin" }, check: a => assert.strictEqual(a.id, "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf") },
    { token: "aws:lb/getLoadBalancer:getLoadBalancer", inputs: { name: "web" }, check: a => {
        assert.match(a.arn, new RegExp(`^arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/app/web/[0-9a-f]{16}$`));
        assert.ok(a.arn.endsWith(a.arnSuffix));
        assert.match(a.dnsName, /\.elb\.amazonaws\.com$/);
    } },
    { token: "aws:alb/getLoadBalancer:getLoadBalancer", inputs: { name: "web" }, check: a => assert.strictEqual(a.loadBalancerType, "application") },
    { token: "aws:lb/getHostedZoneId:getHostedZoneId", check: a => assert.strictEqual(a.id, "Z1H1FL5HABSF5") },
    { token: "aws:ecs/getCluster:getCluster", inputs: { clusterName: "apps" }, check: a => { assert.strictEqual(a.arn, `arn:aws:ecs:${region}:${account}:cluster/apps`); assert.strictEqual(a.status, "ACTIVE"); } },
    { token: "tls:index/getCertificate:getCertificate", inputs: { url: `https://oidc.eks.${region}.amazonaws.com/id/ABCDEF` }, check: a => {
        assert.strictEqual(a.certificates[0].sha1Fingerprint, "9e99a48a9960b14926bb7f3b02e22da2b0ab7280");
        for (const cert of a.certificates) assert.match(cert.sha1Fingerprint, /^[0-9a-f]{40}$/);
    } },
    { token: "tls:index/getCertificate:getCertificate", inputs: { content: "not a certificate" }, check: a => assert.deepStrictEqual(a.certificates, []) },
    { token: "tls:index/getPublicKey:getPublicKey", inputs: { privateKeyPem: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n" }, check: a => {
        assert.match(a.publicKeyOpenssh, /^ssh-rsa [A-Za-z0-9+/=]+\n$/);
        assert.match(a.publicKeyFingerprintSha256, /^SHA256:[A-Za-z0-9+/]{43}$/);
        assert.match(a.publicKeyFingerprintMd5, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    } },
    { token: "kubernetes:yaml:decode", inputs: { text: "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n" }, check: a => {
        assert.deepStrictEqual(a.result.map((o: any) => o.kind), ["Namespace", "ConfigMap"]);
    } },
];

describe("offline preview: data source (invoke) answers", () => {
    describe("hand-written answers", () => {
        for (const k of cases) {
            it(`${k.token} ${k.inputs ? JSON.stringify(k.inputs).slice(0, 60) : "{}"}`, () => {
                const c = ctx();
                const a = ask(k.token, k.inputs, c);
                assert.ok(!c.generic.has(k.token), "answered generically: the hand-written answer failed");
                assert.deepStrictEqual(holes(a), []);
                k.check(a);
            });
        }

        it("covers every hand-written token in the table above", () => {
            const tested = new Set(cases.map(k => k.token));
            assert.deepStrictEqual(handWrittenTokens.filter(t => !tested.has(t) && t !== "aws:index/getAmi:getAmi"), []);
        });

        it("answers lookups of what a fresh account lacks (an OIDC provider) with the provider's not-found error", () => {
            assert.deepStrictEqual([...notFoundTokens], ["aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider"]);
            assert.throws(() => ask("aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider", { url: "https://api.pulumi.com/oidc" }),
                (e: Error) => e instanceof LookupNotFound && /couldn't find resource/.test(e.message));
        });

        it("keeps a subnet's VPC and zone consistent with the getSubnets that listed it", () => {
            const c = ctx();
            const vpcId = "vpc-0bbbbbbbbbbbbbbbb";
            const ids = ask("aws:ec2/getSubnets:getSubnets", { filters: filters({ "vpc-id": [vpcId] }) }, c).ids;
            const zones = ids.map((id: string) => ask("aws:ec2/getSubnet:getSubnet", { id }, c));
            assert.deepStrictEqual(zones.map((s: any) => s.vpcId), ids.map(() => vpcId));
            assert.deepStrictEqual(zones.map((s: any) => s.availabilityZone), ["us-west-2a", "us-west-2b", "us-west-2c"]);
        });

        it("derives the real public key from a private key that parses", () => {
            const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
            const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
            const a = ask("tls:index/getPublicKey:getPublicKey", { privateKeyPem: pem });
            assert.strictEqual(a.algorithm, "ED25519");
            assert.strictEqual(a.publicKeyPem, publicKey.export({ type: "spki", format: "pem" }).toString());
            const raw = publicKey.export({ format: "jwk" }).x!;
            assert.ok(Buffer.from(a.publicKeyOpenssh.split(" ")[1], "base64").subarray(-32).equals(Buffer.from(raw, "base64url")));
        });

        it("renders policy documents without inventing anything", () => {
            const json = renderPolicyDocument({ statements: [{ effect: "Deny", actions: ["s3:*"], resources: ["*"], conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }] });
            assert.deepStrictEqual(JSON.parse(json).Statement[0], { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        });

        it("never throws, and never answers holes, for odd inputs", () => {
            const odd: any[] = [
                null, undefined, {}, [],
                { name: unknown, id: unknown, arn: unknown, keyId: unknown, filters: unknown, tags: unknown, owners: unknown, statements: unknown, url: unknown, content: unknown, text: unknown },
                { filters: [null, 3, { name: "name" }, { name: "vpc-id", values: [unknown, null] }], owners: [null, unknown], excludeNames: "x", nameRegex: "([", privateKeyPem: 5 },
                { name: 42, bucket: {}, secretId: [], statements: [null, { principals: "x", conditions: [null] }], sourcePolicyDocuments: ["{", "null"] },
            ];
            for (const token of handWrittenTokens) {
                for (const inputs of odd) {
                    const c = ctx();
                    let a: Record<string, any> = {};
                    assert.doesNotThrow(() => { a = answerInvoke(token, inputs, c); }, `${token} ${JSON.stringify(inputs)}`);
                    assert.ok(!c.generic.has(token) && !c.unanswered.has(token), `${token} failed on ${JSON.stringify(inputs)}`);
                    assert.deepStrictEqual(holes(a), [], `${token} ${JSON.stringify(inputs)}`);
                }
            }
        });
    });

    describe("generic answers from the declared result type", () => {
        const generic: [string, Record<string, any>][] = [
            ["aws:ec2/getNatGateway:getNatGateway", { subnetId: "subnet-0123456789abcdef0" }],
            ["aws:rds/getEngineVersion:getEngineVersion", { engine: "postgres" }],
            ["aws:lambda/getFunction:getFunction", { functionName: "worker" }],
            ["aws:rds/getCluster:getCluster", { clusterIdentifier: "orders" }],
            ["aws:rds/getSubnetGroup:getSubnetGroup", { name: "db-subnets" }],
            ["aws:ec2/getInstance:getInstance", { instanceId: "i-0123456789abcdef0" }],
            ["aws:dynamodb/getTable:getTable", { name: "orders" }],
            ["aws:sqs/getQueue:getQueue", { name: "jobs" }],
        ];
        let ts: typeof TS;
        before(() => {
            ts = require("typescript");
        });

        /** The required properties of `<Fn>Result` as the .d.ts declares them, read with the TypeScript compiler as an independent oracle. */
        function requiredProperties(token: string): [string, string][] {
            const [, mod, fn] = /^aws:([^/]+)\/[^:]+:(\w+)$/.exec(token)!;
            const file = path.join(repoRoot, "node_modules", "@pulumi", "aws", mod, `${fn}.d.ts`);
            const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
            const result = sf.statements.find((s): s is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${fn[0].toUpperCase()}${fn.slice(1)}Result`)!;
            return result.members.filter((m): m is TS.PropertySignature => ts.isPropertySignature(m) && !m.questionToken)
                .map(m => [(m.name as TS.Identifier).text, m.type!.getText(sf)]);
        }

        function jsTypeOf(declared: string): string {
            if (declared.endsWith("[]")) return "array";
            if (declared === "string" || declared === "number" || declared === "boolean") return declared;
            return "object";
        }

        for (const [token, inputs] of generic) {
            it(`${token}: every required property, with its declared type`, () => {
                const c = ctx();
                const a = ask(token, inputs, c);
                assert.ok(c.generic.has(token), "expected a generic answer");
                assert.deepStrictEqual(holes(a), []);
                for (const [name, declared] of requiredProperties(token)) {
                    assert.ok(name in a, `${name} missing`);
                    const v = a[name];
                    assert.strictEqual(Array.isArray(v) ? "array" : typeof v, jsTypeOf(declared), `${name}: ${declared}`);
                }
                for (const [k, v] of Object.entries(inputs)) assert.deepStrictEqual(a[k], v, `input ${k} is echoed`);
            });
        }

        it("writes ids, ARNs and zones in AWS's formats", () => {
            const nat = ask("aws:ec2/getNatGateway:getNatGateway", { subnetId: "subnet-0123456789abcdef0" });
            assert.match(nat.id, ec2IdOf("nat"));
            assert.match(nat.vpcId, ec2IdOf("vpc"));
            assert.match(nat.allocationId, ec2IdOf("eipalloc"));
            const fn = ask("aws:lambda/getFunction:getFunction", { functionName: "worker" });
            assert.strictEqual(fn.arn, `arn:aws:lambda:${region}:${account}:function:worker`);
            assert.match(fn.role, /^arn:aws:iam::123456789012:role\//);
            const db = ask("aws:rds/getCluster:getCluster", { clusterIdentifier: "orders" });
            assert.strictEqual(db.arn, `arn:aws:rds:${region}:${account}:cluster:orders`);
            for (const sg of db.vpcSecurityGroupIds) assert.match(sg, ec2IdOf("sg"));
            assert.ok(db.availabilityZones.every((z: string) => z.startsWith(region)));
            const group = ask("aws:rds/getSubnetGroup:getSubnetGroup", { name: "db-subnets" });
            assert.ok(group.subnetIds.length >= 2 && group.subnetIds.every((s: string) => ec2IdOf("subnet").test(s)));
            assert.strictEqual(ask("aws:ec2/getInstance:getInstance", { instanceId: "i-0123456789abcdef0" }).id, "i-0123456789abcdef0");
        });

        it("completes hand-written answers with the declared properties they leave out", () => {
            const zone = ask("aws:route53/getZone:getZone", { name: "example.com" });
            assert.strictEqual(typeof zone.tags, "object");
            const vpc = ask("aws:ec2/getVpc:getVpc", { default: true });
            assert.strictEqual(vpc.cidrBlockAssociations[0].cidrBlock, "172.31.0.0/16");
        });
    });

    describe("determinism and the unanswered", () => {
        it("answers the same inputs with the same values, hand-written or generic", () => {
            for (const [token, inputs] of [
                ["aws:ec2/getAmi:getAmi", { owners: ["amazon"], filters: filters({ name: ["al2023-ami-2023.*-x86_64"] }) }],
                ["aws:kms/getAlias:getAlias", { name: "alias/aws/s3" }],
                ["aws:ec2/getSubnets:getSubnets", {}],
                ["aws:ec2/getNatGateway:getNatGateway", { tags: { Name: "a" } }],
                ["aws:lambda/getFunction:getFunction", { functionName: "worker" }],
            ] as [string, Record<string, any>][]) {
                assert.deepStrictEqual(answerInvoke(token, inputs, ctx()), answerInvoke(token, structuredClone(inputs), ctx()), token);
            }
            assert.notDeepStrictEqual(ask("aws:ec2/getAmi:getAmi", { filters: filters({ name: ["a-*"] }) }).id, ask("aws:ec2/getAmi:getAmi", { filters: filters({ name: ["b-*"] }) }).id);
        });

        it("records data sources of packages that are not installed as unanswered, with an empty result", () => {
            const c = ctx();
            assert.deepStrictEqual(answerInvoke("gcp:compute/getNetwork:getNetwork", { name: "default" }, c), {});
            assert.deepStrictEqual(answerInvoke("nosuchprovider:index/getThing:getThing", {}, c), {});
            assert.deepStrictEqual(answerInvoke("aws:ec2/getNoSuchThing:getNoSuchThing", {}, c), {});
            assert.deepStrictEqual([...c.unanswered].sort(), ["aws:ec2/getNoSuchThing:getNoSuchThing", "gcp:compute/getNetwork:getNetwork", "nosuchprovider:index/getThing:getThing"]);
            assert.strictEqual(c.generic.size, 0);
        });

        it("keeps the stack's zones in the context for the component models", () => {
            const c = defaultInvokeContext("eu-central-1");
            assert.deepStrictEqual(c.availabilityZones, ["eu-central-1a", "eu-central-1b", "eu-central-1c"]);
            assert.deepStrictEqual(ask("aws:index/getAvailabilityZones:getAvailabilityZones", {}, c).zoneIds, ["euc1-az1", "euc1-az2", "euc1-az3"]);
        });
    });
});
