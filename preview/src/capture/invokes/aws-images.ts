import { Answer, Inputs, InvokeContext, ec2Id, filterValues, hexFrom, known, regionOf, str } from "./context";
import { stringFor } from "./naming";

/**
 * AMI lookups (ec2.getAmi, getAmiIds) and SSM parameters, including the public parameters AWS
 * publishes AMI ids under. The image found is the one the filters describe: its name fills in the
 * name pattern's wildcards, its architecture, device names and owner follow the distribution the
 * name or owner identifies, so user data and instance types chosen from it stay consistent.
 */

const buildDate = "20260101";
const owners: Record<string, string> = { amazon: "137112412989", "aws-marketplace": "679593333241", microsoft: "801119661308" };
const canonical = "099720109477";

/** Fills a name pattern's wildcards the way the distribution's real names read at those places. */
function fillPattern(pattern: string): string {
    const version = /^(amzn|al20)/.test(pattern) ? `${buildDate}.0` : buildDate;
    return pattern.replace(/\*/g, version).replace(/\?/g, "0");
}

/** A name matching `nameRegex`: literal parts kept, wildcard parts replaced; undefined if the guess does not match. */
function fromRegex(re: string): string | undefined {
    const guess = re.replace(/^\^|\$$/g, "").replace(/\.[*+]/g, buildDate).replace(/(\\d|\[0-9\])[+*]?/g, "1")
        .replace(/\[([^\]\\])[^\]]*\][+*]?/g, "$1").replace(/\\(.)/g, "$1").replace(/[()?]/g, "");
    // The program's pattern runs in this process: one that could backtrack (a quantified group, or a
    // long pattern) is not executed, so a crafted nameRegex cannot stall the preview's event loop.
    if (re.length > 200 || /\)[*+?{]/.test(re)) return undefined;
    try {
        return new RegExp(re).test(guess) ? guess : undefined;
    } catch {
        return undefined;
    }
}

function describe(name: string, arch: string): string {
    if (name.startsWith("amzn2-")) return `Amazon Linux 2 AMI 2.0.${buildDate}.0 ${arch} HVM gp2`;
    if (name.startsWith("al2023-")) return `Amazon Linux 2023 AMI 2023.6.${buildDate}.0 ${arch} HVM kernel-6.1`;
    if (name.startsWith("amzn-")) return `Amazon Linux AMI 2018.03.0.${buildDate}.0 ${arch} HVM ebs`;
    const ubuntu = /ubuntu-([a-z]+)-(\d+\.\d+)/.exec(name);
    if (ubuntu) return `Canonical, Ubuntu, ${ubuntu[2]} LTS, ${arch === "arm64" ? "arm64" : "amd64"} ${ubuntu[1]} image`;
    return name;
}

interface Image { id: string; name: string; ownerId: string; description: string; arch: string; windows: boolean; region: string }

function findImage(i: Inputs, c: InvokeContext): Image {
    const r = regionOf(i, c);
    const requested = (Array.isArray(i.owners) ? i.owners : []).filter((o: unknown) => str(o)) as string[];
    const namePattern = filterValues(i, "name")[0];
    const descriptionPattern = filterValues(i, "description")[0];
    const byCanonical = requested.includes(canonical) || /ubuntu/i.test(namePattern ?? "");
    let name = namePattern ? fillPattern(namePattern) : str(i.nameRegex) ? fromRegex(i.nameRegex) : undefined;
    if (!name && descriptionPattern && /^Amazon Linux 2023/.test(descriptionPattern)) name = `al2023-ami-2023.6.${buildDate}.0-kernel-6.1-x86_64`;
    name ??= byCanonical ? `ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-${buildDate}` : `amzn2-ami-hvm-2.0.${buildDate}.0-x86_64-gp2`;
    const windows = /windows/i.test(name) || filterValues(i, "platform").includes("windows");
    const owner = requested[0] === "self" ? c.account : byCanonical ? canonical : windows ? owners.microsoft : owners[requested[0]] ?? (/^\d{12}$/.test(requested[0] ?? "") ? requested[0] : owners.amazon);
    const arch = filterValues(i, "architecture")[0] ?? (/arm64|aarch64/.test(name) ? "arm64" : "x86_64");
    const description = descriptionPattern ? fillPattern(descriptionPattern) : describe(name, arch);
    const id = ec2Id("ami", `ami|${r}|${owner}|${name}`);
    return { id, name, ownerId: owner, description, arch, windows, region: r };
}

