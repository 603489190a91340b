/** The benches stream COPY through the same helper as the HSDS import. */
export { copyFrom } from '../../src/core/db/copy';
