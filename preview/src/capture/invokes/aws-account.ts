import { Answer, Inputs, InvokeContext, filterValues, hexFrom, regionOf, str, upperId, zoneIdsOf, zonesOf } from "./context";

/**
 * The account, region and organization data sources: who the program runs as and where. The
 * account is the fixed offline account; regions carry their real names, zone ids and service
 * account ids, because programs build names, ARNs and bucket policies from them.
 */

/** Regions enabled in every account, with the names the console shows. */
const standardRegions: Record<string, string> = {
    "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)", "us-west-1": "US West (N. California)",
    "us-west-2": "US West (Oregon)", "ap-south-1": "Asia Pacific (Mumbai)", "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)", "ap-northeast-3": "Asia Pacific (Osaka)", "ap-southeast-1": "Asia Pacific (Singapore)",
    "ap-southeast-2": "Asia Pacific (Sydney)", "ca-central-1": "Canada (Central)", "eu-central-1": "Europe (Frankfurt)",
    "eu-west-1": "Europe (Ireland)", "eu-west-2": "Europe (London)", "eu-west-3": "Europe (Paris)",
    "eu-north-1": "Europe (Stockholm)", "sa-east-1": "South America (São Paulo)",
};

/** Regions an account has to opt in to. */
const optInRegions: Record<string, string> = {
    "af-south-1": "Africa (Cape Town)", "ap-east-1": "Asia Pacific (Hong Kong)", "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-southeast-3": "Asia Pacific (Jakarta)", "ap-southeast-4": "Asia Pacific (Melbourne)", "eu-south-1": "Europe (Milan)",
    "eu-south-2": "Europe (Spain)", "eu-central-2": "Europe (Zurich)", "me-south-1": "Middle East (Bahrain)",
    "me-central-1": "Middle East (UAE)", "il-central-1": "Israel (Tel Aviv)", "ca-west-1": "Canada West (Calgary)",
};

/** The account ELB access logs come from, per region (the principal bucket policies must allow). */
const elbAccounts: Record<string, string> = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
    "af-south-1": "098369216593", "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-west-1": "156460612806",
    "eu-west-2": "652711504416", "eu-south-1": "635631232127", "eu-west-3": "009996457667", "eu-north-1": "897822967062",
    "ap-east-1": "754344448648", "ap-northeast-1": "582318560864", "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-south-1": "718504428378", "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
};

/** The organization the offline account manages: ids in AWS's formats (o-, r-), stable per account. */
export function organizationIds(account: string): { orgId: string; rootId: string } {
    return { orgId: `o-${hexFrom(`org|${account}`, 10)}`, rootId: `r-${hexFrom(`root|${account}`, 4)}` };
}

function availabilityZones(i: Inputs, c: InvokeContext) {
    const r = regionOf(i, c);
    const names = r === c.region ? c.availabilityZones : zonesOf(r);
    const ids = zoneIdsOf(r);
    const excludeNames = new Set(Array.isArray(i.excludeNames) ? i.excludeNames : []);
    const excludeIds = new Set(Array.isArray(i.excludeZoneIds) ? i.excludeZoneIds : []);
    const keep = names.map((_n, k) => k).filter(k => !excludeNames.has(names[k]) && !excludeIds.has(ids[k]));
    return {
        id: r, region: r, groupNames: [r], state: str(i.state) ?? "available",
        names: keep.map(k => names[k]), zoneIds: keep.map(k => ids[k]),
    };
}

function organization(_i: Inputs, c: InvokeContext) {
    const { orgId, rootId } = organizationIds(c.account);
    const accountArn = `arn:aws:organizations::${c.account}:account/${orgId}/${c.account}`;
    const account = {
        arn: accountArn, email: "offline-preview@example.com", id: c.account, joinedMethod: "CREATED",
        joinedTimestamp: "2026-01-01T00:00:00Z", name: "offline-preview", state: "ACTIVE", status: "ACTIVE",
    };
    return {
        id: orgId, arn: `arn:aws:organizations::${c.account}:organization/${orgId}`, featureSet: "ALL",
        masterAccountId: c.account, masterAccountArn: accountArn, masterAccountEmail: account.email, masterAccountName: account.name,
        accounts: [account], nonMasterAccounts: [],
        roots: [{
            id: rootId, arn: `arn:aws:organizations::${c.account}:root/${orgId}/${rootId}`, name: "Root",
            policyTypes: [{ status: "ENABLED", type: "SERVICE_CONTROL_POLICY" }],
        }],
        awsServiceAccessPrincipals: [], enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
    };
}

/** What an STS ARN says about the session behind it (an assumed role's issuer is the role). */
function sessionContext(i: Inputs, c: InvokeContext) {
    const arn = str(i.arn) ?? `arn:aws:iam::${c.account}:user/offline-preview`;
    const m = /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    if (m) {
        const issuerArn = `arn:aws:iam::${m[1]}:role/${m[2]}`;
        return { id: arn, arn, issuerArn, issuerId: upperId("AROA", issuerArn), issuerName: m[2], sessionName: m[3] };
    }
    return { id: arn, arn, issuerArn: arn, issuerId: "", issuerName: arn.split("/").pop() ?? "", sessionName: "" };
}

export const accountAnswers: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({
        accountId: c.account, id: c.account,
        arn: `arn:aws:iam::${c.account}:user/offline-preview`, userId: "AIDAOFFLINEPREVIEW0000",
    }),
    "aws:index/getRegion:getRegion": (i, c) => {
        const r = str(i.region) ?? str(i.name) ?? c.region;
        const description = standardRegions[r] ?? optInRegions[r] ?? r;
        return { id: r, name: r, region: r, description, endpoint: `ec2.${r}.amazonaws.com` };
    },
    "aws:index/getRegions:getRegions": (i, c) => {
        // The offline account has opted in to no region, except the stack's own if it needs opting in to.
        const statusOf = (n: string) => n in standardRegions ? "opt-in-not-required" : n === c.region ? "opted-in" : "not-opted-in";
        const wanted = filterValues(i, "opt-in-status");
        const candidates = [...new Set([...Object.keys(standardRegions), c.region, ...Object.keys(optInRegions)])];
        const names = candidates.filter(n => wanted.length > 0 ? wanted.includes(statusOf(n)) : i.allRegions === true || statusOf(n) !== "not-opted-in");
        return { id: "aws", names };
    },
    "aws:index/getPartition:getPartition": () => ({
        id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": availabilityZones,
    "aws:index/getArn:getArn": i => {
        const arn = str(i.arn) ?? "";
        const [, partition = "", service = "", region = "", account = "", ...rest] = arn.split(":");
        return { id: arn, arn, partition, service, region, account, resource: rest.join(":") };
    },
    "aws:iam/getSessionContext:getSessionContext": sessionContext,
    "aws:organizations/getOrganization:getOrganization": organization,
    "aws:elb/getServiceAccount:getServiceAccount": (i, c) => {
        const r = regionOf(i, c);
        const id = elbAccounts[r] ?? "127311923021";
        return { id, arn: `arn:aws:iam::${id}:root`, region: r };
    },
};
