import kmsKeyRotationEnabled from "./kms-key-rotation-enabled";

export const kmsPolicies = [kmsKeyRotationEnabled];
