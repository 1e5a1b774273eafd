import { Answer, Inputs } from "./context";

/**
 * `aws.iam.getPolicyDocument`: the JSON document the AWS provider renders from statement arguments.
 * Rendered for real (not invented), because policies are what the analyzers check.
 */

/** Arguments that are not lists (absent, unknown) contribute nothing, as an empty list would. */
function list(v: unknown): any[] {
    return Array.isArray(v) ? v : [];
}

function isObject(v: unknown): v is Record<string, any> {
    return typeof v === "object" && v !== null;
}

function statementsOf(doc: any): any[] {
    const st = doc?.Statement;
    return Array.isArray(st) ? st.filter(isObject) : isObject(st) ? [st] : [];
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

function renderPrincipals(principals: any[]): unknown {
    if (principals.length === 1 && principals[0]?.type === "*") {
        return "*";
    }
    const out: Record<string, unknown> = {};
    for (const p of principals) {
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
    for (const src of list(i?.sourcePolicyDocuments)) {
        try {
            const doc = JSON.parse(src);
            merged.push(...statementsOf(doc));
        } catch {
            // An unparsable source document is rejected by the real data source; skip it here.
        }
    }
    for (const s of list(i?.statements).filter(isObject)) {
        const st: Record<string, unknown> = {};
        if (s.sid) st.Sid = s.sid;
        st.Effect = s.effect ?? "Allow";
        if (s.actions) st.Action = listOrString(s.actions);
        if (s.notActions) st.NotAction = listOrString(s.notActions);
        if (s.resources) st.Resource = listOrString(s.resources);
        if (s.notResources) st.NotResource = listOrString(s.notResources);
        if (s.principals) st.Principal = renderPrincipals(list(s.principals));
        if (s.notPrincipals) st.NotPrincipal = renderPrincipals(list(s.notPrincipals));
        if (s.conditions) {
            const cond: Record<string, Record<string, unknown>> = {};
            for (const c of list(s.conditions).filter(isObject)) {
                cond[c.test] = cond[c.test] ?? {};
                cond[c.test][c.variable] = listOrString(c.values);
            }
            st.Condition = cond;
        }
        statements.push(st);
    }
    for (const src of list(i?.overridePolicyDocuments)) {
        try {
            const doc = JSON.parse(src);
            statements.push(...statementsOf(doc));
        } catch {
            // As above.
        }
    }
    const doc: Record<string, unknown> = { Version: i?.version ?? "2012-10-17" };
    if (i?.policyId) doc.Id = i.policyId;
    doc.Statement = [...merged, ...statements];
    return JSON.stringify(doc);
}

export const policyDocumentAnswers: Record<string, Answer> = {
    "aws:iam/getPolicyDocument:getPolicyDocument": (i: Inputs) => {
        const json = renderPolicyDocument(i);
        return { id: String(hashCode(json)), json: JSON.stringify(JSON.parse(json), null, 2), minifiedJson: json };
    },
};
