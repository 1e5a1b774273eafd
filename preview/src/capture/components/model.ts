// Components implemented by provider plugins (awsx, eks, ...) are built by the plugin's Construct
// call, which registers their children with the engine. No plugin runs offline, so for the common
// ones a model says which children the plugin registers for given inputs; the registry registers
// them as the plugin would, so policies see what the engine would register. Components without a
// model are reported as not analysed.

/** A reference, inside a child's properties, to an output of an earlier child (an id, an ARN). */
export interface ChildRef {
    readonly __childRef: string;
    readonly output: string;
}

/** `child` is the key of an earlier child (its name unless it has a `key`). */
export function ref(child: string, output: string): ChildRef {
    return { __childRef: child, output };
}

export function isChildRef(v: unknown): v is ChildRef {
    return typeof v === "object" && v !== null && typeof (v as any).__childRef === "string";
}

/** A value the model cannot know offline (an input the program gave as unknown). */
export const unknownInput = Symbol("unknown input");

export interface ChildGoal {
    type: string;
    /** The child's logical name, as the plugin names it (e.g. `${name}-public-1`). */
    name: string;
    /**
     * What `parent`, `ref()`, `dependsOn` and the outputs callback call this child by; `name` if absent.
     * Needed because plugins give several children the same logical name (awsx names a subnet, its
     * route table, their association and its route all `${vpc}-public-1`): URNs differ by type, keys must too.
     */
    key?: string;
    /** Key of an earlier child that is this child's parent; the component itself if absent. */
    parent?: string;
    /** Plain values, ChildRefs, or unknownInput. */
    properties: Record<string, unknown>;
    /** Keys of earlier children this child depends on besides those its properties reference. */
    dependsOn?: string[];
    /** True for components the plugin registers inside (rare); custom resources by default. */
    component?: boolean;
}

/** The key a child is referred to by (see ChildGoal.key). */
export function childKey(c: ChildGoal): string {
    return c.key ?? c.name;
}

export interface ModelContext {
    /** The component's logical name. */
    name: string;
    /** The component's inputs as plain values (secrets unwrapped); unknown values are `unknownInput`. */
    inputs: Record<string, unknown>;
    region: string;
    account: string;
    /** Availability zones of the region, as the offline getAvailabilityZones answers. */
    availabilityZones: string[];
}

export interface Expansion {
    children: ChildGoal[];
    /**
     * The component's outputs, from its children's outputs once they are registered
     * (`output(child, prop)` is the wire value: unknown during a preview for computed outputs).
     */
    outputs(output: (child: string, prop: string) => unknown): Record<string, unknown>;
}

export interface ComponentModel {
    /** The component's type token, e.g. `awsx:ec2:Vpc`. */
    type: string;
    /** The plugin version range the model follows, and where its behaviour is documented. */
    source: string;
    expand(c: ModelContext): Expansion;
}