function ami(i: Inputs, c: InvokeContext) {
    const img = findImage(i, c);
    const volumeType = filterValues(i, "block-device-mapping.volume-type")[0] ?? (/gp2/.test(img.name) ? "gp2" : "gp3");
    const rootDeviceName = img.windows || img.ownerId === canonical ? "/dev/sda1" : "/dev/xvda";
    const snapshotId = ec2Id("snap", `snap|${img.id}`);
    const alias = img.ownerId === owners.amazon || img.ownerId === owners.microsoft ? "amazon" : "";
    return {
        id: img.id, imageId: img.id, arn: `arn:aws:ec2:${img.region}::image/${img.id}`, name: img.name, description: img.description,
        architecture: img.arch, ownerId: img.ownerId, imageOwnerAlias: alias, imageLocation: `${alias || img.ownerId}/${img.name}`,
        imageType: "machine", public: img.ownerId !== c.account, state: "available", region: img.region,
        virtualizationType: filterValues(i, "virtualization-type")[0] ?? "hvm", hypervisor: "xen",
        rootDeviceType: filterValues(i, "root-device-type")[0] ?? "ebs", rootDeviceName, rootSnapshotId: snapshotId,
        blockDeviceMappings: [{
            deviceName: rootDeviceName, noDevice: "", virtualName: "",
            ebs: {
                delete_on_termination: "true", encrypted: "false", snapshot_id: snapshotId, volume_size: img.windows ? "30" : "8",
                volume_type: volumeType, iops: volumeType === "gp3" ? "3000" : "0", throughput: volumeType === "gp3" ? "125" : "0",
            },
        }],
        platform: img.windows ? "windows" : "", platformDetails: img.windows ? "Windows" : "Linux/UNIX",
        usageOperation: img.windows ? "RunInstances:0002" : "RunInstances",
        bootMode: img.arch === "arm64" ? "uefi" : img.name.startsWith("al2023") ? "uefi-preference" : "",
        imdsSupport: img.name.startsWith("al2023") ? "v2.0" : "", enaSupport: true, sriovNetSupport: "simple", tpmSupport: "",
        creationDate: "2026-01-01T00:00:00.000Z", deprecationTime: "2028-01-01T00:00:00.000Z", lastLaunchedTime: "",
        kernelId: "", ramdiskId: "", productCodes: [], stateReason: { Code: "UNSET", Message: "UNSET" }, tags: {},
    };
}

function amiIds(i: Inputs, c: InvokeContext) {
    const img = findImage(i, c);
    // The newest image first (unless sortAscending), then the previous build.
    const ids = [img.id, ec2Id("ami", `ami-previous|${img.id}`)];
    return { id: img.region, ids: i.sortAscending === true ? ids.reverse() : ids, owners: Array.isArray(i.owners) && known(i.owners) ? i.owners : [img.ownerId], region: img.region };
}

/** The value AWS publishes under a public `/aws/service/...` parameter (mostly AMI ids). */
function publicParameter(name: string, r: string): { value: string; type: string } {
    const imageId = ec2Id("ami", `ssm-ami|${r}|${name.replace(/\/(image_id|image_name|release_version)$/, "")}`);
    const k8s = /\/(\d+\.\d+)\//.exec(name)?.[1] ?? "1.31";
    const imageName = /\/eks\//.test(name) ? `amazon-eks-node-${k8s}-v${buildDate}` : name.split("/").filter(Boolean).slice(-2).join("-");
    const release = /\/eks\//.test(name) ? `${k8s}.0-${buildDate}` : `${buildDate}.0`;
    if (name.endsWith("/image_name")) return { value: imageName, type: "String" };
    if (name.endsWith("/release_version")) return { value: release, type: "String" };
    if (/\/(recommended|latest)$/.test(name) && /\/(eks|ecs|bottlerocket)\//.test(name)) {
        return { value: JSON.stringify({ image_id: imageId, image_name: imageName, release_version: release, schema_version: "3.0.0" }), type: "String" };
    }
    if (/\/(ami-|eks\/|ecs\/|bottlerocket\/|canonical\/|debian\/|ami-windows)/.test(name) || name.endsWith("/image_id")) return { value: imageId, type: "String" };
    return { value: `${name.split("/").pop()}-${hexFrom(name, 8)}`, type: "String" };
}

function parameter(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const name = str(i.name) ?? "/offline/parameter";
    const isPublic = name.startsWith("/aws/service/");
    let value: string;
    let type: string;
    if (isPublic) {
        ({ value, type } = publicParameter(name, r));
    } else if (/secret|password|passwd|token|credential|private|api[-_]?key/i.test(name)) {
        type = "SecureString";
        // Without decryption the provider returns the ciphertext.
        value = i.withDecryption === false ? `AQICAH${Buffer.from(hexFrom(name, 48), "hex").toString("base64")}` : hexFrom(`secret|${name}`, 32);
    } else {
        // A parameter's last path segment usually says what it holds (/app/vpc-id, /app/db-endpoint).
        const leaf = (name.split("/").filter(Boolean).pop() ?? "value").replace(/[-_.]([a-z0-9])/gi, (_m, ch: string) => ch.toUpperCase());
        const subject = { pkg: "aws", module: "ssm", noun: "Parameter", region: r, account: c.account, name: leaf, seed: `ssm|${r}|${name}` };
        const plural = /Ids$/.test(leaf);
        type = plural ? "StringList" : "String";
        value = plural ? [0, 1].map(n => stringFor(leaf.slice(0, -1), subject, n, {})).join(",") : stringFor(leaf, subject, 0, {});
    }
    const account = isPublic ? "" : c.account;
    return {
        id: name, name, arn: `arn:aws:ssm:${r}:${account}:parameter${name.startsWith("/") ? "" : "/"}${name}`,
        type, value, insecureValue: type === "SecureString" ? "" : value, version: 1, region: r,
    };
}

export const imageAnswers: Record<string, Answer> = {
    "aws:ec2/getAmi:getAmi": ami,
    // The old top-level aws.getAmi of provider v1-v3.
    "aws:index/getAmi:getAmi": ami,
    "aws:ec2/getAmiIds:getAmiIds": amiIds,
    "aws:ssm/getParameter:getParameter": parameter,
};
