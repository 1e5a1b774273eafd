// Small typed builders for IAM, key, bucket and topic policy documents. Values may be Outputs; the
// document is known at preview as long as every piece is (see naming.ts).
import * as pulumi from "@pulumi/pulumi";

export interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS?: pulumi.Input<string> | pulumi.Input<string>[]; Service?: string | string[] };
    Action: string | string[];
    /** Absent only in trust policies. */
    Resource?: pulumi.Input<string> | pulumi.Input<string>[];
    Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

/** A policy document as a JSON string Output (known at preview when all its pieces are). */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** A trust policy for one AWS service, limited to calls made on behalf of this account. */
export function serviceTrustPolicy(service: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return policyDocument([{
        Sid: "AssumedByService",
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    }]);
}

/** The statement every bucket policy carries: deny any request that is not over TLS. */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): Statement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}
