import { Goal, applyTransformOptions, transformOptionsOf } from "./goal";
import { callbackproto, callbackrpc, grpc, grpcOptions, resproto, structproto } from "./protocol";

/** A program-side callback (a transform), as the SDK registers it: its callback server and a token. */
export interface Callback {
    target: string;
    token: string;
}

export function callbackOf(cb: any): Callback {
    return { target: cb.getTarget(), token: cb.getToken() };
}

/**
 * Calls into the program's callback server, as the engine does for transforms
 * (pkg/resource/deploy/source_eval.go:1561 wrapTransformCallback): the request is a serialised
 * TransformRequest, the answer a serialised TransformResponse.
 */
export class CallbackClients {
    private readonly clients = new Map<string, any>();

    private client(target: string): any {
        let c = this.clients.get(target);
        if (!c) {
            c = new callbackrpc.CallbacksClient(target, grpc.credentials.createInsecure(), grpcOptions);
            this.clients.set(target, c);
        }
        return c;
    }

    private invoke(cb: Callback, request: Uint8Array): Promise<Uint8Array> {
        const req = new callbackproto.CallbackInvokeRequest();
        req.setToken(cb.token);
        req.setRequest(request);
        return new Promise((resolve, reject) => {
            this.client(cb.target).invoke(req, (err: any, resp: any) => err ? reject(err) : resolve(resp.getResponse_asU8()));
        });
    }

    /** Runs one resource transform on the goal, replacing its properties and options with the result. */
    async transformResource(cb: Callback, g: Goal): Promise<void> {
        const req = new resproto.TransformRequest();
        req.setType(g.type);
        req.setName(g.name);
        req.setCustom(g.custom);
        req.setParent(g.parent);
        req.setProperties(structproto.Struct.fromJavaScript(g.properties));
        req.setOptions(transformOptionsOf(g));
        const bytes = await this.invoke(cb, req.serializeBinary());
        const resp = resproto.TransformResponse.deserializeBinary(bytes);
        const props = resp.getProperties();
        if (props) {
            g.properties = props.toJavaScript();
        }
        const opts = resp.getOptions();
        if (opts) {
            applyTransformOptions(g, opts);
        }
    }

    /** Runs one invoke transform (registerInvokeTransform) on a data source call's arguments. */
    async transformInvoke(cb: Callback, token: string, args: Record<string, any>, options: any): Promise<{ args: Record<string, any>; options: any }> {
        const req = new resproto.TransformInvokeRequest();
        req.setToken(token);
        req.setArgs(structproto.Struct.fromJavaScript(args));
        req.setOptions(options);
        const bytes = await this.invoke(cb, req.serializeBinary());
        const resp = resproto.TransformInvokeResponse.deserializeBinary(bytes);
        return { args: resp.getArgs()?.toJavaScript() ?? args, options: resp.getOptions() ?? options };
    }

    close(): void {
        for (const c of this.clients.values()) {
            try { c.close(); } catch { /* already closed */ }
        }
        this.clients.clear();
    }
}
