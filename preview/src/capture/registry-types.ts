// What a registry is given and what it answers, and the two ways a registration is refused.
import { CapturedResource, Mode } from "../model";
import { StackConfig } from "../project";
import { WireProperties } from "../wire";
import { CallbackClients } from "./callbacks";
import { SchemaIndex } from "./schema";

/** A registration the engine rejects as malformed (the program's mistake, e.g. an unparsable timeout). */
export class InvalidRegistration extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InvalidRegistration";
    }
}

/** Refuses a registration the way the engine does when it stops the deployment (a mandatory violation). */
export class RegistrationRefused extends Error {
    constructor(message: string) {
        super(message);
        this.name = "RegistrationRefused";
    }
}

export interface RegistryOptions {
    project: string;
    stack: string;
    mode: Mode;
    config: StackConfig;
    region: string;
    schemas: SchemaIndex;
    callbacks: CallbackClients;
    availabilityZones: string[];
    /**
     * Runs the analyzers on a resource as it registers (Remediate, then Analyze), before the
     * provider creates it, and returns the inputs the engine goes on with. Throws
     * RegistrationRefused to stop the deployment (a mandatory violation during an update).
     */
    analyze?: (r: CapturedResource, lookup: (urn: string) => CapturedResource | undefined) => Promise<WireProperties | void>;
    onRegistered?: (count: number) => void;
}

/** What the engine answers a registration with. */
export interface Registered {
    urn: string;
    id: string;
    /** Outputs in the wire encoding, as the engine returns them to the program. */
    object: WireProperties;
}
