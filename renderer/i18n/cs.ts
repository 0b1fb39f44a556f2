// placeholder until translated
import { en, type Catalogue } from './en';

export const cs: Catalogue = { ...en };
