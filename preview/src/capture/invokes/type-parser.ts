/**
 * A small parser for the TypeScript type expressions that Pulumi's code generator writes into provider
 * SDK declaration files (`string`, `outputs.ec2.GetAmiFilter[]`, `{ [key: string]: string; }`, unions
 * of literals, `Array<T>`, `Record<K, V>`). It exists so the generic invoke answer does not have to load
 * the TypeScript compiler (tens of megabytes, seconds to parse a provider's 5 MB output.d.ts); the
 * generated files use only this subset.
 */

export type TypeNode =
    | { kind: "primitive"; name: string }
    | { kind: "literal"; value: string | number | boolean }
    | { kind: "array"; element: TypeNode }
    | { kind: "map"; value: TypeNode }
    | { kind: "object"; props: PropNode[] }
    | { kind: "ref"; name: string; args: TypeNode[] }
    | { kind: "union"; options: TypeNode[] };

export interface PropNode {
    name: string;
    optional: boolean;
    type: TypeNode;
}

const primitives = new Set(["string", "number", "boolean", "any", "unknown", "object", "null", "undefined", "void", "never", "bigint"]);

/** Comments may contain anything (JSON examples with braces), so they go before tokenising. */
export function stripComments(text: string): string {
    return text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ");
}

function tokenize(text: string): string[] {
    const tokens: string[] = [];
    const re = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*)|(=>|[{}[\]()<>|&;,:?.=]))/y;
    let m: RegExpExecArray | null;
    re.lastIndex = 0;
    while (re.lastIndex < text.length && (m = re.exec(text))) {
        tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
    }
    if (text.slice(re.lastIndex).trim() !== "") {
        throw new Error(`cannot tokenise type near ${JSON.stringify(text.slice(re.lastIndex, re.lastIndex + 20))}`);
    }
    return tokens;
}

class Parser {
    private pos = 0;
    constructor(private readonly tokens: string[]) {}

    private peek(): string | undefined { return this.tokens[this.pos]; }
    private next(): string {
        const t = this.tokens[this.pos++];
        if (t === undefined) throw new Error("unexpected end of type");
        return t;
    }
    private eat(t: string): boolean {
        if (this.peek() === t) { this.pos++; return true; }
        return false;
    }
    private expect(t: string): void {
        const got = this.next();
        if (got !== t) throw new Error(`expected ${t}, got ${got}`);
    }
    done(): boolean { return this.pos >= this.tokens.length; }

    type(): TypeNode {
        this.eat("|");
        const options = [this.intersection()];
        while (this.eat("|")) options.push(this.intersection());
        return options.length === 1 ? options[0] : { kind: "union", options };
    }

    /** `A & B` of object types merges their members; anything else keeps the first part. */
    private intersection(): TypeNode {
        const parts = [this.postfix()];
        while (this.eat("&")) parts.push(this.postfix());
        if (parts.length === 1) return parts[0];
        const objects = parts.filter((p): p is Extract<TypeNode, { kind: "object" }> => p.kind === "object");
        return objects.length === parts.length ? { kind: "object", props: objects.flatMap(o => o.props) } : parts[0];
    }

    private postfix(): TypeNode {
        let t = this.primary();
        while (this.peek() === "[" && this.tokens[this.pos + 1] === "]") {
            this.pos += 2;
            t = { kind: "array", element: t };
        }
        return t;
    }

    private primary(): TypeNode {
        const t = this.next();
        if (t === "(") {
            const inner = this.type();
            this.expect(")");
            return inner;
        }
        if (t === "{") return this.members("}");
        if (t === "true" || t === "false") return { kind: "literal", value: t === "true" };
        if (/^["']/.test(t)) return { kind: "literal", value: JSON.parse(t.startsWith("'") ? `"${t.slice(1, -1).replace(/"/g, '\\"')}"` : t) };
        if (/^-?\d/.test(t)) return { kind: "literal", value: Number(t) };
        if (!/^[A-Za-z_$]/.test(t)) throw new Error(`unexpected ${t} in type`);
        let name = t;
        while (this.eat(".")) name += "." + this.next();
        if (primitives.has(name)) return { kind: "primitive", name };
        const args: TypeNode[] = [];
        if (this.eat("<")) {
            do args.push(this.type()); while (this.eat(","));
            this.expect(">");
        }
        if (name === "Array" || name === "ReadonlyArray") return { kind: "array", element: args[0] ?? { kind: "primitive", name: "any" } };
        if (name === "Record") return { kind: "map", value: args[1] ?? { kind: "primitive", name: "any" } };
        return { kind: "ref", name, args };
    }

    /** An object type literal or an interface body: properties and index signatures. */
    members(close: string): TypeNode {
        const props: PropNode[] = [];
        let index: TypeNode | undefined;
        while (!this.eat(close)) {
            if (this.eat(";") || this.eat(",")) continue;
            if (this.peek() === "readonly" && this.tokens[this.pos + 1] !== ":" && this.tokens[this.pos + 1] !== "?") this.pos++;
            if (this.eat("[")) {
                this.next(); // key name
                this.expect(":");
                this.type();
                this.expect("]");
                this.expect(":");
                index = this.type();
                continue;
            }
            const raw = this.next();
            const name = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
            const optional = this.eat("?");
            if (this.peek() === "(") throw new Error("methods are not data");
            this.expect(":");
            props.push({ name, optional, type: this.type() });
        }
        if (index && props.length === 0) return { kind: "map", value: index };
        return { kind: "object", props };
    }
}

/** Parses one type expression, e.g. the `T` of `Promise<T>`. */
export function parseType(text: string): TypeNode {
    const p = new Parser(tokenize(stripComments(text)));
    const t = p.type();
    if (!p.done()) throw new Error("trailing tokens after type");
    return t;
}

/** Parses an interface body given with its braces, `{ readonly a: string; ... }`. */
export function parseMembers(body: string): TypeNode {
    const tokens = tokenize(stripComments(body));
    if (tokens[0] !== "{") throw new Error("an interface body starts with {");
    const p = new Parser(tokens.slice(1));
    const t = p.members("}");
    if (!p.done()) throw new Error("trailing tokens after interface body");
    return t;
}
