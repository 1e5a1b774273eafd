// Last writer wins: see describeLastWriterWins for the shape and the correct verdict.
import { describeLastWriterWins } from "../../fixtures/s3-duplicates";

describeLastWriterWins("s3-bucket-versioning-enabled", "versioning");
