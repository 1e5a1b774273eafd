import { resourcePolicy } from "../../lib/policy";
import { configuredStrings, stringListSetting } from "../../lib/policy-config";
import { bucketTypes } from "../../lib/s3-index";
import { inlineSettingProperties, isSet } from "../../lib/s3-settings";

const allSettings = Object.keys(inlineSettingProperties);

// The inline settings of aws.s3.Bucket (v7) and aws.s3.BucketV2 (v6) are deprecated: the provider manages
// them through the bucket's own API calls, they conflict with the separate resources, and they are gone
// from new provider versions. A canned ACL of "private" is the S3 default and is not reported.
export default resourcePolicy<{ settings: string[] }>({
    name: "s3-bucket-no-inline-configuration",
    description: "S3 buckets configure versioning, encryption, logging, lifecycle rules, ACLs, policy and website through separate resources, not deprecated inline bucket properties.",
    severity: "low",
    pci: "2.2.1",
    enforcementLevel: "advisory",
    resourceTypes: bucketTypes,
    remediationSteps: "Move each inline setting to its own resource: versioning to aws.s3.BucketVersioning, " +
        "serverSideEncryptionConfiguration to aws.s3.BucketServerSideEncryptionConfiguration, logging to " +
        "aws.s3.BucketLogging, lifecycleRules to aws.s3.BucketLifecycleConfiguration, acl/grants to aws.s3.BucketAcl " +
        "(or BucketOwnershipControls), policy to aws.s3.BucketPolicy, website to aws.s3.BucketWebsiteConfiguration.",
    config: {
        properties: {
            settings: stringListSetting("Which inline settings to report.", allSettings, { enum: allSettings }),
        },
    },
    validate: c => {
        const settings = configuredStrings(c.config.settings, allSettings);
        for (const setting of settings) {
            const s = inlineSettingProperties[setting];
            if (!s) continue;
            for (const property of s.properties) {
                const v = c.props[property];
                // Presence is what matters; an unknown value is still an inline setting.
                if (!isSet(v) || (property === "acl" && v === "private")) continue;
                c.report(`S3 bucket '${c.name}' sets inline ${property} (deprecated): remove ${property} from the bucket and use ${s.resource}.`);
            }
        }
    },
});
