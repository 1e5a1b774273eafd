// Where IAM documents sit, and the walk over their statements (policy/lib/iam-documents.ts).
import * as assert from "assert";
import { identityDocuments, reportWalk, trustDocument, walkDocuments } from "../../../policy/lib/iam-documents";
import { unknownSentinels } from "../../../policy/lib/unknowns";

const u = unknownSentinels.string;
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("lib/iam-documents", () => {
    const located: [string, string, Record<string, unknown>, [string, string][]][] = [
        ["a managed policy's policy", "aws:iam/policy:Policy", { policy: doc({ Effect: "Allow" }) }, [["policy", "document"]]],
        ["a role policy's policy", "aws:iam/rolePolicy:RolePolicy", { policy: u }, [["policy", "unknown"]]],
        ["each inline policy of a role", "aws:iam/role:Role", { inlinePolicies: [{ policy: doc({ Effect: "Allow" }) }, u, { name: "x" }] },
            [["inlinePolicies[0].policy", "document"], ["inlinePolicies[1]", "unknown"], ["inlinePolicies[2].policy", "absent"]]],
        ["an unknown inline policy list as one unknown document", "aws:iam/role:Role", { inlinePolicies: u }, [["inlinePolicies", "unknown"]]],
        ["no document of other types", "aws:s3/bucket:Bucket", { policy: doc({ Effect: "Allow" }) }, []],
    ];
    for (const [what, type, props, expected] of located) {
        it(`finds ${what}`, () => assert.deepStrictEqual(identityDocuments(type, props).map(d => [d.property, d.parsed.kind]), expected));
    }

    it("finds a role's trust policy", () => {
        assert.deepStrictEqual(trustDocument({ assumeRolePolicy: "{" }).parsed, { kind: "malformed", reason: "is not valid JSON", path: ["assumeRolePolicy"] });
    });

    it("collects findings, undecided places and malformed documents", () => {
        const docs = identityDocuments("aws:iam/role:Role", {
            inlinePolicies: [
                { policy: { Statement: [{ Effect: "Allow", Action: "*" }, u, { Effect: "Allow", Action: u }, { Effect: "Deny", Action: "*" }] } },
                { policy: "{ nope" },
                u,
            ],
        });
        const walk = walkDocuments(docs, (_d, s) => {
            if (s.effect !== "Allow") return;
            if (s.action?.some(a => a.unknown)) return { undecidedAt: s.action[0].path };
            return { findings: [`statement ${s.index}`] };
        });
        assert.deepStrictEqual(walk.findings, ["statement 0"]);
        assert.deepStrictEqual(walk.undecided, [
            ["inlinePolicies", 0, "policy", "Statement", 1], ["inlinePolicies", 0, "policy", "Statement", 2, "Action"], ["inlinePolicies", 2],
        ]);
        assert.deepStrictEqual(walk.malformed.map(m => m.property), ["inlinePolicies[1].policy"]);
        const seen: string[] = [];
        reportWalk({ report: (m: string) => seen.push(`report ${m}`), undecided: (p: unknown[]) => seen.push(`undecided ${p.join(".")}`) } as any, walk);
        assert.deepStrictEqual(seen, [
            "report statement 0", "undecided inlinePolicies.0.policy.Statement.1", "undecided inlinePolicies.0.policy.Statement.2.Action", "undecided inlinePolicies.2",
        ]);
    });
});
