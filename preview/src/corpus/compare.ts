import { CapturedResource } from "../model";

/** A resource as both captures can name it. */
function keyOf(type: string, name: string): string {
    return `${type}::${name}`;
}

/**
 * The resources the program itself registered, as the engine's capture recorded them: without the
 * default providers the engine creates and the children our component models add (neither of
 * which the program registers, so no mock monitor sees them).
 */
export function programRegistrations(resources: CapturedResource[]): string[] {
    return resources
        .filter(r => !(r.type.startsWith("pulumi:providers:") && /^default(_|$)/.test(r.name) && r.parent === undefined))
        .filter(r => !r.modelledChildOf)
        .map(r => keyOf(r.type, r.name));
}

/** The difference between two multisets of `type::name`: what only ours has, what only the mocks have. */
export function compareCaptures(ours: string[], mocks: { type: string; name: string }[]): { onlyOurs: string[]; onlyMocks: string[] } {
    const counts = new Map<string, number>();
    for (const k of ours) counts.set(k, (counts.get(k) ?? 0) + 1);
    const onlyMocks: string[] = [];
    for (const m of mocks) {
        const k = keyOf(m.type, m.name);
        const n = counts.get(k) ?? 0;
        if (n > 0) counts.set(k, n - 1);
        else onlyMocks.push(k);
    }
    const onlyOurs: string[] = [];
    for (const [k, n] of counts) for (let i = 0; i < n; i++) onlyOurs.push(k);
    return { onlyOurs: onlyOurs.sort(), onlyMocks: onlyMocks.sort() };
}
