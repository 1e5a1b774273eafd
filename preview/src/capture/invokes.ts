import { offlineAccountId } from "./synth";

export interface InvokeContext {
    region: string;
    account: string;
    /** Invokes the table does not know; reported once each as a warning. */
    unanswered: Set<string>;
}

type Answer = (inputs: Record<string, any>, c: InvokeContext) => Record<string, any>;

const zoneSuffixes = ["a", "b", "c"];

/**
 * Realistic answers for the data sources programs call while they build a pipeline. No cloud call is
 * made: the account is the fixed offline account and the region is the stack's.
 */
const answers: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, c) => ({
        accountId: c.account, id: c.account,
        arn: `arn:aws:iam::${c.account}:user/offline-preview`, userId: "AIDAOFFLINEPREVIEW0000",
    }),
    "aws:index/getRegion:getRegion": (i, c) => {
        const r = i.region ?? i.name ?? c.region;
        return { id: r, name: r, region: r, description: r, endpoint: `ec2.${r}.amazonaws.com` };
    },
    "aws:index/getPartition:getPartition": () => ({
        id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (i, c) => {
        const r = i.region ?? c.region;
        return {
            id: r, groupNames: [r], state: i.state ?? "available",
            names: zoneSuffixes.map(s => `${r}${s}`),
            zoneIds: zoneSuffixes.map((_s, n) => `${r.replace(/-/g, "").slice(0, 4)}-az${n + 1}`),
        };
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": i => {
        const json = renderPolicyDocument(i);
        return { id: String(hashCode(json)), json: JSON.stringify(JSON.parse(json), null, 2), minifiedJson: json };
    },
    "aws:index/getArn:getArn": i => {
        const [, partition, service, region, account, ...rest] = String(i.arn).split(":");
        return { id: i.arn, arn: i.arn, partition, service, region, account, resource: rest.join(":") };
    },
    "aws:kms/getKey:getKey": (i, c) => ({ id: i.keyId, keyId: i.keyId, arn: `arn:aws:kms:${c.region}:${c.account}:key/${i.keyId}`, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", enabled: true }),
    "aws:iam/getRole:getRole": (i, c) => ({ id: i.name, name: i.name, arn: `arn:aws:iam::${c.account}:role/${i.name}` }),
    "aws:iam/getPolicy:getPolicy": (i, c) => ({ id: i.arn ?? i.name, arn: i.arn ?? `arn:aws:iam::${c.account}:policy/${i.name}`, name: i.name }),
};

export function answerInvoke(token: string, inputs: Record<string, any>, c: InvokeContext): Record<string, any> {
    const a = answers[token];
    if (!a) {
        c.unanswered.add(token);
        return {};
    }
    return a(inputs ?? {}, c);
}

export function defaultInvokeContext(region: string): InvokeContext {
    return { region, account: offlineAccountId, unanswered: new Set() };
}

function hashCode(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) {
        h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    }
    return h >>> 0;
}

/** A one-element list renders as a plain string, as the AWS provider renders policy documents. */
function listOrString(v: unknown): unknown {
    if (!Array.isArray(v)) {
        return v;
    }
    const sorted = [...v].map(String);
    return sorted.length === 1 ? sorted[0] : sorted;
}

function renderPrincipals(list: any[]): unknown {
    if (list.length === 1 && list[0]?.type === "*" ) {
        return "*";
    }
    const out: Record<string, unknown> = {};
    for (const p of list) {
        const ids = Array.isArray(p?.identifiers) ? p.identifiers : [p?.identifiers];
        const prev = out[p?.type];
        const merged = prev === undefined ? ids : [...(Array.isArray(prev) ? prev : [prev]), ...ids];
        out[p?.type] = listOrString(merged);
    }
    return out;
}

/** Renders the JSON document `aws.iam.getPolicyDocument` returns, from its statement arguments. */
export function renderPolicyDocument(i: Record<string, any>): string {
    const statements: any[] = [];
    const merged: any[] = [];
    for (const src of i.sourcePolicyDocuments ?? []) {
        try {
            const doc = JSON.parse(src);
            merged.push(...(Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]));
        } catch {
            // An unparsable source document is rejected by the real data source; skip it here.
        }
    }
    for (const s of i.statements ?? []) {
        const st: Record<string, unknown> = {};
        if (s.sid) st.Sid = s.sid;
        st.Effect = s.effect ?? "Allow";
        if (s.actions) st.Action = listOrString(s.actions);
        if (s.notActions) st.NotAction = listOrString(s.notActions);
        if (s.resources) st.Resource = listOrString(s.resources);
        if (s.notResources) st.NotResource = listOrString(s.notResources);
        if (s.principals) st.Principal = renderPrincipals(s.principals);
        if (s.notPrincipals) st.NotPrincipal = renderPrincipals(s.notPrincipals);
        if (s.conditions) {
            const cond: Record<string, Record<string, unknown>> = {};
            for (const c of s.conditions) {
                cond[c.test] = cond[c.test] ?? {};
                cond[c.test][c.variable] = listOrString(c.values);
            }
            st.Condition = cond;
        }
        statements.push(st);
    }
    for (const src of i.overridePolicyDocuments ?? []) {
        try {
            const doc = JSON.parse(src);
            statements.push(...(Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]));
        } catch {
            // As above.
        }
    }
    const doc: Record<string, unknown> = { Version: i.version ?? "2012-10-17" };
    if (i.policyId) doc.Id = i.policyId;
    doc.Statement = [...merged, ...statements];
    return JSON.stringify(doc);
}
