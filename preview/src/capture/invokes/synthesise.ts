import { InvokeContext, Inputs, known, regionOf, seedOf, str } from "./context";
import { FunctionDeclaration } from "./declarations";
import { Subject, hasEc2Prefix, stringFor } from "./naming";
import { TypeNode } from "./type-parser";

/**
 * The generic answer: a value of the shape the SDK declares the data source returns, for data
 * sources nobody wrote an answer for. Required properties get a value by their type and name,
 * optional ones only when the caller passed an input of the same name (the provider echoes its
 * arguments: filters, names, tags); nested `outputs.*` types are followed to a fixed depth, since
 * some refer to themselves.
 */

const maxDepth = 6;

/** The name the caller looked the object up by: `name`, `<noun>Name`, any `*Name`, `*Identifier`, the last part of an `arn`. */
function lookupName(i: Inputs, noun: string): string | undefined {
    const lower = noun[0].toLowerCase() + noun.slice(1);
    const keys = Object.keys(i).sort();
    const direct = str(i.name) ?? str(i[`${lower}Name`]) ?? str(i[`${lower}Identifier`]);
    if (direct) return direct;
    for (const k of keys) {
        if (/(Name|Identifier)$/.test(k) && str(i[k])) return str(i[k]);
    }
    const arn = str(i.arn);
    return arn ? arn.split(/[:/]/).pop() : undefined;
}

function singular(prop: string): string {
    if (/ies$/.test(prop)) return prop.slice(0, -3) + "y";
    if (/(ss|x|ch|sh|us)es$/.test(prop)) return prop.slice(0, -2);
    if (/[^s]s$/.test(prop)) return prop.slice(0, -1);
    return prop;
}

function countFor(prop: string): number {
    if (/(^ids|Ids|^names|Names|^arns|Arns)$/.test(prop)) return 2;
    if (/(^zones|Zones|ZoneIds)$/.test(prop)) return 3;
    return 1;
}

/** The port a service listens on by default, for `port` properties of its data sources. */
const ports: Record<string, number> = { rds: 5432, docdb: 27017, elasticache: 6379, memorydb: 6379, neptune: 8182, redshift: 5439, mq: 5671, msk: 9092 };

function numberFor(prop: string, module: string): number {
    const p = prop.toLowerCase();
    if (p.endsWith("port")) return ports[module] ?? 443;
    if (/memory/.test(p)) return 128;
    if (/(ttl)$/.test(p)) return 300;
    if (/(days|retention|retentionindays)$/.test(p)) return 7;
    if (/(timeout|seconds|interval|duration)$/.test(p)) return 30;
    if (/(percent|percentage)$/.test(p)) return 100;
    if (/(size|gb|gib|storage|allocatedstorage)$/.test(p)) return 20;
    return 1;
}

function booleanFor(prop: string): boolean {
    return /^(enabled|active|available)$/.test(prop) || /Enabled$/.test(prop);
}

class Synthesiser {
    constructor(private readonly decl: FunctionDeclaration, private readonly subject: Subject, private readonly inputs: Inputs) {}

    value(t: TypeNode, prop: string, depth: number, index: number): unknown {
        switch (t.kind) {
            case "primitive":
                if (t.name === "string") return stringFor(prop, this.subject, index, this.inputs);
                if (t.name === "number" || t.name === "bigint") return numberFor(prop, this.subject.module);
                if (t.name === "boolean") return booleanFor(prop);
                if (t.name === "any" || t.name === "unknown" || t.name === "object") return {};
                return undefined;
            case "literal":
                return t.value;
            case "union": {
                const options = t.options.filter(o => !(o.kind === "primitive" && ["undefined", "null", "void", "never"].includes(o.name)));
                return options.length > 0 ? this.value(options[0], prop, depth, index) : undefined;
            }
            case "array": {
                if (depth >= maxDepth) return [];
                let element = singular(prop);
                if (t.element.kind === "primitive" && t.element.name === "string" && this.subject.pkg === "aws" && !/Id$/.test(element) && hasEc2Prefix(element)) {
                    element += "Id";    // `securityGroups: string[]` lists security group ids
                }
                const out: unknown[] = [];
                for (let n = 0; n < countFor(prop); n++) {
                    const v = this.value(t.element, element, depth + 1, n);
                    if (v !== undefined) out.push(v);
                }
                return out;
            }
            case "map":
                return {};
            case "object":
                return depth >= maxDepth ? undefined : this.object(t, depth, undefined);
            case "ref": {
                if (t.name.startsWith("enums.")) return stringFor(prop, this.subject, index, this.inputs);
                const resolved = depth >= maxDepth ? undefined : this.decl.resolve(t.name);
                return resolved ? this.value(resolved, prop, depth + 1, index) : undefined;
            }
        }
    }

    /** An object's required properties; at the top level, also every property the caller passed in. */
    object(t: Extract<TypeNode, { kind: "object" }>, depth: number, echo: Inputs | undefined): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (const p of t.props) {
            if (echo && p.name in echo && known(echo[p.name])) {
                out[p.name] = echo[p.name];
            } else if (!p.optional) {
                const v = this.value(p.type, p.name, depth + 1, 0);
                if (v !== undefined) out[p.name] = v;
            }
        }
        return out;
    }
}

/** The generic answer for a declared function, or undefined when its result is not an object type we can follow. */
export function synthesise(decl: FunctionDeclaration, inputs: Inputs, c: InvokeContext): Record<string, any> | undefined {
    const noun = decl.fn.replace(/^get(?=[A-Z])/, "").replace(/^[a-z]/, ch => ch.toUpperCase());
    const subject: Subject = {
        pkg: decl.pkg, module: decl.module, noun,
        region: decl.pkg === "aws" ? regionOf(inputs, c) : c.region,
        account: c.account,
        name: lookupName(inputs, noun),
        seed: seedOf(decl.token, inputs, c),
    };
    const s = new Synthesiser(decl, subject, inputs);
    let root: TypeNode | undefined = decl.result;
    for (let n = 0; root && root.kind === "ref" && n < 3; n++) root = decl.resolve(root.name);
    if (!root || root.kind !== "object") return undefined;
    return s.object(root, 0, inputs);
}
