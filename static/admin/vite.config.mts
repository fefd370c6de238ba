import { resourceConfig } from '../shared/vite-resource.mts';

export default resourceConfig(import.meta.dirname);
