// Mocha root hooks (.mocharc.json requires this file): the packs the tests shared are stopped at the end.
import { sharedPackPool } from "./preview";

export const mochaHooks = {
    async afterAll(): Promise<void> {
        await sharedPackPool.close();
    },
};
