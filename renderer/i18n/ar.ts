// placeholder until translated
import { en, type Catalogue } from './en';

export const ar: Catalogue = { ...en };
