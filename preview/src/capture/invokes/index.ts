import { offlineAccountId } from "../synth";
import { accountAnswers } from "./aws-account";
import { identityAnswers } from "./aws-identity";
import { imageAnswers } from "./aws-images";
import { networkAnswers } from "./aws-network";
import { serviceAnswers } from "./aws-services";
import { Answer, InvokeContext, Inputs, LookupNotFound, zonesOf } from "./context";
import { findFunction } from "./declarations";
import { kubernetesAnswers } from "./kubernetes";
import { policyDocumentAnswers } from "./policy-document";
import { synthesise } from "./synthesise";
import { tlsAnswers } from "./tls";

export type { InvokeContext } from "./context";
export { renderPolicyDocument } from "./policy-document";
export { LookupNotFound } from "./context";

/**
 * Offline answers for the data sources (invokes) a program calls. No cloud call is made: the account
 * is the fixed offline account and the region is the stack's. Three tiers, best first:
 *   1. a hand-written answer, for the data sources programs branch on (ids, ARNs, AMIs, keys, zones);
 *   2. a generic answer built from the result type the provider SDK declares for the function;
 *   3. `{}`, recorded in `unanswered` so the caller can warn that the program saw an empty result.
 */

const handWritten: Record<string, Answer> = {
    ...accountAnswers, ...networkAnswers, ...imageAnswers, ...identityAnswers, ...serviceAnswers, ...tlsAnswers, ...kubernetesAnswers,
    ...policyDocumentAnswers,
};

/**
 * Lookups of things a fresh account does not have: the data source fails, as against AWS, and the
 * program takes its "create it" path (programs look up an OIDC provider and create it when missing).
 */
const notFound: Record<string, (i: Inputs) => string> = {
    "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": i => `finding IAM OIDC Provider (${String(i.url ?? i.arn ?? "")}): couldn't find resource`,
};

/** The tokens whose offline answer is "not found". */
export const notFoundTokens: readonly string[] = Object.keys(notFound);

/** The tokens with a hand-written answer (for tests and reports). */
export const handWrittenTokens: readonly string[] = Object.keys(handWritten);

function isPlainObject(v: unknown): v is Record<string, any> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Completes a hand-written answer with the generic one: properties the SDK declares but the answer
 * leaves out get the generic value (also inside nested objects and list elements), so a program
 * reading a property nobody thought of still sees the declared shape. The hand-written value wins.
 */
function fillFrom(specific: unknown, generic: unknown): unknown {
    if (isPlainObject(specific) && isPlainObject(generic)) {
        const out: Record<string, unknown> = { ...specific };
        for (const [k, v] of Object.entries(generic)) {
            out[k] = k in specific ? fillFrom(specific[k], v) : v;
        }
        return out;
    }
    if (Array.isArray(specific) && Array.isArray(generic) && isPlainObject(generic[0])) {
        return specific.map(e => fillFrom(e, generic[0]));
    }
    return specific;
}

/** Drops undefined values, which the wire encoding rejects and which would read as holes in lists. */
function clean(v: unknown): unknown {
    if (Array.isArray(v)) return v.filter(e => e !== undefined).map(clean);
    if (isPlainObject(v)) {
        const out: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(v)) {
            if (e !== undefined) out[k] = clean(e);
        }
        return out;
    }
    return v;
}

function attempt<T>(f: () => T): T | undefined {
    try {
        return f();
    } catch {
        // A failure here is ours, not the program's: fall through to the next tier rather than fail the run.
        return undefined;
    }
}

export function answerInvoke(token: string, inputs: Record<string, any>, c: InvokeContext): Record<string, any> {
    const i: Inputs = isPlainObject(inputs) ? inputs : {};
    if (notFound[token]) {
        throw new LookupNotFound(notFound[token](i));
    }
    const specific = handWritten[token];
    const answer = specific ? attempt(() => specific(i, c)) : undefined;
    const decl = attempt(() => findFunction(token, c.resolveFrom));
    const generic = decl ? attempt(() => synthesise(decl, i, c)) : undefined;
    if (isPlainObject(answer)) {
        return clean(generic ? fillFrom(answer, generic) : answer) as Record<string, any>;
    }
    if (generic) {
        c.generic.add(token);
        return clean(generic) as Record<string, any>;
    }
    c.unanswered.add(token);
    return {};
}

/** The context of one run: `resolveFrom` is where the program resolves its provider SDKs (default: the working directory). */
export function defaultInvokeContext(region: string, resolveFrom?: string): InvokeContext {
    return {
        region, account: offlineAccountId, availabilityZones: zonesOf(region),
        unanswered: new Set(), generic: new Set(), resolveFrom: resolveFrom ?? process.cwd(),
    };
}
