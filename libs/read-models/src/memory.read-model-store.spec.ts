import { MemoryReadModelStore } from './memory.read-model-store';
import { runReadModelStoreConformance } from './read-model-store.conformance';

runReadModelStoreConformance('memory', async () => new MemoryReadModelStore());
