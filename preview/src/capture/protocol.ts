import * as path from "path";

// The gRPC services and messages of the Pulumi protocol, from the @pulumi/pulumi this tool depends on.
// Programs talk to the monitor over gRPC (bytes on the wire), so their own @pulumi/pulumi may be a
// different copy; only google-protobuf must be the copy these generated modules were built with.
/* eslint-disable @typescript-eslint/no-var-requires */
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));

export const grpc = fromPulumi("@grpc/grpc-js");
export const resproto = require("@pulumi/pulumi/proto/resource_pb");
export const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
export const providerproto = require("@pulumi/pulumi/proto/provider_pb");
export const engproto = require("@pulumi/pulumi/proto/engine_pb");
export const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
export const callbackproto = require("@pulumi/pulumi/proto/callback_pb");
export const callbackrpc = require("@pulumi/pulumi/proto/callback_grpc_pb");
export const aliasproto = require("@pulumi/pulumi/proto/alias_pb");
export const structproto = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const emptyproto = fromPulumi("google-protobuf/google/protobuf/empty_pb");

/** gRPC's message limit for big programs (the engine raises it the same way). */
export const grpcOptions = {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
};

/** Starts a gRPC server with the given services on a free loopback port. */
export async function startServer(services: [any, Record<string, Function>][]): Promise<{ server: any; address: string }> {
    const server = new grpc.Server(grpcOptions);
    for (const [definition, implementation] of services) {
        server.addService(definition, implementation);
    }
    const port: number = await new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) => err ? reject(err) : resolve(p));
    });
    return { server, address: `127.0.0.1:${port}` };
}

/** Stops a server started by startServer, dropping open calls. */
export function stopServer(server: any): Promise<void> {
    return new Promise(resolve => server.tryShutdown(() => resolve()));
}

/** An error answer for a gRPC call, carrying a message the SDK shows to the program. */
export function grpcError(code: "UNKNOWN" | "UNAVAILABLE" | "INVALID_ARGUMENT" | "INTERNAL", message: string): any {
    return { code: grpc.status[code], details: message, message };
}
