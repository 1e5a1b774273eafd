import { emptyproto, engproto, engrpc } from "./protocol";

export type LogSeverity = "debug" | "info" | "warning" | "error";

/** A message the program logged through the engine (pulumi.log, the SDK's own warnings, its errors). */
export interface ProgramLog {
    severity: LogSeverity;
    message: string;
    urn: string;
}

const severities: Record<number, LogSeverity> = { 0: "debug", 1: "info", 2: "warning", 3: "error" };

export interface EngineState {
    logs: ProgramLog[];
    rootUrn: string;
}

/**
 * The Engine service a program's SDK logs to (the CLI shows these as the stack's diagnostics, and a
 * logged error fails the run): its messages are collected, not printed by the program.
 */
export function engineService(state: EngineState): [any, Record<string, Function>] {
    return [engrpc.EngineService, {
        log: (call: any, callback: any) => {
            const req = call.request;
            if (!req.getEphemeral()) {
                state.logs.push({ severity: severities[req.getSeverity()] ?? "info", message: req.getMessage(), urn: req.getUrn() });
            }
            callback(null, new emptyproto.Empty());
        },
        getRootResource: (_call: any, callback: any) => {
            const resp = new engproto.GetRootResourceResponse();
            resp.setUrn(state.rootUrn);
            callback(null, resp);
        },
        setRootResource: (call: any, callback: any) => {
            state.rootUrn = call.request.getUrn();
            callback(null, new engproto.SetRootResourceResponse());
        },
        startDebugging: (_call: any, callback: any) => callback(null, new emptyproto.Empty()),
        requirePulumiVersion: (_call: any, callback: any) => callback(null, new engproto.RequirePulumiVersionResponse()),
    }];
}
