// Every AWS resource type token the pack names, in one place, spelled as @pulumi/aws spells it: keyed by
// the provider's module and class, so `awsTypes.kms.Key` is the `__pulumiType` of `aws.kms.Key`
// (tests/policy/lib/aws-types.test.ts checks each one against the installed @pulumi/aws). Where v6 and v7
// of the provider name the same AWS resource differently, both spellings are here (v6's are still
// registered, deprecated, by v7). Policies take their tokens from here, never from a string of their own.
// (lib/taggable-aws-types.ts, generated, is the exception: the list of every taggable type.)

export const awsTypes = {
    autoscaling: {
        Group: "aws:autoscaling/group:Group",
    },
    cloudwatch: {
        LogGroup: "aws:cloudwatch/logGroup:LogGroup",
        /** EventBridge rules and targets live in the provider's cloudwatch module. */
        EventRule: "aws:cloudwatch/eventRule:EventRule",
        EventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    },
    cloudtrail: {
        Trail: "aws:cloudtrail/trail:Trail",
    },
    codebuild: {
        Project: "aws:codebuild/project:Project",
    },
    codecommit: {
        Repository: "aws:codecommit/repository:Repository",
    },
    codepipeline: {
        Pipeline: "aws:codepipeline/pipeline:Pipeline",
        Webhook: "aws:codepipeline/webhook:Webhook",
    },
    dynamodb: {
        Table: "aws:dynamodb/table:Table",
    },
    ebs: {
        Volume: "aws:ebs/volume:Volume",
        EncryptionByDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
    },
    ec2: {
        Instance: "aws:ec2/instance:Instance",
        LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
        Vpc: "aws:ec2/vpc:Vpc",
        DefaultVpc: "aws:ec2/defaultVpc:DefaultVpc",
        FlowLog: "aws:ec2/flowLog:FlowLog",
        SecurityGroup: "aws:ec2/securityGroup:SecurityGroup",
        SecurityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
        DefaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        ManagedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
        ManagedPrefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
    },
    ecr: {
        Repository: "aws:ecr/repository:Repository",
        RegistryScanningConfiguration: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
        RepositoryCreationTemplate: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
        PullThroughCacheRule: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    },
    ecrpublic: {
        Repository: "aws:ecrpublic/repository:Repository",
    },
    ecs: {
        TaskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    },
    iam: {
        Policy: "aws:iam/policy:Policy",
        RolePolicy: "aws:iam/rolePolicy:RolePolicy",
        UserPolicy: "aws:iam/userPolicy:UserPolicy",
        GroupPolicy: "aws:iam/groupPolicy:GroupPolicy",
        Role: "aws:iam/role:Role",
        RolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        UserPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        GroupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        PolicyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
        RolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
        UserPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
        GroupPolicyAttachmentsExclusive: "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
    },
    kms: {
        Key: "aws:kms/key:Key",
        ExternalKey: "aws:kms/externalKey:ExternalKey",
        ReplicaKey: "aws:kms/replicaKey:ReplicaKey",
        ReplicaExternalKey: "aws:kms/replicaExternalKey:ReplicaExternalKey",
        Alias: "aws:kms/alias:Alias",
    },
    rds: {
        Instance: "aws:rds/instance:Instance",
        Cluster: "aws:rds/cluster:Cluster",
    },
    s3: {
        /** v7's bucket. */
        Bucket: "aws:s3/bucket:Bucket",
        /** v6's bucket (deprecated in v7). The v6 configuration resources below end in V2 the same way. */
        BucketV2: "aws:s3/bucketV2:BucketV2",
        BucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
        BucketVersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
        BucketServerSideEncryptionConfiguration: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        BucketServerSideEncryptionConfigurationV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        BucketLogging: "aws:s3/bucketLogging:BucketLogging",
        BucketLoggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
        BucketAcl: "aws:s3/bucketAcl:BucketAcl",
        BucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
        /** No V2 spelling: the same token in v6 and v7. */
        BucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        /** No V2 spelling: the same token in v6 and v7. */
        BucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
        BucketLifecycleConfiguration: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        BucketLifecycleConfigurationV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
        BucketWebsiteConfiguration: "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
        BucketWebsiteConfigurationV2: "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
        /** The account-wide block, covering every bucket of the account. */
        AccountPublicAccessBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        /** S3 Express One Zone directory bucket. */
        DirectoryBucket: "aws:s3/directoryBucket:DirectoryBucket",
    },
    scheduler: {
        Schedule: "aws:scheduler/schedule:Schedule",
    },
    secretsmanager: {
        Secret: "aws:secretsmanager/secret:Secret",
    },
    sns: {
        Topic: "aws:sns/topic:Topic",
    },
    vpc: {
        /** The provider's `vpc` module holds newer EC2 VPC resources. */
        SecurityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    },
} as const;

/**
 * The @pulumi/aws-native (Cloud Control) tokens the pack names: `aws-native:<module>:<Type>`, the CloudFormation
 * type `AWS::<Module>::<Type>` spelt as the provider spells it. Their inputs are the CloudFormation properties in
 * camelCase (`StorageEncrypted` -> `storageEncrypted`). @pulumi/aws-native is not a dependency of the pack or
 * its tests (tests register these types as raw custom resources), so tests/policy/lib/aws-types.test.ts checks
 * only their spelling.
 */
export const awsNativeTypes = {
    cloudtrail: {
        Trail: "aws-native:cloudtrail:Trail",
    },
    dynamodb: {
        Table: "aws-native:dynamodb:Table",
    },
    ec2: {
        Volume: "aws-native:ec2:Volume",
        LaunchTemplate: "aws-native:ec2:LaunchTemplate",
    },
    rds: {
        DBInstance: "aws-native:rds:DBInstance",
        DBCluster: "aws-native:rds:DBCluster",
    },
} as const;

type Modules = typeof awsTypes;
/** Any token of this module. */
export type AwsType = { [M in keyof Modules]: Modules[M][keyof Modules[M]] }[keyof Modules];

/** The class name of a token, for messages: `aws:iam/rolePolicy:RolePolicy` -> `RolePolicy`. */
export function typeName(type: string): string {
    return type.split(":").pop() ?? type;
}

/** The provider module of a token: `aws:s3/bucketPolicy:BucketPolicy` -> `s3` (`*` for `aws:*`). */
export function moduleOf(type: string): string {
    return type.split(":")[1]?.split("/")[0] ?? "";
}
